package org.gpvoice.pipeline;

import java.util.Arrays;

/** Blocks from samples already in memory (a file resampled to the device's rate at start-up). */
public final class ArraySource implements BlockSource {
    private final double[] x;
    private final int sampleRate;
    private int pos;

    public ArraySource(double[] x, int sampleRate) {
        this.x = x;
        this.sampleRate = sampleRate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public long frames() {
        return x.length;
    }

    @Override
    public int read(double[] block) {
        int n = Math.min(block.length, x.length - pos);
        if (n <= 0) return -1;
        System.arraycopy(x, pos, block, 0, n);
        Arrays.fill(block, n, block.length, 0);
        pos += n;
        return n;
    }

    @Override
    public void close() {}
}
