package org.gpvoice.eval;

import java.util.Arrays;
import org.gpvoice.io.Resampling;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Short-time objective intelligibility, STOI (Taal, Hendriks, Heusdens, Jensen 2011, IEEE TASLP 19(7), "An algorithm
 * for intelligibility prediction of time-frequency weighted noisy speech"). Higher is better: about 1 for a perfect
 * copy, near 0 for an unrelated signal. Follows the reference implementation (MATLAB {@code stoi.m}, pystoi) step by
 * step:
 *
 * <ol>
 *   <li>Resample clean {@code x} (REF) and degraded {@code y} (TEST) to {@code fs = 10 kHz}.
 *   <li>Silent frames: cut both into 256-sample frames (hop 128) windowed by MATLAB's {@code hanning(256)}; drop every
 *       frame whose clean energy {@code 20 log10(||w x_frame|| + eps)} is not within 40 dB of the loudest clean frame;
 *       overlap-add the kept windowed frames back into two shorter signals.
 *   <li>STFT: the same 256-sample {@code hanning} frames, hop 128, 512-point FFT, bins {@code k = 0 .. 256}.
 *   <li>One-third-octave bands {@code j = 0 .. 14}, centres {@code 150 * 2^(j/3)} Hz, edges {@code 150 * 2^((2j -+
 *       1)/6)} Hz, each moved to the nearest FFT bin ({@code lo_j} inclusive, {@code hi_j} exclusive):
 *       <pre>  X_j(m) = sqrt( sum_{k = lo_j}^{hi_j - 1} |X(k, m)|^2 )</pre>
 *   <li>Segments of {@code N = 30} frames (384 ms) ending at every frame {@code m = N .. M}: vectors {@code x_{j,m} =
 *       (X_j(m-N), .., X_j(m-1))}, likewise {@code y_{j,m}}.
 *   <li>Normalise and clip, {@code beta = -15 dB}:
 *       <pre>  y'_{j,m} = min( y_{j,m} ||x_{j,m}|| / (||y_{j,m}|| + eps),  (1 + 10^(-beta/20)) x_{j,m} )</pre>
 *   <li>Correlation per band and segment, averaged:
 *       <pre>
 *   d_{j,m} = (x - mean x)^T (y' - mean y') / ((||x - mean x|| + eps) (||y' - mean y'|| + eps))
 *   STOI    = (1 / (J M')) sum_{j,m} d_{j,m}</pre>
 * </ol>
 *
 * {@code eps} is double-precision machine epsilon, as in pystoi. Resampling uses {@link Resampling} (TarsosDSP's
 * band-limited resampler) rather than MATLAB's {@code resample}, so values can differ from pystoi in the third decimal.
 * Fewer than {@code N} frames left after silence removal give NaN (pystoi warns and returns 1e-5).
 */
public final class Stoi {
    /** Internal sample rate, Hz. */
    public static final int SAMPLE_RATE_HZ = 10000;
    /** Frame length, samples at 10 kHz (25.6 ms). */
    public static final int FRAME = 256;
    /** FFT size. */
    public static final int FFT_SIZE = 512;
    /** One-third-octave bands. */
    public static final int BANDS = 15;
    /** Centre of the lowest band, Hz. */
    public static final double MIN_FREQ_HZ = 150;
    /** Frames per short-time segment (384 ms). */
    public static final int SEGMENT = 30;
    /** Lower signal-to-distortion bound of the clipping, dB. */
    public static final double BETA_DB = -15;
    /** Frames more than this many dB below the loudest clean frame are removed. */
    public static final double DYNAMIC_RANGE_DB = 40;

    private static final double EPS = Math.ulp(1.0);

    private Stoi() {}

    /**
     * STOI of {@code degraded} against {@code clean}, both at {@code sampleRateHz} and time-aligned (the shorter
     * length is used). Neither array is modified. NaN if fewer than {@value #SEGMENT} non-silent frames remain.
     */
    public static double compute(double[] clean, double[] degraded, int sampleRateHz) {
        int n = Math.min(clean.length, degraded.length);
        double[] x = Resampling.resample(Arrays.copyOf(clean, n), sampleRateHz, SAMPLE_RATE_HZ);
        double[] y = Resampling.resample(Arrays.copyOf(degraded, n), sampleRateHz, SAMPLE_RATE_HZ);
        return computeAt10k(x, y);
    }

    /** STOI of signals already at 10 kHz (equal lengths assumed; the shorter is used). */
    static double computeAt10k(double[] x, double[] y) {
        int n = Math.min(x.length, y.length);
        double[] w = Spectra.hannMatlab(FRAME);
        double[][] kept = removeSilentFrames(x, y, n, w);
        if (kept == null) return Double.NaN;
        double[][] xBands = bandEnvelopes(kept[0], w); // (BANDS, frames)
        double[][] yBands = bandEnvelopes(kept[1], w);
        int frames = xBands[0].length;
        if (frames < SEGMENT) return Double.NaN;

        double clip = 1 + Math.pow(10, -BETA_DB / 20);
        double[] yPrime = new double[SEGMENT];
        double sum = 0;
        long count = 0;
        for (int end = SEGMENT; end <= frames; end++) {
            int start = end - SEGMENT;
            for (int j = 0; j < BANDS; j++) {
                double[] xs = xBands[j], ys = yBands[j];
                double nx = 0, ny = 0;
                for (int i = start; i < end; i++) {
                    nx += xs[i] * xs[i];
                    ny += ys[i] * ys[i];
                }
                double alpha = Math.sqrt(nx) / (Math.sqrt(ny) + EPS);
                double mx = 0, my = 0;
                for (int i = 0; i < SEGMENT; i++) {
                    double v = Math.min(alpha * ys[start + i], clip * xs[start + i]);
                    yPrime[i] = v;
                    my += v;
                    mx += xs[start + i];
                }
                mx /= SEGMENT;
                my /= SEGMENT;
                double sxy = 0, sxx = 0, syy = 0;
                for (int i = 0; i < SEGMENT; i++) {
                    double dx = xs[start + i] - mx, dy = yPrime[i] - my;
                    sxy += dx * dy;
                    sxx += dx * dx;
                    syy += dy * dy;
                }
                sum += sxy / ((Math.sqrt(sxx) + EPS) * (Math.sqrt(syy) + EPS));
                count++;
            }
        }
        return sum / count;
    }

    /**
     * Drops the frames of {@code x[0 .. n)} more than {@value #DYNAMIC_RANGE_DB} dB below its loudest and
     * overlap-adds the kept windowed frames of both signals; {@code null} when no frame fits.
     *
     * @return {@code {x_kept, y_kept}}
     */
    static double[][] removeSilentFrames(double[] x, double[] y, int n, double[] w) {
        int hop = FRAME / 2;
        int frames = 0;
        for (int s = 0; s < n - FRAME; s += hop) frames++;
        if (frames == 0) return null;
        double[] energyDb = new double[frames];
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < frames; f++) {
            double acc = 0;
            for (int i = 0; i < FRAME; i++) {
                double v = w[i] * x[f * hop + i];
                acc += v * v;
            }
            energyDb[f] = 20 * Math.log10(Math.sqrt(acc) + EPS);
            max = Math.max(max, energyDb[f]);
        }
        int kept = 0;
        for (int f = 0; f < frames; f++) if (max - DYNAMIC_RANGE_DB - energyDb[f] < 0) kept++;
        if (kept == 0) return null;
        int length = (kept - 1) * hop + FRAME;
        double[] xs = new double[length], ys = new double[length];
        int k = 0;
        for (int f = 0; f < frames; f++) {
            if (!(max - DYNAMIC_RANGE_DB - energyDb[f] < 0)) continue;
            for (int i = 0; i < FRAME; i++) {
                xs[k * hop + i] += w[i] * x[f * hop + i];
                ys[k * hop + i] += w[i] * y[f * hop + i];
            }
            k++;
        }
        return new double[][] {xs, ys};
    }

    /** One-third-octave band envelopes {@code X_j(m)} of {@code x}: (BANDS, frames). */
    static double[][] bandEnvelopes(double[] x, double[] w) {
        int hop = FRAME / 2;
        int frames = 0;
        for (int s = 0; s < x.length - FRAME; s += hop) frames++;
        int[][] edges = bandEdgeBins();
        double[][] out = new double[BANDS][frames];
        DoubleFFT_1D fft = new DoubleFFT_1D(FFT_SIZE);
        double[] buf = new double[FFT_SIZE];
        double[] power = new double[FFT_SIZE / 2 + 1];
        for (int m = 0; m < frames; m++) {
            for (int i = 0; i < FRAME; i++) buf[i] = w[i] * x[m * hop + i];
            Arrays.fill(buf, FRAME, FFT_SIZE, 0.0);
            fft.realForward(buf);
            org.gpvoice.dsp.spectrum.PackedSpectrum.power(buf, FFT_SIZE, power, 1);
            for (int j = 0; j < BANDS; j++) {
                double acc = 0;
                for (int k = edges[j][0]; k < edges[j][1]; k++) acc += power[k];
                out[j][m] = Math.sqrt(acc);
            }
        }
        return out;
    }

    /**
     * {@code {lo_j, hi_j}} per band: the FFT bins ({@code k fs / 512}, {@code k = 0 .. 256}) nearest to {@code 150 *
     * 2^((2j - 1)/6)} and {@code 150 * 2^((2j + 1)/6)} Hz (the lower bin on a tie); band {@code j} is {@code lo_j <= k <
     * hi_j}.
     */
    static int[][] bandEdgeBins() {
        int[][] edges = new int[BANDS][2];
        for (int j = 0; j < BANDS; j++) {
            edges[j][0] = nearestBin(MIN_FREQ_HZ * Math.pow(2, (2.0 * j - 1) / 6));
            edges[j][1] = nearestBin(MIN_FREQ_HZ * Math.pow(2, (2.0 * j + 1) / 6));
        }
        return edges;
    }

    private static int nearestBin(double hz) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= FFT_SIZE / 2; k++) {
            double f = k * (double) SAMPLE_RATE_HZ / FFT_SIZE;
            double d = (f - hz) * (f - hz);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }
}
