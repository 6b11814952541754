package org.gpvoice.eval;

/**
 * Block-boundary click ratio: whether a block-based pipeline leaves seams every block. Closer to 1 is better; a seam
 * (a step or kink at each block edge) raises it above 1.
 *
 * <p>With block length {@code B} samples and edges at {@code i = kB} counted from the first sample, the second
 * difference {@code s_i = x_{i+1} - 2 x_i + x_{i-1}} ({@code 1 <= i <= n - 2}) is split into the samples on either side
 * of an edge ({@code i mod B == 0} or {@code i mod B == B - 1}) and all others:
 *
 * <pre>
 *   click ratio = mean_{edge i} s_i^2 / mean_{other i} s_i^2
 * </pre>
 *
 * For any signal whose statistics do not depend on the position in the block (white noise, speech read at a random
 * offset) it is 1 up to estimation scatter.
 */
public final class ClickRatio {
    /** Default block length, ms (gpvoice's block). */
    public static final double DEFAULT_BLOCK_MS = 5;

    private ClickRatio() {}

    /**
     * {@code round(blockMs fs / 1000)} samples (halves round up).
     *
     * @throws IllegalArgumentException if that is fewer than 3 samples (no samples would be left between edges)
     */
    public static int blockSamples(double blockMs, int sampleRateHz) {
        double exact = blockMs * sampleRateHz / 1000;
        double b = Math.floor(exact + 0.5); // half up, as Math.round
        if (!(b >= 3) || b > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("block of " + blockMs + " ms is " + (long) b + " samples at "
                    + sampleRateHz + " Hz; need at least 3");
        }
        return (int) b;
    }

    /** The ratio for blocks of {@code blockSamples}; NaN if either class of samples is empty or all-zero. */
    public static double of(double[] x, int blockSamples) {
        if (blockSamples < 3) throw new IllegalArgumentException("blockSamples must be >= 3: " + blockSamples);
        double edge = 0, rest = 0;
        long nEdge = 0, nRest = 0;
        for (int i = 1; i + 1 < x.length; i++) {
            double d2 = x[i + 1] - 2 * x[i] + x[i - 1];
            int pos = i % blockSamples;
            if (pos == 0 || pos == blockSamples - 1) {
                edge += d2 * d2;
                nEdge++;
            } else {
                rest += d2 * d2;
                nRest++;
            }
        }
        if (nEdge == 0 || nRest == 0 || !(rest > 0)) return Double.NaN;
        return (edge / nEdge) / (rest / nRest);
    }
}
