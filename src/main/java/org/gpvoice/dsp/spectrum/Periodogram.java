package org.gpvoice.dsp.spectrum;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Windowed periodogram scaled as a two-sided power spectral density per Hz, directly comparable to a kernel's PSD
 * {@code S(f) = integral K(r) exp(-2 pi i f r) dr}.
 *
 * <p>For a window {@code w} of length {@code W} and FFT size {@code N >= W} (zero-padded):
 * {@code P_k = |sum_n w_n x_n exp(-2 pi i k n / N)|^2 / (fs * sum_n w_n^2)}, {@code k = 0 .. N/2}, at {@code f_k = k fs
 * / N}. With this scale, white noise of variance {@code s2} has {@code E[P_k] = s2 / fs} (the PSD of the sampled white
 * process), a sinusoid {@code A cos(2 pi f0 t)} puts {@code sum_k P_k fs / N = A^2 / 4} on each side, and in general
 * {@code E[P] = S} convolved with the window's power response {@code |W(f)|^2 / (fs sum w^2)}, which has unit area. The
 * response's equivalent noise bandwidth is {@link #enbwHz()} ({@code 1.5 fs / W} for Hann).
 *
 * <p>Why the default window is Gaussian: the fit models the expected periodogram as Gaussian peaks convolved with a
 * Gaussian stand-in for the window response. For a Gaussian window that stand-in is the truth; for Hann it is not, and
 * fitting the exact expected Hann periodogram of a known 3-component process biased a narrow peak's centre by 1.8 Hz
 * at 300 Hz (0.6%), where the Gaussian window recovers centre, width and weight (see {@code SmFitterTest}).
 *
 * <p>The FFT is planned once; {@link #compute} allocates nothing. JTransforms runs single-threaded here (set once in
 * the constructor), so a pipeline thread never starts a thread pool.
 */
public final class Periodogram {
    private final double sampleRateHz;
    private final int windowLength;
    private final int fftSize;
    private final double[] window; // (W)
    private final double[] frame; // (N) packed real FFT workspace
    private final double[] psd; // (N/2 + 1)
    private final double scale;
    private final double enbwHz;
    private final double timeSigmaS;
    private final DoubleFFT_1D fft;

    /** Analysis window shapes. */
    public enum Window {
        /** Periodic Hann: ENBW 1.5 bins; its main lobe is only approximately Gaussian. */
        HANN,
        /**
         * Gaussian, standard deviation W/6, lowered to reach zero at +-3 sd: ENBW about 1.7 bins, and a power
         * response that is Gaussian over the main lobe, so the fit's model of the expected periodogram is exact.
         */
        GAUSSIAN
    }

    /**
     * @param sampleRateHz sample rate of the signal
     * @param windowLength analysis window length in samples ({@code >= 4}); the FFT size is the next power of two
     * @param shape analysis window shape
     */
    public Periodogram(double sampleRateHz, int windowLength, Window shape) {
        if (windowLength < 4) throw new IllegalArgumentException("analysis window too short: " + windowLength);
        this.sampleRateHz = sampleRateHz;
        this.windowLength = windowLength;
        int n = 1;
        while (n < windowLength) n <<= 1;
        this.fftSize = n;
        window = new double[windowLength];
        double sumW = 0, sumW2 = 0;
        for (int i = 0; i < windowLength; i++) {
            if (shape == Window.HANN) {
                // periodic Hann: exact 1.5-bin ENBW
                window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / windowLength);
            } else {
                // Gaussian lowered by its edge value (e^-4.5 = 1.1%) so it reaches zero continuously: sidelobes
                // fall 12 dB/octave instead of 6, and the main lobe stays Gaussian
                double edge = Math.exp(-4.5);
                double u = (i - 0.5 * windowLength) / (windowLength / 6.0);
                window[i] = (Math.exp(-0.5 * u * u) - edge) / (1 - edge);
            }
            sumW += window[i];
            sumW2 += window[i] * window[i];
        }
        scale = 1.0 / (sampleRateHz * sumW2);
        double m2 = 0, centre = 0.5 * (windowLength - 1);
        for (int i = 0; i < windowLength; i++) m2 += window[i] * window[i] * (i - centre) * (i - centre);
        timeSigmaS = Math.sqrt(m2 / sumW2) / sampleRateHz;
        enbwHz = sampleRateHz * sumW2 / (sumW * sumW);
        frame = new double[n];
        psd = new double[n / 2 + 1];
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        org.jtransforms.utils.CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Integer.MAX_VALUE);
        fft = new DoubleFFT_1D(n);
    }

    /**
     * Computes the periodogram of {@code x[off .. off + windowLength)} into the internal buffer returned by
     * {@link #psd()}. {@code x} is not modified.
     */
    public void compute(double[] x, int off) {
        final double[] a = frame;
        for (int i = 0; i < windowLength; i++) a[i] = window[i] * x[off + i];
        for (int i = windowLength; i < fftSize; i++) a[i] = 0;
        fft.realForward(a);
        PackedSpectrum.power(a, fftSize, psd, scale);
    }

    /** The last computed PSD, {@code (N/2 + 1)}, per Hz, two-sided. Owned by this object; overwritten by compute. */
    public double[] psd() {
        return psd;
    }

    public int fftSize() {
        return fftSize;
    }

    public int windowLength() {
        return windowLength;
    }

    public double binHz() {
        return sampleRateHz / fftSize;
    }

    public double sampleRateHz() {
        return sampleRateHz;
    }

    /**
     * Standard deviation in time (s) of the window's power {@code w^2}: a frequency that glides at {@code r} Hz/s
     * through the window broadens its periodogram peak by a variance of about {@code (r * timeSigmaS)^2}.
     */
    public double timeSigmaS() {
        return timeSigmaS;
    }

    /** Window value at sample {@code i}. */
    public double window(int i) {
        return window[i];
    }

    /** Equivalent noise bandwidth of the window's power response, Hz. */
    public double enbwHz() {
        return enbwHz;
    }

    /**
     * Standard deviation (Hz) of the Gaussian that approximates the window's power response with the same peak and
     * unit area: {@code enbw / sqrt(2 pi)}. Used to fit the expected periodogram (model PSD convolved with it).
     */
    public double windowSigmaHz() {
        return enbwHz / Math.sqrt(2 * Math.PI);
    }
}
