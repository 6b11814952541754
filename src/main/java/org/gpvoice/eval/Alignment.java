package org.gpvoice.eval;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Finds how far TEST lags REF (a pipeline's latency) and cuts both to their common, aligned part.
 *
 * <p>The lag {@code D} is defined by {@code test[n + D] ~ ref[n]}: positive when TEST is late. It is found in two
 * steps:
 *
 * <ol>
 *   <li><b>Envelopes.</b> Frame energies (mean squares) over 5 ms frames ({@code F = round(0.005 fs)} samples) with a 1
 *       ms hop ({@code H = round(0.001 fs)}), in dB with a floor 60 dB below each signal's loudest frame: {@code e_k = 10
 *       log10(max(ms_k, 1e-6 max ms))}. For every lag {@code l} in hops, {@code |l H| <= maxLag}, the Pearson correlation of {@code e_k} and {@code e'_{k+l}}
 *       over their overlap (lags whose overlap is shorter than half the shorter envelope are skipped). The best lag is
 *       refined by a parabola through its neighbours: {@code D0 = round((l* + delta) H)} samples. The envelope ignores
 *       the waveform, so this works when TEST is a random resynthesis that shares only REF's loudness contour.
 *   <li><b>To the sample, if it helps.</b> The normalised cross-correlation of the band-limited signals (100 Hz to
 *       {@code min(4 kHz, 0.45 fs)}, an ideal band-pass applied in one zero-padded FFT of both whole signals)
 *       <pre>  rho(L) = sum_n x_b[n] y_b[n + L] / sqrt(sum x_b^2 sum y_b^2)</pre>
 *       is searched for {@code |L - D0| <= 2F}. If its peak is at least {@value #COHERENCE_THRESHOLD} the waveforms are
 *       coherent (a delayed, possibly noisy or filtered copy) and the peak's lag is taken; otherwise (a random
 *       resynthesis, whose waveform is unrelated) {@code D0} stands.
 * </ol>
 */
public final class Alignment {
    /** Envelope frame, s. */
    public static final double ENVELOPE_FRAME_S = 0.005;
    /** Envelope hop, s: the resolution of the envelope lag before interpolation. */
    public static final double ENVELOPE_HOP_S = 0.001;
    /** Default search range, ms either way. */
    public static final double DEFAULT_MAX_LAG_MS = 500;
    /** Waveform correlation needed to trust the sample-accurate lag. */
    public static final double COHERENCE_THRESHOLD = 0.4;

    static final double BAND_LOW_HZ = 100;
    static final double BAND_HIGH_HZ = 4000;
    static final double ENVELOPE_FLOOR = 1e-6; // -60 dB re the loudest frame

    /**
     * @param lagSamples {@code D}: TEST lags REF by this many samples (negative: TEST is early)
     * @param lagMs {@code D} in ms
     * @param refinedToSample whether the waveform cross-correlation set the lag (else the envelope alone did)
     * @param envelopeCorrelation Pearson correlation of the dB envelopes at the best frame lag (NaN if none was valid)
     * @param waveformCorrelation peak normalised cross-correlation of the band-limited signals near the envelope lag
     */
    public record Result(
            int lagSamples,
            double lagMs,
            boolean refinedToSample,
            double envelopeCorrelation,
            double waveformCorrelation) {}

    private Alignment() {}

    /**
     * Finds the lag of {@code test} behind {@code ref}, both at {@code sampleRateHz}, within {@code +-maxLagMs}.
     * Neither array is modified.
     */
    public static Result find(double[] ref, double[] test, int sampleRateHz, double maxLagMs) {
        if (!(maxLagMs >= 0) || Double.isInfinite(maxLagMs)) {
            throw new IllegalArgumentException("maximum lag must be >= 0 ms: " + maxLagMs);
        }
        int frame = (int) Math.max(1, Math.round(ENVELOPE_FRAME_S * sampleRateHz));
        int hop = (int) Math.max(1, Math.round(ENVELOPE_HOP_S * sampleRateHz));
        int maxLag = (int) Math.round(maxLagMs * sampleRateHz / 1000);
        double[] er = logEnvelope(ref, frame, hop), et = logEnvelope(test, frame, hop);
        int maxLagFrames = maxLag / hop;
        int minOverlap = Math.max(2, Math.min(er.length, et.length) / 2);
        double[] corr = new double[2 * maxLagFrames + 1]; // corr[l + maxLagFrames]
        int best = Integer.MIN_VALUE;
        for (int l = -maxLagFrames; l <= maxLagFrames; l++) {
            int from = Math.max(0, -l), to = Math.min(er.length, et.length - l);
            double c = to - from >= minOverlap ? Spectra.pearson(er, from, et, from + l, to - from) : Double.NaN;
            corr[l + maxLagFrames] = c;
            if (!Double.isNaN(c) && (best == Integer.MIN_VALUE || c > corr[best + maxLagFrames])) best = l;
        }
        double envCorr = Double.NaN;
        int coarse = 0;
        if (best != Integer.MIN_VALUE) {
            envCorr = corr[best + maxLagFrames];
            double delta = 0;
            int i = best + maxLagFrames;
            if (i > 0 && i + 1 < corr.length && !Double.isNaN(corr[i - 1]) && !Double.isNaN(corr[i + 1])) {
                double curvature = corr[i - 1] - 2 * corr[i] + corr[i + 1];
                if (curvature < 0) delta = Math.max(-0.5, Math.min(0.5, 0.5 * (corr[i - 1] - corr[i + 1]) / curvature));
            }
            coarse = (int) Math.max(-maxLag, Math.min(maxLag, Math.round((best + delta) * hop)));
        }

        int lo = Math.max(-maxLag, coarse - 2 * frame), hi = Math.min(maxLag, coarse + 2 * frame);
        double[] rho = bandLimitedCorrelation(ref, test, sampleRateHz, lo, hi);
        int peak = 0;
        for (int j = 1; j < rho.length; j++) if (rho[j] > rho[peak]) peak = j;
        double waveCorr = rho.length == 0 ? Double.NaN : rho[peak];
        boolean refined = waveCorr >= COHERENCE_THRESHOLD;
        int lag = refined ? lo + peak : coarse;
        return new Result(lag, 1000.0 * lag / sampleRateHz, refined, envCorr, waveCorr);
    }

    /**
     * The aligned common part: {@code {ref[n], test[n + lag]}} for every {@code n} where both exist, as two new arrays
     * of equal length (possibly 0).
     */
    public static double[][] overlap(double[] ref, double[] test, int lag) {
        long from = Math.max(0, -(long) lag), to = Math.min(ref.length, test.length - (long) lag);
        int n = (int) Math.max(0, to - from);
        if (n == 0) return new double[][] {new double[0], new double[0]};
        int start = (int) from;
        return new double[][] {
            Arrays.copyOfRange(ref, start, start + n), Arrays.copyOfRange(test, start + lag, start + lag + n)
        };
    }

    /** Frame energies in dB, floored {@code 10 log10(ENVELOPE_FLOOR)} below the loudest frame. */
    static double[] logEnvelope(double[] x, int frame, int hop) {
        double[] ms = Spectra.meanSquareFrames(x, frame, hop);
        double max = 0;
        for (double v : ms) max = Math.max(max, v);
        double floor = max > 0 ? max * ENVELOPE_FLOOR : Double.MIN_NORMAL;
        for (int k = 0; k < ms.length; k++) ms[k] = 10 * Math.log10(Math.max(ms[k], floor));
        return ms;
    }

    /**
     * {@code rho(L)} for {@code L = lo .. hi} (see the class comment): index {@code L - lo}. All zeros if either
     * signal has no energy in the band.
     */
    static double[] bandLimitedCorrelation(double[] ref, double[] test, int sampleRateHz, int lo, int hi) {
        double[] rho = new double[Math.max(0, hi - lo + 1)];
        if (rho.length == 0 || ref.length == 0 || test.length == 0) return rho;
        int n = Spectra.nextPow2((long) ref.length + test.length);
        double[] a = Arrays.copyOf(test, n), b = Arrays.copyOf(ref, n);
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForward(a);
        fft.realForward(b);
        int kLo = (int) Math.ceil(BAND_LOW_HZ * n / sampleRateHz);
        int kHi = (int) Math.floor(Math.min(BAND_HIGH_HZ, 0.45 * sampleRateHz) * n / sampleRateHz);
        kLo = Math.max(kLo, 1);
        kHi = Math.min(kHi, n / 2 - 1);
        double ea = 0, eb = 0;
        a[0] = a[1] = b[0] = b[1] = 0; // DC and Nyquist lie outside the band
        for (int k = 1; k < n / 2; k++) {
            if (k < kLo || k > kHi) {
                a[2 * k] = a[2 * k + 1] = b[2 * k] = b[2 * k + 1] = 0;
            } else {
                ea += a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
                eb += b[2 * k] * b[2 * k] + b[2 * k + 1] * b[2 * k + 1];
            }
        }
        // Parseval for a real signal with no DC/Nyquist content: sum x_b^2 = (2 / n) sum_band |X_k|^2
        double norm = Math.sqrt((2.0 / n) * ea * (2.0 / n) * eb);
        if (!(norm > 0)) return rho;
        org.gpvoice.dsp.spectrum.PackedSpectrum.multiplyConjugate(
                a, b, n); // A conj(B): inverse is sum_j ref_j test_{j+L}
        fft.realInverse(a, true);
        for (int L = lo; L <= hi; L++) rho[L - lo] = a[Math.floorMod(L, n)] / norm;
        return rho;
    }
}
