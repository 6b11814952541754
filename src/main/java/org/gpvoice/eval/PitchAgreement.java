package org.gpvoice.eval;

import java.util.Arrays;
import org.gpvoice.dsp.pitch.Yin;

/**
 * How well TEST keeps REF's pitch, from the project's {@link Yin} tracker run on both (40 ms windows, 5 ms hop, 60 ..
 * 500 Hz, threshold 0.15; frames start at sample 0 and must fit entirely).
 *
 * <p>With per-frame voicing {@code v_t, v'_t} and F0 {@code f_t, f'_t} of REF and TEST, and {@code B} the frames voiced
 * in both:
 *
 * <pre>
 *   voicing agreement  = |{t : v_t == v'_t}| / T                                higher is better, 1 ideal
 *   e_t                = |1200 log2(f'_t / f_t)|,  t in B                        cents
 *   F0 error           = median_B e_t  and  mean_B e_t                          lower is better, 0 ideal
 *   gross pitch error  = |{t in B : |f'_t / f_t - 1| &gt; 0.2}| / |B|               lower is better, 0 ideal
 * </pre>
 *
 * Silent frames count in the voicing agreement (both unvoiced agree). The F0 statistics are NaN when {@code B} is
 * empty.
 */
public final class PitchAgreement {
    /** Analysis window, s. */
    public static final double WINDOW_S = 0.040;
    /** Hop, s. */
    public static final double HOP_S = 0.005;
    /** Search range, Hz. */
    public static final double MIN_F0_HZ = 60, MAX_F0_HZ = 500;
    /** YIN threshold. */
    public static final double THRESHOLD = 0.15;
    /** A both-voiced frame whose F0 ratio is off by more than this fraction is a gross error. */
    public static final double GROSS_ERROR = 0.2;

    /**
     * @param frames frames compared
     * @param bothVoiced frames voiced in both signals
     * @param voicingAgreement fraction of frames with the same voicing decision
     * @param medianCents median |F0 error| over both-voiced frames, cents (NaN if none)
     * @param meanCents mean |F0 error| over both-voiced frames, cents (NaN if none)
     * @param grossErrorRate fraction of both-voiced frames with more than 20% F0 error (NaN if none)
     */
    public record Result(
            int frames,
            int bothVoiced,
            double voicingAgreement,
            double medianCents,
            double meanCents,
            double grossErrorRate) {}

    private PitchAgreement() {}

    /** F0 per frame, Hz, 0 where unvoiced; {@code x} is not modified. */
    public static double[] track(double[] x, int sampleRateHz) {
        int window = (int) Math.round(WINDOW_S * sampleRateHz);
        int hop = (int) Math.max(1, Math.round(HOP_S * sampleRateHz));
        Yin yin = new Yin(sampleRateHz, window, MIN_F0_HZ, MAX_F0_HZ, THRESHOLD);
        int frames = x.length < window ? 0 : (x.length - window) / hop + 1;
        double[] f0 = new double[frames];
        for (int t = 0; t < frames; t++) f0[t] = yin.estimate(x, t * hop) ? yin.f0Hz() : 0;
        return f0;
    }

    /** Compares the tracks of two time-aligned signals at {@code sampleRateHz} (the shorter length is used). */
    public static Result compute(double[] ref, double[] test, int sampleRateHz) {
        return compare(track(ref, sampleRateHz), track(test, sampleRateHz));
    }

    /** Compares two F0 tracks (Hz, 0 = unvoiced) frame by frame over their common length. */
    public static Result compare(double[] refF0, double[] testF0) {
        int frames = Math.min(refF0.length, testF0.length);
        int agree = 0, both = 0, gross = 0;
        double[] cents = new double[frames];
        for (int t = 0; t < frames; t++) {
            boolean a = refF0[t] > 0, b = testF0[t] > 0;
            if (a == b) agree++;
            if (a && b) {
                double ratio = testF0[t] / refF0[t];
                cents[both++] = Math.abs(1200 * Math.log(ratio) / Math.log(2));
                if (Math.abs(ratio - 1) > GROSS_ERROR) gross++;
            }
        }
        double agreement = frames == 0 ? Double.NaN : agree / (double) frames;
        if (both == 0) return new Result(frames, 0, agreement, Double.NaN, Double.NaN, Double.NaN);
        double[] e = Arrays.copyOf(cents, both);
        Arrays.sort(e);
        double median = both % 2 == 1 ? e[both / 2] : 0.5 * (e[both / 2 - 1] + e[both / 2]);
        double mean = 0;
        for (double v : e) mean += v;
        mean /= both;
        return new Result(frames, both, agreement, median, mean, gross / (double) both);
    }
}
