package org.gpvoice.eval;

import org.gpvoice.io.MonoClip;
import org.gpvoice.io.Resampling;

/**
 * Compares a TEST signal (gpvoice's output, or any system's) with the REF it was made from, on measures that make sense
 * for a random resynthesis: nothing compares raw waveforms.
 *
 * <p>Steps: TEST is resampled to REF's rate if the rates differ; the lag of TEST behind REF is found ({@link Alignment})
 * and both are cut to their aligned overlap; on that overlap, at REF's rate: {@link LogMelDistance}, {@link
 * MelCepstralDistortion} (one shared {@link MelSpectrum} analysis, REF's active frames), {@link Stoi}, {@link
 * PitchAgreement}, {@link EnvelopeMetrics}. The {@link ClickRatio} is taken on TEST as given (its own rate, before
 * alignment), since the block edges of the pipeline that made it count from its first sample; REF's value at the same
 * block length is reported beside it as the baseline of the material.
 *
 * <p>Offline code: it allocates freely.
 */
public final class Evaluator {
    /** Shortest aligned overlap accepted, s (a few analysis frames of every metric). */
    public static final double MIN_OVERLAP_S = 0.1;

    /**
     * @param blockMs block length of the click ratio, ms
     * @param maxLagMs alignment search range either way, ms (0 disables alignment)
     */
    public record Options(double blockMs, double maxLagMs) {
        public Options {
            if (!(blockMs > 0) || Double.isInfinite(blockMs)) {
                throw new IllegalArgumentException("block length must be a positive number of ms: " + blockMs);
            }
            if (!(maxLagMs >= 0) || Double.isInfinite(maxLagMs)) {
                throw new IllegalArgumentException("maximum lag must be >= 0 ms: " + maxLagMs);
            }
        }

        /** 5 ms blocks, lags up to 500 ms. */
        public static Options defaults() {
            return new Options(ClickRatio.DEFAULT_BLOCK_MS, Alignment.DEFAULT_MAX_LAG_MS);
        }
    }

    private Evaluator() {}

    /** Evaluates two decoded clips. */
    public static EvalReport evaluate(MonoClip ref, MonoClip test, Options options) {
        return evaluate(ref.samples(), ref.sampleRate(), test.samples(), test.sampleRate(), options);
    }

    /**
     * Evaluates {@code test} (at {@code testRateHz}) against {@code ref} (at {@code refRateHz}). Neither array is
     * modified.
     *
     * @throws IllegalArgumentException if a signal or the aligned overlap is shorter than {@value #MIN_OVERLAP_S} s,
     *     or the block length is under 3 samples
     */
    public static EvalReport evaluate(double[] ref, int refRateHz, double[] test, int testRateHz, Options options) {
        int fs = refRateHz;
        requireLength("REF", ref.length, refRateHz);
        requireLength("TEST", test.length, testRateHz);
        int blockSamples = ClickRatio.blockSamples(options.blockMs(), testRateHz);
        double clickRatio = ClickRatio.of(test, blockSamples);
        double refClickRatio = ClickRatio.of(ref, ClickRatio.blockSamples(options.blockMs(), refRateHz));

        double[] testAtRef = Resampling.resample(test, testRateHz, fs);
        Alignment.Result lag = Alignment.find(ref, testAtRef, fs, options.maxLagMs());
        double[][] pair = Alignment.overlap(ref, testAtRef, lag.lagSamples());
        double[] r = pair[0], t = pair[1];
        if (r.length < MIN_OVERLAP_S * fs) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "after aligning TEST %.1f ms behind REF only %.3f s overlap; need at least %.1f s",
                    lag.lagMs(),
                    r.length / (double) fs,
                    MIN_OVERLAP_S));
        }

        MelSpectrum mel = new MelSpectrum(fs);
        MelSpectrum.Frames mr = mel.analyse(r), mt = mel.analyse(t);
        boolean[] active = MelSpectrum.activeFrames(mr.energy(), MelSpectrum.ACTIVE_RANGE_DB);

        return new EvalReport(
                fs,
                testRateHz,
                lag,
                r.length / (double) fs,
                LogMelDistance.compute(mr, mt, active),
                MelCepstralDistortion.compute(mr, mt, active),
                MelSpectrum.count(active),
                mr.count(),
                Stoi.compute(r, t, fs),
                PitchAgreement.compute(r, t, fs),
                EnvelopeMetrics.envelopeCorrelation(r, t, fs),
                EnvelopeMetrics.levelDifferenceDb(r, t),
                options.blockMs(),
                blockSamples,
                clickRatio,
                refClickRatio);
    }

    private static void requireLength(String which, int samples, int rateHz) {
        if (samples < MIN_OVERLAP_S * rateHz) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "%s is too short to evaluate: %.3f s (need at least %.1f s)",
                    which,
                    samples / (double) rateHz,
                    MIN_OVERLAP_S));
        }
    }
}
