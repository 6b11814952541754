package org.gpvoice.dsp.spectrum;

/** What the analysis of one block hands to the fit. Preallocated; overwritten every block. */
public final class BlockAnalysis {
    /** Mean periodogram power on each fit-grid point (two-sided PSD per Hz), {@code (grid.size)}. */
    public final double[] gridPower;
    /** Index of the analysed block (0 = first block of the stream). */
    public long blockIndex;
    /** Pitch estimate in Hz, 0 when unvoiced. */
    public double f0Hz;
    /** YIN aperiodicity at the chosen lag (0 = periodic). */
    public double aperiodicity;
    /** Mean square of the analysis window (signal units squared): silence detection. */
    public double windowMeanSquare;
    /** Smoothed mean square of the block itself: the level the synthesis must reach. */
    public double envelopeVar;

    public BlockAnalysis(int gridSize) {
        gridPower = new double[gridSize];
    }

    public boolean voiced() {
        return f0Hz > 0;
    }
}
