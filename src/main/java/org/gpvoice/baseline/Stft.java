package org.gpvoice.baseline;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A consistent short-time Fourier transform pair: periodic Hann frames of {@code N} samples, hop {@code a = N/4},
 * and the least-squares inverse of Griffin and Lim (1984), so that {@code inverse(forward(x)) == x} at every sample.
 *
 * <p>Frame {@code m = 0 .. M-1} is centred on sample {@code m a} of the signal: it covers samples
 * {@code [m a - N/2, m a + N/2)}, reading zeros outside {@code [0, L)}. {@code M = floor(L / a) + 1}, so every sample is
 * covered by at least three frames with a non-zero window. Forward, with {@code j = 0 .. N-1} the index within the
 * frame and {@code k = 0 .. N/2} the bin:
 *
 * <pre>
 *   X[m, k] = sum_j w[j] x[m a - N/2 + j] exp(-2 pi i k j / N)       (phase referenced to the frame's first sample)
 * </pre>
 *
 * Inverse (least-squares, "LSEE-MSTFT"), for any array {@code Y} of the right shape, consistent or not:
 *
 * <pre>
 *   y[t] = sum_m w[t - m a + N/2] ifft(Y[m])[t - m a + N/2]  /  sum_m w[t - m a + N/2]^2
 * </pre>
 *
 * which is the signal whose STFT is nearest to {@code Y} in the Frobenius norm. Away from the first and last frames
 * the denominator is the constant {@code 3/8 * N / a = 1.5}; at the edges it is the actual sum, so the round trip is
 * exact there too.
 *
 * <p>Spectrograms are flat arrays, frame-major: element {@code (m, k)} at {@code m * bins() + k}, shape
 * {@code (M, N/2+1)}. The FFT is planned once in the constructor and JTransforms is kept single-threaded; {@link
 * #forward}, {@link #magnitude} and {@link #inverse} allocate nothing except when {@link #inverse} first sees a longer
 * signal (its window-sum buffer only grows). Not thread-safe: one instance per thread.
 */
public final class Stft {
    /** The analysis frame the baselines use: 46 ms, rounded to a power of two (1024 samples at 22.05 kHz). */
    public static final double FRAME_SECONDS = 0.046;

    private final int n;
    private final int hop;
    private final int bins;
    private final double[] window; // (N) periodic Hann
    private final double[] frame; // (N) packed real-FFT workspace
    private final DoubleFFT_1D fft;
    private double[] windowSum = new double[0]; // (L) sum_m w^2, for the last signal length seen
    private int windowSumLength = -1;

    /**
     * @param frameLength {@code N}, an even number of samples, at least 8
     * @param hop {@code a}, samples between frames, {@code 1 <= a <= N/2} (so that every sample is covered)
     */
    public Stft(int frameLength, int hop) {
        if (frameLength < 8 || frameLength % 2 != 0)
            throw new IllegalArgumentException("frame length must be even and at least 8: " + frameLength);
        if (hop < 1 || hop > frameLength / 2)
            throw new IllegalArgumentException("hop must be 1 to " + frameLength / 2 + ": " + hop);
        this.n = frameLength;
        this.hop = hop;
        this.bins = frameLength / 2 + 1;
        window = new double[n];
        for (int j = 0; j < n; j++) window[j] = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / n);
        frame = new double[n];
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        org.jtransforms.utils.CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Integer.MAX_VALUE);
        fft = new DoubleFFT_1D(n);
    }

    /** The baselines' transform at {@code sampleRate}: {@link #frameLengthFor} samples, hop a quarter of that. */
    public static Stft forSampleRate(int sampleRate) {
        int n = frameLengthFor(sampleRate);
        return new Stft(n, n / 4);
    }

    /**
     * The power of two nearest to {@link #FRAME_SECONDS} at {@code sampleRate} (a tie goes to the longer), at least 64:
     * 1024 at 22.05 kHz, 512 at 16 kHz, 2048 at 44.1 and 48 kHz.
     */
    public static int frameLengthFor(int sampleRate) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        double target = FRAME_SECONDS * sampleRate;
        int lo = 64;
        while (lo * 2 <= target) lo *= 2;
        int hi = lo * 2;
        return target - lo < hi - target ? lo : hi;
    }

    /** {@code N}, samples per frame. */
    public int frameLength() {
        return n;
    }

    /** {@code a}, samples between frame centres. */
    public int hop() {
        return hop;
    }

    /** {@code N/2 + 1}, bins per frame. */
    public int bins() {
        return bins;
    }

    /** {@code M}, frames for a signal of {@code length} samples. */
    public int frames(int length) {
        return length / hop + 1;
    }

    /** Elements of a spectrogram for a signal of {@code length} samples: {@code frames(length) * bins()}. */
    public int size(int length) {
        return frames(length) * bins;
    }

    /** A copy of the analysis (and synthesis) window. */
    public double[] window() {
        return window.clone();
    }

    /**
     * The STFT of {@code x}. {@code re} and {@code im} (each at least {@link #size}{@code (x.length)} long) are
     * overwritten; {@code x} is not modified.
     */
    public void forward(double[] x, double[] re, double[] im) {
        int frames = frames(x.length);
        for (int m = 0; m < frames; m++) {
            transformFrame(x, m);
            int o = m * bins;
            re[o] = frame[0];
            im[o] = 0;
            re[o + bins - 1] = frame[1];
            im[o + bins - 1] = 0;
            for (int k = 1; k < bins - 1; k++) {
                re[o + k] = frame[2 * k];
                im[o + k] = frame[2 * k + 1];
            }
        }
    }

    /** {@code |X|}: {@code mag} (at least {@link #size}{@code (x.length)} long) is overwritten. */
    public void magnitude(double[] x, double[] mag) {
        int frames = frames(x.length);
        for (int m = 0; m < frames; m++) {
            transformFrame(x, m);
            int o = m * bins;
            mag[o] = Math.abs(frame[0]);
            mag[o + bins - 1] = Math.abs(frame[1]);
            for (int k = 1; k < bins - 1; k++) mag[o + k] = Math.hypot(frame[2 * k], frame[2 * k + 1]);
        }
    }

    /** A new array holding {@code |STFT(x)|}, shape {@code (frames(x.length), bins())}. */
    public double[] magnitude(double[] x) {
        double[] mag = new double[size(x.length)];
        magnitude(x, mag);
        return mag;
    }

    /**
     * The least-squares inverse of the spectrogram {@code (re, im)} into {@code y}, whose length {@code L} says how
     * many samples to make (the spectrogram must have {@code frames(L)} frames). {@code y} is overwritten; the
     * imaginary parts of the DC and Nyquist bins are ignored (a real signal has none). {@code re} and {@code im} are
     * not modified.
     */
    public void inverse(double[] re, double[] im, double[] y) {
        int length = y.length;
        double[] wsum = windowSum(length);
        java.util.Arrays.fill(y, 0);
        int frames = frames(length);
        for (int m = 0; m < frames; m++) {
            int o = m * bins;
            frame[0] = re[o];
            frame[1] = re[o + bins - 1];
            for (int k = 1; k < bins - 1; k++) {
                frame[2 * k] = re[o + k];
                frame[2 * k + 1] = im[o + k];
            }
            fft.realInverse(frame, true);
            int start = m * hop - n / 2;
            int j0 = Math.max(0, -start), j1 = Math.min(n, length - start);
            for (int j = j0; j < j1; j++) y[start + j] += window[j] * frame[j];
        }
        for (int t = 0; t < length; t++) y[t] = wsum[t] > 0 ? y[t] / wsum[t] : 0;
    }

    /**
     * Spectral convergence {@code || |X| - M ||_F / || M ||_F} of a magnitude {@code mag} against a reference {@code
     * ref}, over their first {@code count} elements; 0 when both are zero.
     */
    public static double spectralConvergence(double[] mag, double[] ref, int count) {
        double num = 0, den = 0;
        for (int i = 0; i < count; i++) {
            double d = mag[i] - ref[i];
            num += d * d;
            den += ref[i] * ref[i];
        }
        if (den == 0) return num == 0 ? 0 : Double.POSITIVE_INFINITY;
        return Math.sqrt(num / den);
    }

    /**
     * Scales {@code y} in place so that its short-time energy equals the one the magnitude {@code mag} implies, and
     * returns the gain. By Parseval, per frame {@code sum_j (w_j x_t)^2 = (|X_0|^2 + |X_{N/2}|^2 + 2 sum_{0<k<N/2}
     * |X_k|^2) / N}; summed over frames the left side is {@code sum_t x_t^2 W_t} with {@code W_t = sum_m w^2} the
     * window sum. So the gain is {@code sqrt(E_M / sum_t y_t^2 W_t)}: 1 for the exact inverse of a consistent
     * spectrogram, and above 1 when inconsistent phases made frames cancel. A silent {@code y} is left as it is.
     */
    public double matchEnergy(double[] mag, double[] y) {
        int frames = frames(y.length);
        double target = 0;
        for (int m = 0; m < frames; m++) {
            int o = m * bins;
            double acc = mag[o] * mag[o] + mag[o + bins - 1] * mag[o + bins - 1];
            for (int k = 1; k < bins - 1; k++) acc += 2 * mag[o + k] * mag[o + k];
            target += acc / n;
        }
        double[] wsum = windowSum(y.length);
        double have = 0;
        for (int t = 0; t < y.length; t++) have += y[t] * y[t] * wsum[t];
        if (have <= 0) return 1;
        double g = Math.sqrt(target / have);
        for (int t = 0; t < y.length; t++) y[t] *= g;
        return g;
    }

    /** Windows frame {@code m} of {@code x} (zeros outside it) into the workspace and transforms it in place. */
    private void transformFrame(double[] x, int m) {
        int start = m * hop - n / 2;
        for (int j = 0; j < n; j++) {
            int t = start + j;
            frame[j] = t >= 0 && t < x.length ? window[j] * x[t] : 0;
        }
        fft.realForward(frame);
    }

    /** {@code sum_m w[t - m a + N/2]^2} for {@code t = 0 .. length-1}, computed once per length. */
    private double[] windowSum(int length) {
        if (length == windowSumLength) return windowSum;
        if (windowSum.length < length) windowSum = new double[length];
        java.util.Arrays.fill(windowSum, 0, length, 0);
        int frames = frames(length);
        for (int m = 0; m < frames; m++) {
            int start = m * hop - n / 2;
            int j0 = Math.max(0, -start), j1 = Math.min(n, length - start);
            for (int j = j0; j < j1; j++) windowSum[start + j] += window[j] * window[j];
        }
        windowSumLength = length;
        return windowSum;
    }
}
