package org.gpvoice.dsp.synth;

import org.gpvoice.dsp.model.FloorShape;

/**
 * The sampler's low shelf: {@code y = g x + (1 - g) HP(x)}, with {@code HP} the second-order Butterworth high-pass
 * at the cut-off, so frequencies well below it are scaled by {@code g} and those well above it pass (the gain never
 * exceeds 1 anywhere: {@code |g + (1 - g) A| <= g + (1 - g) |A| <= 1}). The gain each block asks for is reached by a
 * linear ramp across the block, and the high-pass runs continuously, so a changing gain leaves no seam. See {@link
 * org.gpvoice.dsp.fit.LowBandTrim} for where the gain comes from.
 *
 * <p>No allocation after construction. One instance per stream, on the synthesis thread.
 */
public final class LowShelfFilter {
    private final double b0, b1, b2, a1, a2;
    private double x1, x2, y1, y2;
    private double gain = 1;

    public LowShelfFilter(double sampleRateHz, double cutoffHz) {
        FloorShape hp = new FloorShape(sampleRateHz, cutoffHz);
        b0 = hp.b0;
        b1 = hp.b1;
        b2 = hp.b2;
        a1 = hp.a1;
        a2 = hp.a2;
    }

    /** Filters {@code buf[off .. off + n)} in place, the gain moving linearly from the last block's to {@code target}. */
    public void process(double[] buf, int off, int n, double target) {
        if (!(target >= 0 && target <= 1)) target = 1;
        final double g0 = gain, step = (target - g0) / n;
        double px1 = x1, px2 = x2, py1 = y1, py2 = y2;
        for (int i = 0; i < n; i++) {
            double x = buf[off + i];
            double h = b0 * x + b1 * px1 + b2 * px2 - a1 * py1 - a2 * py2;
            px2 = px1;
            px1 = x;
            py2 = py1;
            py1 = h;
            double g = g0 + step * (i + 1);
            buf[off + i] = g * x + (1 - g) * h;
        }
        if (Math.abs(py1) + Math.abs(py2) + Math.abs(px1) + Math.abs(px2) < 1e-30)
            px1 = px2 = py1 = py2 = 0; // no subnormals
        x1 = px1;
        x2 = px2;
        y1 = py1;
        y2 = py2;
        gain = target;
    }

    /** The gain reached at the end of the last block. */
    public double gain() {
        return gain;
    }
}
