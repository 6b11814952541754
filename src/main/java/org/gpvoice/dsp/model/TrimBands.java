package org.gpvoice.dsp.model;

/**
 * The bands of the sampler's band balance: a Linkwitz-Riley (fourth-order) crossover at each of {@link
 * #CROSSOVERS_HZ} below {@code 0.45 fs}, so {@code K} crossovers make {@code K + 1} bands ({@link
 * org.gpvoice.dsp.fit.BandTrim} takes each band's share of the input block's power, {@link
 * org.gpvoice.dsp.synth.BandTrimFilter} holds the output's bands to those shares).
 *
 * <p>Each crossover's low-pass and high-pass are a second-order Butterworth (RBJ, bilinear) applied twice. Their sum is
 * the second-order all-pass with the same poles, and the two are in phase at every frequency. The filter splits the
 * input in a chain (band {@code k} is the low-pass of crossover {@code k + 1} after the high-passes of crossovers 1 to
 * {@code k}) and passes the bands already split through the all-passes of the crossovers still to come, so every band
 * leaves with the same phase: the response at gains {@code g_k} is {@code sum_k g_k m_k(f)} times an all-pass, with
 * {@code m_k >= 0} the band's magnitude ({@link #magnitudes}) and {@code sum_k m_k = 1}. At unit gains the output's
 * spectrum is the input's.
 *
 * <p>Why these crossovers: the output's error sat above 2.4 kHz, where a Matern component's skirts (falling only as the
 * fourth power of the distance from its centre) fill the valleys between the broad components that carry the upper
 * formants, and where a 5 ms block of a GP sample holds few degrees of freedom per band. On the seven benchmark clips,
 * shifted by 0, 1 and 3 samples, these six crossovers took default-24's log-mel distance from 5.13 to 4.99 dB; adding
 * crossovers at 600 and 1200 Hz gave 4.98, more crossovers in LJ Speech's 5 to 6.5 kHz dip 5.00, and three crossovers
 * (2.4, 4 and 6.4 kHz) 5.03.
 */
public final class TrimBands {
    /** Crossover frequencies, Hz: roughly every second Bark band edge from 2.4 kHz up. */
    public static final double[] CROSSOVERS_HZ = {2400, 4000, 5300, 6400, 7700, 9500};
    /** Most bands any sample rate gets. */
    public static final int MAX_BANDS = CROSSOVERS_HZ.length + 1;

    /** Crossovers used at this sample rate. */
    public final int crossovers;
    /** Crossover frequencies, Hz, {@code (crossovers)}. */
    public final double[] crossoverHz;
    /** Second-order Butterworth low-pass numerator per crossover, normalised by a0. */
    public final double[] lb0, lb1, lb2;
    // the high-pass numerator: only the magnitudes read it (the filter takes the high part as all-pass less low part)
    private final double[] hb0, hb1, hb2;
    /** The sections' shared denominator {@code 1 + a1 z^-1 + a2 z^-2} (the all-pass is its mirror over it). */
    public final double[] a1, a2;

    private final double sampleRateHz;

    public TrimBands(double sampleRateHz) {
        this.sampleRateHz = sampleRateHz;
        int n = 0;
        while (n < CROSSOVERS_HZ.length && CROSSOVERS_HZ[n] < 0.45 * sampleRateHz) n++;
        crossovers = n;
        crossoverHz = new double[n];
        lb0 = new double[n];
        lb1 = new double[n];
        lb2 = new double[n];
        hb0 = new double[n];
        hb1 = new double[n];
        hb2 = new double[n];
        a1 = new double[n];
        a2 = new double[n];
        for (int k = 0; k < n; k++) {
            crossoverHz[k] = CROSSOVERS_HZ[k];
            double w0 = 2 * Math.PI * CROSSOVERS_HZ[k] / sampleRateHz;
            double cos = Math.cos(w0), alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
            double a0 = 1 + alpha;
            lb0[k] = (1 - cos) / 2 / a0;
            lb1[k] = (1 - cos) / a0;
            lb2[k] = lb0[k];
            hb0[k] = (1 + cos) / 2 / a0;
            hb1[k] = -(1 + cos) / a0;
            hb2[k] = hb0[k];
            a1[k] = -2 * cos / a0;
            a2[k] = (1 - alpha) / a0;
        }
    }

    /** Bands at this sample rate: {@code crossovers + 1}. */
    public int bands() {
        return crossovers + 1;
    }

    /**
     * Each band's magnitude {@code m_k(f)} at {@code fHz} into {@code out[0 .. bands())}; they sum to 1. Not for a
     * block path (trigonometry per call).
     */
    public void magnitudes(double fHz, double[] out) {
        double w = 2 * Math.PI * fHz / sampleRateHz;
        double c1 = Math.cos(w), s1 = Math.sin(w), c2 = Math.cos(2 * w), s2 = Math.sin(2 * w);
        double through = 1; // |H_1 ... H_k|: what the high-passes so far leave
        for (int k = 0; k < crossovers; k++) {
            double dr = 1 + a1[k] * c1 + a2[k] * c2, di = -(a1[k] * s1 + a2[k] * s2);
            double d = dr * dr + di * di;
            double lr = lb0[k] + lb1[k] * c1 + lb2[k] * c2, li = -(lb1[k] * s1 + lb2[k] * s2);
            double hr = hb0[k] + hb1[k] * c1 + hb2[k] * c2, hi = -(hb1[k] * s1 + hb2[k] * s2);
            double low = (lr * lr + li * li) / d, high = (hr * hr + hi * hi) / d; // fourth-order: |section|^2
            out[k] = through * low;
            through *= high;
        }
        out[crossovers] = through;
    }
}
