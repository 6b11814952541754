package org.gpvoice.pipeline;

/**
 * Per-block times of one stage as a histogram: 1 us buckets up to 4 ms, 1 ms buckets up to 1 s. One thread records
 * (no allocation, no lock); other threads read it for the status line while it runs (a racy but harmless view of
 * counts that only grow) and exactly after the stage has stopped.
 */
public final class StageStats implements org.gpvoice.engine.Percentiles {
    private static final int FINE = 4096;
    private static final int COARSE = 1000;
    private final long[] counts = new long[FINE + COARSE];
    private volatile long total;
    private long maxNanos;

    public void record(long nanos) {
        long us = Math.max(0, nanos / 1000);
        int i = us < FINE ? (int) us : FINE + (int) Math.min(COARSE - 1, us / 1000);
        counts[i]++;
        if (nanos > maxNanos) maxNanos = nanos;
        total = total + 1; // single writer: a volatile store publishes the count increments before it
    }

    public long count() {
        return total;
    }

    public double maxUs() {
        return maxNanos / 1e3;
    }

    /** Copies the histogram (the reader's own array, same length as {@link #newSnapshot()}). */
    public long snapshot(long[] into) {
        long n = total; // volatile read first: the counts it covers are visible
        System.arraycopy(counts, 0, into, 0, counts.length);
        return n;
    }

    public long[] newSnapshot() {
        return new long[counts.length];
    }

    /** Percentile in us of the whole run so far. */
    @Override
    public double percentileUs(double p) {
        long[] s = newSnapshot();
        snapshot(s);
        return percentileUs(s, null, p);
    }

    /**
     * Percentile in us of {@code now - before} (the blocks recorded between two snapshots; {@code before} may be
     * null for everything in {@code now}); NaN when empty.
     */
    public static double percentileUs(long[] now, long[] before, double p) {
        long n = 0;
        for (int i = 0; i < now.length; i++) n += now[i] - (before == null ? 0 : before[i]);
        if (n <= 0) return Double.NaN;
        long rank = (long) Math.max(1, Math.ceil(p / 100.0 * n));
        long acc = 0;
        for (int i = 0; i < now.length; i++) {
            acc += now[i] - (before == null ? 0 : before[i]);
            if (acc >= rank) return i < FINE ? i : (i - FINE) * 1000.0;
        }
        return Double.NaN;
    }
}
