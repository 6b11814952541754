package org.gpvoice.dsp.spectrum;

/**
 * Settings of the per-block analysis.
 *
 * @param analysisMs analysis window length, ms (Hann, centred on the block): sets frequency resolution and look-ahead
 * @param erbFraction widest fit-grid point as a fraction of the ERB
 * @param minF0Hz lowest pitch searched (bounded below by the window: two periods must fit)
 * @param maxF0Hz highest pitch searched
 * @param yinThreshold YIN aperiodicity threshold for calling a block voiced
 * @param window analysis window shape (Gaussian by default: the fit's model of the window response is then exact)
 * @param envelopeMs span of the level envelope's smoothing, ms (Hann over blocks, whole pitch periods in voiced
 *     blocks; limited by the look-ahead)
 */
public record AnalysisConfig(
        double analysisMs,
        double erbFraction,
        double minF0Hz,
        double maxF0Hz,
        double yinThreshold,
        Periodogram.Window window,
        double envelopeMs) {
    public static final AnalysisConfig DEFAULT =
            new AnalysisConfig(30, 0.4, 70, 500, 0.2, Periodogram.Window.GAUSSIAN, 15);

    public AnalysisConfig {
        if (!(analysisMs >= 10 && analysisMs <= 200))
            throw new IllegalArgumentException("analysis window must be 10 to 200 ms, got " + analysisMs);
        if (!(erbFraction > 0 && erbFraction <= 2))
            throw new IllegalArgumentException("ERB fraction must be in (0, 2], got " + erbFraction);
        if (!(minF0Hz > 0 && maxF0Hz > minF0Hz))
            throw new IllegalArgumentException(
                    "pitch range must satisfy 0 < min < max, got " + minF0Hz + ".." + maxF0Hz);
    }

    public AnalysisConfig withAnalysisMs(double ms) {
        return new AnalysisConfig(ms, erbFraction, minF0Hz, maxF0Hz, yinThreshold, window, envelopeMs);
    }

    public AnalysisConfig withWindow(Periodogram.Window w) {
        return new AnalysisConfig(analysisMs, erbFraction, minF0Hz, maxF0Hz, yinThreshold, w, envelopeMs);
    }

    /** 5 ms blocks at the stream's own rate: {@code round(0.005 fs)} samples. */
    public static int blockSize(double sampleRateHz) {
        return (int) Math.round(0.005 * sampleRateHz);
    }
}
