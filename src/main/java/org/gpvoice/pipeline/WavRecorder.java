package org.gpvoice.pipeline;

import java.io.IOException;
import org.gpvoice.io.ParamsCsvWriter;
import org.gpvoice.io.WavWriter;

/** The recorder stage's file: the resynthesis as WAV (valid after every block), and optionally the fitted parameters. */
public final class WavRecorder implements Pipeline.Recorder {
    private final WavWriter writer;
    private final ParamsCsvWriter csv;
    private final int sampleRate;
    private double residualSum;
    private long fitted;

    /** @param csv per-block parameters, or null */
    public WavRecorder(WavWriter writer, ParamsCsvWriter csv) {
        this.writer = writer;
        this.csv = csv;
        this.sampleRate = writer.sampleRate();
    }

    @Override
    public void write(double[] block, int n) throws IOException {
        writer.write(block, 0, n);
    }

    @Override
    public void params(BlockEvent ev) throws IOException {
        residualSum += ev.modelInfo.residualDb;
        fitted++;
        if (csv != null) {
            csv.write(
                    ev.modelInfo.blockIndex,
                    ev.modelInfo.blockIndex * (double) ev.in.length / sampleRate,
                    ev.modelInfo.f0Hz,
                    Math.sqrt(ev.modelInfo.envelopeVar),
                    ev.modelInfo.residualDb,
                    ev.model);
        }
    }

    /** Blocks whose fitted model reached the recorder (read after the pipeline has ended). */
    public long fittedBlocks() {
        return fitted;
    }

    /** Mean fit residual over those blocks, dB (read after the pipeline has ended). */
    public double meanResidualDb() {
        return fitted == 0 ? Double.NaN : residualSum / fitted;
    }

    public WavWriter writer() {
        return writer;
    }
}
