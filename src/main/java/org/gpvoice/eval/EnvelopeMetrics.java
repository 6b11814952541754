package org.gpvoice.eval;

/**
 * Whether TEST follows REF's loudness: the correlation of their frame-energy envelopes and their overall level
 * difference.
 *
 * <pre>
 *   e_t  = (1/L) sum_{i=0}^{L-1} x_{tH+i}^2,   L = round(0.020 fs), H = round(0.010 fs)   (mean square)
 *   envelope correlation = Pearson(e, e')                                  higher is better, 1 ideal
 *   level difference     = 10 log10( mean x'^2 / mean x^2 )                dB, TEST minus REF, 0 ideal
 * </pre>
 *
 * Both over the whole (aligned) signals; the Pearson coefficient is taken on the linear mean squares.
 */
public final class EnvelopeMetrics {
    /** Frame length, s. */
    public static final double FRAME_S = 0.020;
    /** Hop, s. */
    public static final double HOP_S = 0.010;

    private EnvelopeMetrics() {}

    /** Pearson correlation of the two mean-square envelopes; NaN if either is constant or too short. */
    public static double envelopeCorrelation(double[] ref, double[] test, int sampleRateHz) {
        int frame = (int) Math.max(1, Math.round(FRAME_S * sampleRateHz));
        int hop = (int) Math.max(1, Math.round(HOP_S * sampleRateHz));
        double[] a = Spectra.meanSquareFrames(ref, frame, hop);
        double[] b = Spectra.meanSquareFrames(test, frame, hop);
        return Spectra.pearson(a, 0, b, 0, Math.min(a.length, b.length));
    }

    /**
     * {@code 10 log10(mean test^2 / mean ref^2)} over the common length, dB; infinite if one side is digital silence,
     * NaN if both are.
     */
    public static double levelDifferenceDb(double[] ref, double[] test) {
        int n = Math.min(ref.length, test.length);
        double a = 0, b = 0;
        for (int i = 0; i < n; i++) {
            a += ref[i] * ref[i];
            b += test[i] * test[i];
        }
        return 10 * Math.log10(b / a);
    }
}
