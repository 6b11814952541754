package org.gpvoice.dsp.synth;

/**
 * Holds a sampled block to its target level: the amplitude-envelope half of the model (signal = envelope x stationary
 * process, after Turner's amplitude demodulation, as in the original method).
 *
 * <p>A GP sample only has its variance in expectation. A voiced model is a few narrow peaks with coherence times of
 * tens of milliseconds, so the power of a 5 ms stretch of one sample wanders several dB around the model variance, and
 * the output's energy envelope would follow the input's only loosely. The tracker measures the rendered power (smoothed
 * over blocks with weight {@code 1 - smoothing} on the newest), compares it with the target (smoothed the same way),
 * and applies the gain correction {@code sqrt(target / measured)}, raised to {@code strength} (0 = a pure GP sample,
 * 1 = the envelope imposed) and limited to +-18 dB. The gain ramps linearly across the block from the previous block's
 * value, so it is continuous and adds no seam.
 *
 * <p>No allocation; one instance per stream, used on the synthesis thread only.
 */
public final class LevelTracker {
    private static final double MAX_GAIN = 8, MIN_GAIN = 1.0 / 8;
    private final double strength;
    private final double smoothing;
    private double measured = -1, target, gain = 1;

    /**
     * @param strength 0 (off) to 1 (full tracking)
     * @param smoothing weight of the past in the power averages, 0 (this block only) to below 1
     */
    public LevelTracker(double strength, double smoothing) {
        if (!(strength >= 0 && strength <= 1))
            throw new IllegalArgumentException("level tracking strength must be 0 to 1, got " + strength);
        if (!(smoothing >= 0 && smoothing < 1))
            throw new IllegalArgumentException("level smoothing must be in [0, 1), got " + smoothing);
        this.strength = strength;
        this.smoothing = smoothing;
    }

    /** Scales {@code y[off .. off + n)} in place toward the variance {@code targetVar}. */
    public void apply(double[] y, int off, int n, double targetVar) {
        double ms = 0;
        for (int i = 0; i < n; i++) ms += y[off + i] * y[off + i];
        ms /= n;
        if (measured < 0) {
            measured = ms;
            target = targetVar;
        } else {
            measured = smoothing * measured + (1 - smoothing) * ms;
            target = smoothing * target + (1 - smoothing) * targetVar;
        }
        double g = 1;
        if (strength > 0 && measured > 1e-20 && target > 0)
            g = correction(target, measured, strength, MIN_GAIN, MAX_GAIN);
        double g0 = gain, step = (g - g0) / n;
        for (int i = 0; i < n; i++) y[off + i] *= g0 + step * (i + 1);
        gain = g;
    }

    /**
     * The amplitude gain that moves a measured power toward a target one: {@code sqrt(target / measured)} raised to
     * {@code strength}, held to {@code [min, max]} (also the per-band law of {@link BandTrimFilter}).
     */
    static double correction(double target, double measured, double strength, double min, double max) {
        double g = Math.pow(target / measured, 0.5 * strength);
        return g > max ? max : (g < min ? min : g);
    }

    /** The gain applied at the end of the last block. */
    public double gain() {
        return gain;
    }
}
