package org.gpvoice.eval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Everything {@link Evaluator} measured for one REF/TEST pair. NaN marks a metric that could not be computed (for
 * example F0 error when no frame is voiced in both, STOI when fewer than 30 non-silent frames remain).
 *
 * @param sampleRateHz rate the comparison ran at (REF's), Hz
 * @param testSampleRateHz TEST's own rate, Hz (TEST was resampled to {@code sampleRateHz} if different)
 * @param alignment lag of TEST behind REF and how it was found
 * @param overlapSeconds length of the aligned overlap that every metric but the click ratio used, s
 * @param logMelDistanceDb {@link LogMelDistance}, dB (lower is better, 0 ideal)
 * @param melCepstralDistortionDb {@link MelCepstralDistortion}, dB (lower is better, 0 ideal)
 * @param activeFrames mel frames within 40 dB of REF's loudest (those the two above average over)
 * @param melFrames all mel frames of the overlap
 * @param stoi {@link Stoi} (higher is better, 1 ideal)
 * @param pitch {@link PitchAgreement}
 * @param envelopeCorrelation {@link EnvelopeMetrics#envelopeCorrelation} (higher is better, 1 ideal)
 * @param levelDifferenceDb {@link EnvelopeMetrics#levelDifferenceDb}, TEST minus REF, dB (0 ideal)
 * @param blockMs click-ratio block length, ms
 * @param blockSamples click-ratio block length in TEST's samples
 * @param clickRatio {@link ClickRatio} of TEST (nearer 1 is better)
 * @param refClickRatio {@link ClickRatio} of REF at the same block length: the material's own baseline
 */
public record EvalReport(
        int sampleRateHz,
        int testSampleRateHz,
        Alignment.Result alignment,
        double overlapSeconds,
        double logMelDistanceDb,
        double melCepstralDistortionDb,
        int activeFrames,
        int melFrames,
        double stoi,
        PitchAgreement.Result pitch,
        double envelopeCorrelation,
        double levelDifferenceDb,
        double blockMs,
        int blockSamples,
        double clickRatio,
        double refClickRatio) {

    /** Whether TEST was resampled to REF's rate. */
    public boolean testResampled() {
        return testSampleRateHz != sampleRateHz;
    }

    /** The human-readable table: alignment lines, then one row per metric with its ideal value and direction. */
    public String toTable() {
        StringBuilder s = new StringBuilder();
        Alignment.Result a = alignment;
        if (testResampled()) {
            s.append(String.format(
                    Locale.ROOT, "resampled  TEST from %d Hz to REF's %d Hz%n", testSampleRateHz, sampleRateHz));
        }
        s.append(String.format(
                Locale.ROOT,
                "aligned    TEST lags REF by %.2f ms (%d samples; %s)%n",
                a.lagMs(),
                a.lagSamples(),
                a.refinedToSample()
                        ? String.format(
                                Locale.ROOT, "to the sample: waveforms coherent, r = %.2f", a.waveformCorrelation())
                        : String.format(
                                Locale.ROOT,
                                "from the energy envelopes, r = %.2f; waveforms unrelated",
                                a.envelopeCorrelation())));
        s.append(String.format(
                Locale.ROOT,
                "compared   %.3f s at %d Hz; %d of %d mel frames active%n%n",
                overlapSeconds,
                sampleRateHz,
                activeFrames,
                melFrames));
        s.append(String.format(Locale.ROOT, "%-32s %10s  %5s  %s%n", "metric", "value", "ideal", "better"));
        row(s, "log-mel distance (dB)", logMelDistanceDb, 2, "0", "lower");
        row(s, "mel-cepstral distortion (dB)", melCepstralDistortionDb, 2, "0", "lower");
        row(s, "STOI", stoi, 3, "1", "higher");
        row(s, "voicing agreement", pitch.voicingAgreement(), 3, "1", "higher");
        row(s, "F0 error, median (cents)", pitch.medianCents(), 1, "0", "lower");
        row(s, "F0 error, mean (cents)", pitch.meanCents(), 1, "0", "lower");
        row(s, "gross pitch error rate", pitch.grossErrorRate(), 3, "0", "lower");
        row(s, "envelope correlation", envelopeCorrelation, 3, "1", "higher");
        row(s, "level difference (dB)", levelDifferenceDb, 2, "0", "nearer 0");
        row(
                s,
                String.format(Locale.ROOT, "click ratio (%s ms blocks)", plain(blockMs)),
                clickRatio,
                3,
                "1",
                String.format(Locale.ROOT, "nearer 1 (REF: %s)", fixed(refClickRatio, 3)));
        s.append(String.format(
                Locale.ROOT, "(F0 over %d frames, %d voiced in both)%n", pitch.frames(), pitch.bothVoiced()));
        return s.toString();
    }

    private static void row(StringBuilder s, String name, double v, int decimals, String ideal, String better) {
        s.append(String.format(Locale.ROOT, "%-32s %10s  %5s  %s%n", name, fixed(v, decimals), ideal, better));
    }

    private static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) return "n/a";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        String out = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return out.matches("-0\\.?0*") ? out.substring(1) : out;
    }

    /**
     * The same numbers as a JSON object (hand-written; no dependency). Non-finite values are {@code null}.
     *
     * @param ref REF as the user named it
     * @param test TEST as the user named it
     */
    public String toJson(String ref, String test) {
        Alignment.Result a = alignment;
        StringBuilder s = new StringBuilder("{\n");
        field(s, "ref", quote(ref));
        field(s, "test", quote(test));
        field(s, "sampleRateHz", Integer.toString(sampleRateHz));
        field(s, "testSampleRateHz", Integer.toString(testSampleRateHz));
        field(s, "testResampled", Boolean.toString(testResampled()));
        field(s, "lagMs", number(a.lagMs()));
        field(s, "lagSamples", Integer.toString(a.lagSamples()));
        field(s, "lagRefinedToSample", Boolean.toString(a.refinedToSample()));
        field(s, "alignmentEnvelopeCorrelation", number(a.envelopeCorrelation()));
        field(s, "alignmentWaveformCorrelation", number(a.waveformCorrelation()));
        field(s, "overlapSeconds", number(overlapSeconds));
        field(s, "logMelDistanceDb", number(logMelDistanceDb));
        field(s, "melCepstralDistortionDb", number(melCepstralDistortionDb));
        field(s, "activeFrames", Integer.toString(activeFrames));
        field(s, "melFrames", Integer.toString(melFrames));
        field(s, "stoi", number(stoi));
        field(s, "voicingAgreement", number(pitch.voicingAgreement()));
        field(s, "f0MedianCentsError", number(pitch.medianCents()));
        field(s, "f0MeanCentsError", number(pitch.meanCents()));
        field(s, "grossPitchErrorRate", number(pitch.grossErrorRate()));
        field(s, "pitchFrames", Integer.toString(pitch.frames()));
        field(s, "bothVoicedFrames", Integer.toString(pitch.bothVoiced()));
        field(s, "envelopeCorrelation", number(envelopeCorrelation));
        field(s, "levelDifferenceDb", number(levelDifferenceDb));
        field(s, "blockMs", number(blockMs));
        field(s, "blockSamples", Integer.toString(blockSamples));
        field(s, "clickRatio", number(clickRatio));
        s.append("  \"refClickRatio\": ").append(number(refClickRatio)).append("\n}\n");
        return s.toString();
    }

    private static void field(StringBuilder s, String name, String value) {
        s.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    /** A JSON number with 7 significant digits, or {@code null} for NaN and infinities. */
    static String number(double v) {
        if (!Double.isFinite(v)) return "null";
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(v).round(new MathContext(7)).stripTrailingZeros();
        double m = Math.abs(v);
        return m >= 1e-6 && m < 1e12 ? d.toPlainString() : d.toString();
    }

    private static String plain(double v) {
        return new BigDecimal(v).round(new MathContext(7)).stripTrailingZeros().toPlainString();
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else s.append(c);
                }
            }
        }
        return s.append('"').toString();
    }
}
