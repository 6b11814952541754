package org.gpvoice.dsp.model;

/**
 * Spectral shape of the model's noise floor: white above {@code cutoffHz}, rolling off below it as a second-order
 * Butterworth high-pass (12 dB/octave), {@code floor PSD(f) = noiseVar / fs * |H(f)|^2}.
 *
 * <p>Why not plain white: speech recordings hold almost nothing below the voice's lowest harmonic (LJ Speech is 60 dB
 * down under 60 Hz), while the floor is fitted to the spectral valleys of the whole band. A white floor would put that
 * valley level all the way down to DC, 20 dB too much in the lowest Bark band. The fit models this same shape, and the
 * sampler filters its floor noise through this same biquad (RBJ high-pass, bilinear), so fit and synthesis agree.
 */
public final class FloorShape {
    /** Biquad coefficients normalised by a0. */
    public final double b0, b1, b2, a1, a2;

    private final double sampleRateHz;

    public FloorShape(double sampleRateHz, double cutoffHz) {
        if (!(cutoffHz > 0 && cutoffHz < 0.45 * sampleRateHz))
            throw new IllegalArgumentException("floor cut-off must be in (0, 0.45 fs), got " + cutoffHz);
        this.sampleRateHz = sampleRateHz;
        double w0 = 2 * Math.PI * cutoffHz / sampleRateHz;
        double cos = Math.cos(w0), alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
        double a0 = 1 + alpha;
        b0 = (1 + cos) / 2 / a0;
        b1 = -(1 + cos) / a0;
        b2 = b0;
        a1 = -2 * cos / a0;
        a2 = (1 - alpha) / a0;
    }

    /** {@code |H(e^{i 2 pi f / fs})|^2}: the floor's power response at {@code fHz} (allocates; not for a block path). */
    public double powerResponse(double fHz) {
        double[] h = new double[2];
        response(fHz, h);
        return h[0] * h[0] + h[1] * h[1];
    }

    /** The complex response {@code H(e^{i 2 pi f / fs})} at {@code fHz} into {@code out[0]} (real), {@code out[1]}. */
    public void response(double fHz, double[] out) {
        double w = 2 * Math.PI * fHz / sampleRateHz;
        double c1 = Math.cos(w), s1 = Math.sin(w), c2 = Math.cos(2 * w), s2 = Math.sin(2 * w);
        double nr = b0 + b1 * c1 + b2 * c2, ni = -(b1 * s1 + b2 * s2);
        double dr = 1 + a1 * c1 + a2 * c2, di = -(a1 * s1 + a2 * s2);
        double d = dr * dr + di * di;
        out[0] = (nr * dr + ni * di) / d;
        out[1] = (ni * dr - nr * di) / d;
    }
}
