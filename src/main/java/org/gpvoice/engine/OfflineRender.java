package org.gpvoice.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gpvoice.io.ParamsCsvWriter;
import org.gpvoice.io.WavReader;
import org.gpvoice.io.WavWriter;

/**
 * File in, file out: streams the input through one {@link Resynthesizer} block by block, as fast as it can, and writes
 * the output aligned with the input (the engine's look-ahead removed) and of exactly the input's length. The output
 * WAV is valid at every moment (its header is rewritten after every write), so an interrupted render keeps what it
 * wrote.
 */
public final class OfflineRender {
    /** Progress and per-block observation; called on the render thread. */
    public interface Listener {
        default void started(long totalBlocks, String inputDescription) {}

        default void progress(long blocksDone, long totalBlocks) {}
    }

    /** What a render did. */
    public record Summary(
            String inputDescription,
            int sampleRate,
            long frames,
            long blocks,
            int blockSize,
            int latencyBlocks,
            double wallSeconds,
            double meanResidualDb,
            long failedSteps,
            long reseeds,
            long clippedSamples,
            Percentiles fitTimes,
            Percentiles synthTimes,
            boolean interrupted) {
        public double audioSeconds() {
            return frames / (double) sampleRate;
        }

        public double realTimeFactor() {
            return audioSeconds() / wallSeconds;
        }
    }

    private OfflineRender() {}

    /**
     * Renders {@code in} to {@code out}.
     *
     * @param params where to write per-block fitted parameters as CSV, or null
     * @param stop set by another thread (e.g. Ctrl-C) to end the render early; the output keeps what was written
     */
    public static Summary render(
            Path in,
            Path out,
            WavWriter.Encoding encoding,
            EngineConfig cfg,
            Path params,
            Listener listener,
            AtomicBoolean stop)
            throws IOException {
        try (WavReader reader = WavReader.open(in)) {
            final int fs = reader.sampleRate();
            final long frames = reader.frames();
            Resynthesizer engine = new Resynthesizer(fs, cfg, cfg.fit().components());
            final int b = engine.blockSize();
            final int latency = engine.latencyBlocks();
            final long inBlocks = (frames + b - 1) / b;
            final long totalBlocks = inBlocks + latency;
            BlockTimes fitTimes = new BlockTimes((int) Math.min(Integer.MAX_VALUE - 8, totalBlocks));
            BlockTimes synthTimes = new BlockTimes((int) Math.min(Integer.MAX_VALUE - 8, totalBlocks));
            listener.started(totalBlocks, reader.describe());
            double[] inBlock = new double[b];
            double[] outBlock = new double[b];
            double residualSum = 0;
            long fitted = 0;
            long written = 0;
            boolean interrupted = false;
            long t0 = System.nanoTime();
            try (WavWriter writer = WavWriter.create(out, fs, 1, encoding);
                    ParamsCsvWriter csv = params == null
                            ? null
                            : ParamsCsvWriter.create(params, cfg.fit().components())) {
                for (long blk = 0; blk < totalBlocks; blk++) {
                    if (stop != null && stop.get()) {
                        interrupted = true;
                        break;
                    }
                    int got = 0;
                    if (blk < inBlocks) {
                        while (got < b) {
                            int r = reader.readMono(inBlock, got, b - got);
                            if (r < 0) break;
                            got += r;
                        }
                    }
                    java.util.Arrays.fill(inBlock, got, b, 0);
                    long a = System.nanoTime();
                    boolean fittedNow = engine.analyzeAndFit(inBlock, 0);
                    long m = System.nanoTime();
                    engine.synthesize(outBlock, 0);
                    long e = System.nanoTime();
                    if (fittedNow) {
                        fitTimes.add(m - a);
                        synthTimes.add(e - m);
                        FitStage.BlockInfo info = engine.modelInfo();
                        residualSum += info.residualDb;
                        fitted++;
                        if (csv != null) {
                            csv.write(
                                    info.blockIndex,
                                    info.blockIndex * (double) b / fs,
                                    info.f0Hz,
                                    Math.sqrt(info.envelopeVar),
                                    info.residualDb,
                                    engine.model());
                        }
                        // output block blk is the resynthesis of input block blk - latency
                        long remaining = frames - written;
                        int n = (int) Math.min(b, remaining);
                        if (n > 0) {
                            writer.write(outBlock, 0, n);
                            written += n;
                        }
                    }
                    if ((blk & 63) == 0 || blk == totalBlocks - 1) listener.progress(blk + 1, totalBlocks);
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                return new Summary(
                        reader.describe(),
                        fs,
                        written,
                        fitted,
                        b,
                        latency,
                        wall,
                        fitted == 0 ? Double.NaN : residualSum / fitted,
                        engine.fitter().failedSteps(),
                        engine.fitter().reseeds(),
                        writer.clippedSamples(),
                        fitTimes,
                        synthTimes,
                        interrupted);
            }
        }
    }
}
