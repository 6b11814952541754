package org.gpvoice.dsp.synth;

import org.gpvoice.dsp.model.TrimBands;

/**
 * The sampler's band balance: splits the output at {@link TrimBands}' crossovers, measures each band's power, and
 * scales each band so that its share of the block's power follows the share the input block had ({@link
 * org.gpvoice.dsp.model.SmModel#bandShare}). It is the {@link LevelTracker} done per band: powers smoothed over blocks
 * with weight {@code 1 - smoothing} on the newest, the correction {@code sqrt(target share / measured share)} raised
 * to {@code strength} and limited to -24 to +12 dB, each gain moving linearly across the block from the last block's.
 * The filters run continuously, so a changing gain leaves no seam. The level tracker after it sets the block's level.
 *
 * <p>Why: a GP sample's power in a band of a 5 ms block wanders around the model's (a band a kilohertz wide holds
 * only a few degrees of freedom per block), and the fitted model itself misplaces power between bands (the Matern
 * skirts of the broad components that carry the upper formants fill the valleys between them). Both leave the
 * output's short-time spectrum off the input's where the ear and the log-mel distance look.
 *
 * <p>The chain: at crossover {@code k} the rest of the signal is split into its low part (band {@code k - 1}, the
 * fourth-order low-pass) and its high part (split again at the next crossover), taken as the crossover's all-pass less
 * the low part (the Linkwitz-Riley pair sums to that all-pass, so this is the fourth-order high-pass for one section
 * instead of two). When the bands are summed again at their gains, the sum is passed through each later crossover's
 * all-pass, so every band leaves with the same phase and at unit gains the output's spectrum is the input's ({@code 3
 * K + K - 1} second-order sections per sample for {@code K} crossovers).
 *
 * <p>No allocation after construction. One instance per stream, on the synthesis thread.
 */
public final class BandTrimFilter {
    /** Gain limits, amplitude: -24 dB to +12 dB. */
    public static final double MIN_GAIN = 1.0 / 16, MAX_GAIN = 4;

    private final TrimBands bands;
    private final int k, nb;
    private final double strength, smoothing;
    // per crossover: states of the two low-pass sections, the split's all-pass and the sum's all-pass (transposed
    // direct form II: two per section)
    private final double[] lowA1, lowA2, lowB1, lowB2, splitS1, splitS2, apS1, apS2;
    private final double[] gain, step, next; // per band: gain at the end of the last block; step per sample; target
    private final double[] power; // per band: this block's power before the gains
    private final double[] measured, target; // per band: smoothed measured power share, smoothed target share
    private final double[][] band; // per band, one block
    private final double[] sum;
    private boolean primed;

    /**
     * @param strength 0 (the bands as sampled; the filter only runs) to 1 (each band's share imposed)
     * @param smoothing weight of the past in the smoothed shares, 0 to below 1
     */
    public BandTrimFilter(double sampleRateHz, int blockSize, double strength, double smoothing) {
        if (!(strength >= 0 && strength <= 1))
            throw new IllegalArgumentException("band balance strength must be 0 to 1, got " + strength);
        if (!(smoothing >= 0 && smoothing < 1))
            throw new IllegalArgumentException("band balance smoothing must be in [0, 1), got " + smoothing);
        this.strength = strength;
        this.smoothing = smoothing;
        bands = new TrimBands(sampleRateHz);
        k = bands.crossovers;
        nb = k + 1;
        lowA1 = new double[k];
        lowA2 = new double[k];
        lowB1 = new double[k];
        lowB2 = new double[k];
        splitS1 = new double[k];
        splitS2 = new double[k];
        apS1 = new double[k];
        apS2 = new double[k];
        gain = new double[nb];
        step = new double[nb];
        next = new double[nb];
        power = new double[nb];
        measured = new double[nb];
        target = new double[nb];
        java.util.Arrays.fill(gain, 1);
        band = new double[nb][blockSize];
        sum = new double[blockSize];
    }

    /** The band layout this filter splits at. */
    public TrimBands bands() {
        return bands;
    }

    /**
     * Filters {@code buf[off .. off + n)} in place ({@code n} at most the block size) toward the band shares {@code
     * shares[0 .. bands)} (NaN in any band: no target this block, the gains stay).
     */
    public void process(double[] buf, int off, int n, double[] shares) {
        if (k == 0) return;
        double total = split(buf, off, n);
        updateGains(n, shares, total);
        // sum the bands at their ramped gains, each later crossover's all-pass on what is summed so far
        java.util.Arrays.fill(sum, 0, n, 0);
        for (int b = 0; b < k - 1; b++) addThroughAllPass(b, n);
        final double[] low = band[k - 1], high = band[k];
        final double gl = gain[k - 1], sl = step[k - 1], gh = gain[k], sh = step[k];
        for (int i = 0; i < n; i++)
            buf[off + i] = sum[i] + (gl + sl * (i + 1)) * low[i] + (gh + sh * (i + 1)) * high[i];
        System.arraycopy(next, 0, gain, 0, nb);
    }

    /**
     * The chain of crossovers: band {@code b}'s part of the block into {@code band[b]} and its power into {@code
     * power[b]}; returns the block's power.
     */
    private double split(double[] buf, int off, int n) {
        final double[] rest = band[k]; // the rest, split at each crossover in turn
        double total = 0;
        for (int i = 0; i < n; i++) {
            double x = buf[off + i];
            rest[i] = x;
            total += x * x;
        }
        for (int c = 0; c < k; c++) {
            final double[] low = band[c];
            final double lb0 = bands.lb0[c], lb1 = bands.lb1[c], lb2 = bands.lb2[c];
            final double a1 = bands.a1[c], a2 = bands.a2[c];
            double la1 = lowA1[c], la2 = lowA2[c], lbb1 = lowB1[c], lbb2 = lowB2[c], s1 = splitS1[c], s2 = splitS2[c];
            double p = 0;
            for (int i = 0; i < n; i++) {
                double x = rest[i];
                double l1 = lb0 * x + la1;
                la1 = lb1 * x - a1 * l1 + la2;
                la2 = lb2 * x - a2 * l1;
                double l2 = lb0 * l1 + lbb1;
                lbb1 = lb1 * l1 - a1 * l2 + lbb2;
                lbb2 = lb2 * l1 - a2 * l2;
                double ap = a2 * x + s1; // the crossover's all-pass: low-pass + high-pass
                s1 = a1 * x - a1 * ap + s2;
                s2 = x - a2 * ap;
                low[i] = l2;
                rest[i] = ap - l2;
                p += l2 * l2;
            }
            power[c] = p;
            lowA1[c] = flush(la1);
            lowA2[c] = flush(la2);
            lowB1[c] = flush(lbb1);
            lowB2[c] = flush(lbb2);
            splitS1[c] = flush(s1);
            splitS2[c] = flush(s2);
        }
        double p = 0;
        for (int i = 0; i < n; i++) p += rest[i] * rest[i];
        power[k] = p;
        return total;
    }

    /** Each band's gain at the end of this block into {@code next}, and the per-sample step toward it. */
    private void updateGains(int n, double[] shares, double total) {
        boolean known = true;
        for (int b = 0; b < nb; b++) if (!(shares[b] >= 0)) known = false;
        if (known && total > 1e-30) {
            for (int b = 0; b < nb; b++) {
                double share = power[b] / total;
                if (primed) {
                    measured[b] = smoothing * measured[b] + (1 - smoothing) * share;
                    target[b] = smoothing * target[b] + (1 - smoothing) * shares[b];
                } else {
                    measured[b] = share;
                    target[b] = shares[b];
                }
            }
            primed = true;
        }
        for (int b = 0; b < nb; b++) {
            double g = gain[b];
            if (known && primed && strength > 0 && measured[b] > 1e-12)
                g = LevelTracker.correction(target[b], measured[b], strength, MIN_GAIN, MAX_GAIN);
            next[b] = g;
            step[b] = (g - gain[b]) / n;
        }
    }

    /**
     * Adds band {@code b} at its ramped gain to the sum and passes the sum through the next crossover's all-pass,
     * {@code (a2 + a1 z^-1 + z^-2) / (1 + a1 z^-1 + a2 z^-2)}.
     */
    private void addThroughAllPass(int b, int n) {
        final int c = b + 1;
        final double a1 = bands.a1[c], a2 = bands.a2[c], g0 = gain[b], gs = step[b];
        final double[] x = band[b];
        double s1 = apS1[c], s2 = apS2[c];
        for (int i = 0; i < n; i++) {
            double v = sum[i] + (g0 + gs * (i + 1)) * x[i];
            double y = a2 * v + s1;
            s1 = a1 * v - a1 * y + s2;
            s2 = v - a2 * y;
            sum[i] = y;
        }
        apS1[c] = flush(s1);
        apS2[c] = flush(s2);
    }

    private static double flush(double s) {
        return Math.abs(s) < 1e-30 ? 0 : s; // no subnormals in silence
    }

    /** The gain of band {@code b} reached at the end of the last block. */
    public double gain(int b) {
        return gain[b];
    }
}
