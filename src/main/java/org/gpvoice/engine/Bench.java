package org.gpvoice.engine;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Measures the engine per block on real clips: CPU time of analysis + fit and of synthesis (p50 / p99 / max),
 * bytes allocated per block in steady state, and the offline real-time factor. Runs on the calling thread; each
 * configuration first runs one untimed pass over the first clip so the JIT has compiled the hot paths.
 */
public final class Bench {
    /** One measured configuration. */
    public record Row(
            int sampleRate,
            EngineConfig config,
            long blocks,
            BlockTimes fit,
            BlockTimes synth,
            BlockTimes total,
            double bytesPerBlock,
            double audioSeconds,
            double cpuSeconds) {
        public double realTimeFactor() {
            return audioSeconds / cpuSeconds;
        }
    }

    private Bench() {}

    /** Runs {@code cfg} over {@code clips}, all at {@code sampleRate}. */
    public static Row run(List<double[]> clips, int sampleRate, EngineConfig cfg) {
        runClip(clips.get(0), sampleRate, cfg, null, null, null, null); // warm-up
        long total = 0;
        int b = org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(sampleRate);
        for (double[] c : clips) total += c.length / b + 8;
        BlockTimes fit = new BlockTimes((int) total),
                synth = new BlockTimes((int) total),
                both = new BlockTimes((int) total);
        long[] alloc = new long[2]; // bytes, blocks (steady state: after the first 100 blocks of each clip)
        double audio = 0;
        long t0 = System.nanoTime();
        for (double[] c : clips) {
            runClip(c, sampleRate, cfg, fit, synth, both, alloc);
            audio += c.length / (double) sampleRate;
        }
        double cpu = (System.nanoTime() - t0) / 1e9;
        return new Row(
                sampleRate,
                cfg,
                fit.count(),
                fit,
                synth,
                both,
                alloc[1] == 0 ? 0 : alloc[0] / (double) alloc[1],
                audio,
                cpu);
    }

    private static void runClip(
            double[] x, int fs, EngineConfig cfg, BlockTimes fit, BlockTimes synth, BlockTimes both, long[] alloc) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        Resynthesizer e = new Resynthesizer(fs, cfg, cfg.fit().components());
        int b = e.blockSize();
        double[] out = new double[b];
        double[] in = new double[b];
        int blocks = x.length / b;
        long allocStart = 0;
        int warm = Math.min(100, blocks / 2);
        for (int i = 0; i < blocks; i++) {
            if (i == warm && alloc != null) allocStart = mx.getThreadAllocatedBytes(tid);
            System.arraycopy(x, i * b, in, 0, b);
            long t0 = System.nanoTime();
            e.analyzeAndFit(in, 0);
            long t1 = System.nanoTime();
            e.synthesize(out, 0);
            long t2 = System.nanoTime();
            if (fit != null) {
                fit.add(t1 - t0);
                synth.add(t2 - t1);
                both.add(t2 - t0);
            }
        }
        if (alloc != null) {
            alloc[0] += mx.getThreadAllocatedBytes(tid) - allocStart;
            alloc[1] += blocks - warm;
        }
    }
}
