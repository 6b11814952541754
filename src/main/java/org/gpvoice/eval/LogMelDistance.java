package org.gpvoice.eval;

/**
 * Log-mel spectral distance in dB: how far apart two signals' mel spectra are, frame by frame. Lower is better; 0 for
 * identical signals.
 *
 * <p>With mel energies {@code E_t(m)} of REF and {@code E'_t(m)} of TEST ({@link MelSpectrum}, {@code M = 80} bands)
 * and the set {@code A} of active frames (REF's frames within 40 dB of its loudest):
 *
 * <pre>
 *   D_t = sqrt( (1/M) sum_m ( 10 log10(E_t(m) + eps) - 10 log10(E'_t(m) + eps) )^2 )     dB
 *   LMD = (1/|A|) sum_{t in A} D_t
 * </pre>
 *
 * with {@code eps = } {@link MelSpectrum#POWER_FLOOR}. A broadband gain error of {@code g} dB gives exactly {@code
 * |g|}; independent Gaussian noise of the same spectrum gives several dB (the periodogram's own scatter).
 */
public final class LogMelDistance {
    private LogMelDistance() {}

    /**
     * The distance over the frames marked in {@code active}, averaged; NaN when none is active.
     *
     * @param ref REF's analysis
     * @param test TEST's analysis, same frame count as {@code ref} (the shorter count is used otherwise)
     * @param active per frame of {@code ref}, whether to include it
     */
    public static double compute(MelSpectrum.Frames ref, MelSpectrum.Frames test, boolean[] active) {
        int frames = Math.min(Math.min(ref.count(), test.count()), active.length);
        double sum = 0;
        int used = 0;
        for (int t = 0; t < frames; t++) {
            if (!active[t]) continue;
            double[] a = ref.mel()[t], b = test.mel()[t];
            double acc = 0;
            for (int m = 0; m < a.length; m++) {
                double d = 10 * Math.log10(a[m] + MelSpectrum.POWER_FLOOR)
                        - 10 * Math.log10(b[m] + MelSpectrum.POWER_FLOOR);
                acc += d * d;
            }
            sum += Math.sqrt(acc / a.length);
            used++;
        }
        return used == 0 ? Double.NaN : sum / used;
    }

    /** Convenience: analyses two equally long signals at {@code sampleRateHz} and returns their distance, dB. */
    public static double between(double[] ref, double[] test, int sampleRateHz) {
        MelSpectrum mel = new MelSpectrum(sampleRateHz);
        MelSpectrum.Frames r = mel.analyse(ref);
        return compute(r, mel.analyse(test), MelSpectrum.activeFrames(r.energy(), MelSpectrum.ACTIVE_RANGE_DB));
    }
}
