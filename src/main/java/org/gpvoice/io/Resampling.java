package org.gpvoice.io;

import be.tarsos.dsp.resample.Resampler;

/** Whole-signal sample-rate conversion (TarsosDSP's band-limited resampler, high quality). Offline use only. */
public final class Resampling {
    private Resampling() {}

    /** Returns {@code x} (at {@code fromHz}) converted to {@code toHz}; the same array when the rates are equal. */
    public static double[] resample(double[] x, int fromHz, int toHz) {
        if (fromHz == toHz) return x;
        double factor = toHz / (double) fromHz;
        Resampler r = new Resampler(true, factor, factor);
        float[] in = new float[x.length];
        for (int i = 0; i < x.length; i++) in[i] = (float) x[i];
        int outLen = (int) Math.round(x.length * factor);
        float[] out = new float[outLen + 64];
        Resampler.Result res = r.process(factor, in, 0, in.length, true, out, 0, out.length);
        int n = Math.min(outLen, res.outputSamplesGenerated);
        double[] y = new double[outLen];
        for (int i = 0; i < n; i++) y[i] = out[i];
        return y;
    }
}
