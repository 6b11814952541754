package org.gpvoice.engine;

import java.util.Arrays;

/** Per-block CPU-time samples of one stage (ns), preallocated for a known number of blocks; percentiles at the end. */
public final class BlockTimes implements Percentiles {
    private final long[] ns;
    private int n;

    public BlockTimes(int capacity) {
        ns = new long[Math.max(1, capacity)];
    }

    /** Records one block's time; silently ignores blocks beyond capacity. */
    public void add(long nanos) {
        if (n < ns.length) ns[n++] = nanos;
    }

    public int count() {
        return n;
    }

    /** Percentile {@code p} in [0, 100] in microseconds (sorts a copy; call after the run). */
    @Override
    public double percentileUs(double p) {
        if (n == 0) return Double.NaN;
        long[] s = Arrays.copyOf(ns, n);
        Arrays.sort(s);
        int i = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
        return s[i] / 1e3;
    }

    public double maxUs() {
        return percentileUs(100);
    }

    public double meanUs() {
        if (n == 0) return Double.NaN;
        double acc = 0;
        for (int i = 0; i < n; i++) acc += ns[i];
        return acc / n / 1e3;
    }
}
