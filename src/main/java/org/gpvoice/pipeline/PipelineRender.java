package org.gpvoice.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.OfflineRender;
import org.gpvoice.io.ParamsCsvWriter;
import org.gpvoice.io.WavReader;
import org.gpvoice.io.WavWriter;

/**
 * File in, file out through the real-time {@link Pipeline} with no device: it runs as fast as the stages allow (fit
 * and synthesis on two cores) and writes exactly the samples of the single-threaded {@link OfflineRender} for the
 * same seed, aligned with the input and of its length. The output WAV is valid at every moment.
 */
public final class PipelineRender {
    /** Ring slots: enough for capture to stay well ahead of the fit (reading a file is cheap). */
    static final int RING = 256;

    private PipelineRender() {}

    public static OfflineRender.Summary render(
            Path in,
            Path out,
            WavWriter.Encoding encoding,
            EngineConfig cfg,
            Path params,
            java.util.List<org.gpvoice.preset.PresetSwitch.Timed> schedule,
            int capacity,
            OfflineRender.Listener listener,
            AtomicBoolean stop)
            throws IOException {
        try (WavReader reader = WavReader.open(in);
                FileSource source = new FileSource(reader);
                WavWriter writer = WavWriter.create(out, reader.sampleRate(), 1, encoding);
                ParamsCsvWriter csv = params == null ? null : ParamsCsvWriter.create(params, capacity)) {
            int fs = reader.sampleRate();
            WavRecorder rec = new WavRecorder(writer, csv);
            int bs = org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(fs);
            Pipeline.Switch[] switches = new Pipeline.Switch[schedule.size()];
            for (int i = 0; i < switches.length; i++) {
                var t = schedule.get(i);
                long block = (long) Math.floor(t.atSeconds() * fs / bs);
                switches[i] =
                        new Pipeline.Switch(block, t.to().fit(), t.to().preset().name());
            }
            Pipeline p = new Pipeline(cfg, capacity, source, BlockSink.NONE, rec, RING, switches);
            int b = p.blockSize();
            long totalBlocks = (reader.frames() + b - 1) / b + p.latencyBlocks();
            listener.started(totalBlocks, reader.describe());
            long t0 = System.nanoTime();
            p.start();
            boolean interrupted = false;
            try {
                while (!p.awaitEnd(100, TimeUnit.MILLISECONDS)) {
                    listener.progress(Math.min(totalBlocks, p.blocksRecorded()), totalBlocks);
                    if (stop != null && stop.get() && !interrupted) {
                        interrupted = true;
                        p.stop();
                    }
                }
                listener.progress(Math.min(totalBlocks, p.blocksRecorded()), totalBlocks);
                p.shutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
                p.stop();
            }
            if (p.failure() != null) {
                Throwable f = p.failure();
                if (f instanceof IOException io) throw io;
                if (f instanceof RuntimeException r) throw r;
                throw new IOException(f);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            long fitted = rec.fittedBlocks();
            return new OfflineRender.Summary(
                    reader.describe(),
                    fs,
                    writer.framesWritten(),
                    fitted,
                    b,
                    p.latencyBlocks(),
                    wall,
                    rec.meanResidualDb(),
                    p.fitStage().fitter().failedSteps(),
                    p.fitStage().fitter().reseeds(),
                    writer.clippedSamples(),
                    p.fitCpu,
                    p.synthCpu,
                    interrupted);
        }
    }
}
