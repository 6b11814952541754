package org.gpvoice.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.gpvoice.engine.EngineConfig;

/**
 * How many streams this machine sustains in real time: runs {@code n} complete pipelines at once, each fed like a
 * microphone (a block becomes available every 5 ms of a sample clock) and paced by a simulated output device (a
 * sample clock with a buffer, as a sound card plays), and counts the blocks that reached their device late (an
 * underrun) and the fits synthesis had to play on without.
 */
public final class StreamBench {
    /** One run of {@code streams} concurrent pipelines. */
    public record Result(
            int streams,
            double audioSeconds,
            long blocks,
            long lateBlocks,
            long skippedFits,
            double fitP99Us,
            double synthP99Us,
            double handoffP99Us) {}

    private StreamBench() {}

    /**
     * @param x the input of every stream (mono, at {@code fs})
     * @param bufferMs the simulated device buffer: how far synthesis may run ahead of playback
     */
    public static Result run(double[] x, int fs, EngineConfig cfg, int streams, double bufferMs)
            throws InterruptedException {
        List<Pipeline> ps = new ArrayList<>();
        List<ClockedSink> sinks = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            ClockedSink sink = new ClockedSink(fs, org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(fs), bufferMs);
            sinks.add(sink);
            ps.add(new Pipeline(
                    cfg.withSeed(cfg.seed() + i),
                    cfg.fit().components(),
                    new ClockedSource(new ArraySource(x, fs), org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(fs)),
                    sink,
                    null,
                    64,
                    new Pipeline.Switch[0]));
        }
        for (Pipeline p : ps) p.start();
        long late = 0, skipped = 0, blocks = 0;
        double fit = 0, synth = 0, handoff = 0;
        for (int i = 0; i < streams; i++) {
            Pipeline p = ps.get(i);
            if (!p.awaitEnd(10L * x.length / fs + 60, TimeUnit.SECONDS))
                throw new IllegalStateException("stream " + i + " did not end");
            p.shutdown();
            if (p.failure() != null) throw new IllegalStateException("stream " + i + " failed", p.failure());
            late += sinks.get(i).underruns();
            skipped += p.skippedFits();
            blocks += p.blocksPlayed();
            fit = Math.max(fit, p.fitCpu.percentileUs(99));
            synth = Math.max(synth, p.synthCpu.percentileUs(99));
            handoff = Math.max(handoff, p.handoff.percentileUs(99));
        }
        return new Result(streams, x.length / (double) fs, blocks, late, skipped, fit, synth, handoff);
    }

    /** A microphone without the sound: block k can be read once {@code (k + 1)} blocks of time have passed. */
    static final class ClockedSource implements BlockSource {
        private final BlockSource in;
        private final long blockNanos;
        private long start = -1;
        private long k;

        ClockedSource(BlockSource in, int blockSize) {
            this.in = in;
            blockNanos = Math.round(blockSize * 1e9 / in.sampleRate());
        }

        @Override
        public int sampleRate() {
            return in.sampleRate();
        }

        @Override
        public long frames() {
            return in.frames();
        }

        @Override
        public int read(double[] block) throws java.io.IOException {
            if (start < 0) start = System.nanoTime();
            long ready = start + ++k * blockNanos;
            while (System.nanoTime() < ready) LockSupport.parkNanos(ready - System.nanoTime());
            return in.read(block);
        }

        @Override
        public void close() throws java.io.IOException {
            in.close();
        }
    }

    /**
     * A sound card without the sound: block k is played at {@code start + k * blockTime}; a write blocks while the
     * buffer is full; a block written after its time is an underrun, after which the clock restarts from now (as a
     * device recovering from an xrun does).
     */
    static final class ClockedSink implements BlockSink {
        private final long blockNanos;
        private final long bufferNanos;
        private long start = -1;
        private long k;
        private long late;

        ClockedSink(int fs, int blockSize, double bufferMs) {
            blockNanos = Math.round(blockSize * 1e9 / fs);
            bufferNanos = Math.round(bufferMs * 1e6);
        }

        @Override
        public void write(double[] block, int n) {
            long now = System.nanoTime();
            // as live does: half a buffer of silence is queued ahead of the first block, the margin against jitter
            if (start < 0) start = now + bufferNanos / 2;
            long due = start + k * blockNanos;
            if (now > due) {
                late++;
                start += now - due;
            }
            k++;
            // the write returns once the block fits: when at most a buffer's worth is queued ahead of playback
            long room = start + k * blockNanos - bufferNanos;
            while (System.nanoTime() < room) LockSupport.parkNanos(room - System.nanoTime());
        }

        @Override
        public long budgetNanos() {
            if (start < 0) return 0;
            long spare = start + k * blockNanos - System.nanoTime() - 2 * blockNanos;
            return Math.max(0, spare);
        }

        @Override
        public long queuedFrames() {
            return 0;
        }

        @Override
        public long underruns() {
            return late;
        }
    }
}
