package org.gpvoice.eval;

/**
 * Mel-cepstral distortion (MCD) in dB: the distance between two signals' spectral envelopes, as MFCC-style cepstra.
 * Lower is better; 0 for identical signals.
 *
 * <p>From the mel energies {@code E_t(m)}, {@code m = 0 .. M-1} ({@link MelSpectrum}, {@code M = 80}), the cepstrum is
 * a DCT-II of the log mel spectrum, keeping {@code c_1 .. c_D}, {@code D = 13} (c0, the overall level, is left out):
 *
 * <pre>
 *   c_t(d) = (1 / M) sum_{m=0}^{M-1} (1/2) ln(E_t(m) + eps) cos(pi d (m + 1/2) / M),    d = 1 .. 13
 *   MCD_t  = (10 / ln 10) sqrt( 2 sum_{d=1}^{13} (c_t(d) - c'_t(d))^2 )                  dB
 *   MCD    = (1/|A|) sum_{t in A} MCD_t
 * </pre>
 *
 * over REF's active frames {@code A} (within 40 dB of the loudest), {@code eps =} {@link MelSpectrum#POWER_FLOOR}.
 *
 * <p>Scaling. {@code c_t(d)} is the true cepstrum of the log <em>amplitude</em> mel spectrum {@code L(w) = (1/2) ln E}
 * sampled at {@code w_m = pi (m + 1/2) / M}: {@code L(w) = c_0 + 2 sum_d c_d cos(d w)}, so {@code c_d = (1/pi)
 * int_0^pi L cos(d w) dw}, as in the mel-cepstra (SPTK {@code mcep}) the MCD formula was made for (Kubichek 1993). This
 * keeps values comparable with the literature (a few dB for good vocoders): an orthonormal DCT of {@code ln E} (as
 * librosa's MFCC) would be {@code 2 sqrt(2M)}, about 25 times, larger. By Parseval, {@code 2 sum_d (c_d - c'_d)^2} is
 * the mean square over frequency of the smooth (13-term) part of the log-amplitude difference minus its mean, so MCD is
 * about half the level-free, spectrally smoothed {@link LogMelDistance}.
 */
public final class MelCepstralDistortion {
    /** Cepstral coefficients compared, {@code c_1 .. c_13}. */
    public static final int COEFFICIENTS = 13;

    private MelCepstralDistortion() {}

    /**
     * MCD over the frames marked in {@code active}, averaged; NaN when none is active.
     *
     * @param ref REF's analysis
     * @param test TEST's analysis, same frame count as {@code ref} (the shorter count is used otherwise)
     * @param active per frame of {@code ref}, whether to include it
     */
    public static double compute(MelSpectrum.Frames ref, MelSpectrum.Frames test, boolean[] active) {
        int frames = Math.min(Math.min(ref.count(), test.count()), active.length);
        int bands = MelSpectrum.BANDS;
        double[][] basis = dctBasis(bands); // (COEFFICIENTS, bands)
        double[] ca = new double[COEFFICIENTS], cb = new double[COEFFICIENTS];
        double scale = 10 / Math.log(10);
        double sum = 0;
        int used = 0;
        for (int t = 0; t < frames; t++) {
            if (!active[t]) continue;
            cepstrum(ref.mel()[t], basis, ca);
            cepstrum(test.mel()[t], basis, cb);
            double acc = 0;
            for (int d = 0; d < COEFFICIENTS; d++) {
                double diff = ca[d] - cb[d];
                acc += diff * diff;
            }
            sum += scale * Math.sqrt(2 * acc);
            used++;
        }
        return used == 0 ? Double.NaN : sum / used;
    }

    /** Convenience: analyses two equally long signals at {@code sampleRateHz} and returns their MCD, dB. */
    public static double between(double[] ref, double[] test, int sampleRateHz) {
        MelSpectrum mel = new MelSpectrum(sampleRateHz);
        MelSpectrum.Frames r = mel.analyse(ref);
        return compute(r, mel.analyse(test), MelSpectrum.activeFrames(r.energy(), MelSpectrum.ACTIVE_RANGE_DB));
    }

    /** {@code basis[d-1][m] = (1 / (2M)) cos(pi d (m + 1/2) / M)}, {@code d = 1 .. 13}: applied to {@code ln E}. */
    static double[][] dctBasis(int bands) {
        double[][] basis = new double[COEFFICIENTS][bands];
        double norm = 0.5 / bands;
        for (int d = 1; d <= COEFFICIENTS; d++) {
            for (int m = 0; m < bands; m++) basis[d - 1][m] = norm * Math.cos(Math.PI * d * (m + 0.5) / bands);
        }
        return basis;
    }

    /** Writes {@code c_1 .. c_13} of one frame's mel energies into {@code out}; {@code mel} is not modified. */
    static void cepstrum(double[] mel, double[][] basis, double[] out) {
        for (int d = 0; d < out.length; d++) {
            double[] row = basis[d];
            double acc = 0;
            for (int m = 0; m < mel.length; m++) acc += Math.log(mel[m] + MelSpectrum.POWER_FLOOR) * row[m];
            out[d] = acc;
        }
    }
}
