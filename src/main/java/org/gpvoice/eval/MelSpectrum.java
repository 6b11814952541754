package org.gpvoice.eval;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Mel-band energies of a signal, frame by frame: the common front end of {@link LogMelDistance} and {@link
 * MelCepstralDistortion}.
 *
 * <p>Framing scales the usual 22.05 kHz set-up (1024-sample frames, hop 256) by the sample rate {@code fs}:
 *
 * <pre>
 *   L   = round(1024 fs / 22050)      frame length, samples (46.4 ms)
 *   H   = round( 256 fs / 22050)      hop, samples (11.6 ms)
 *   N   = nextPow2(L)                 FFT size (the frame is zero-padded)
 *   w_i = 0.5 - 0.5 cos(2 pi i / L)   periodic Hann
 *   P_t(k) = |sum_i w_i x_{tH+i} e^{-2 pi j i k / N}|^2 / sum_i w_i^2,   0 &lt;= k &lt;= N/2
 *   E_t(m) = sum_k T_m(k) P_t(k),     m = 0 .. 79
 * </pre>
 *
 * <p>Frames start at sample 0 and only frames that fit entirely are analysed (no padding). {@code T_m} are 80
 * triangular filters of peak 1 whose edges and centres are 82 points equally spaced on the HTK mel scale {@code mel(f)
 * = 2595 log10(1 + f / 700)} from 0 Hz to {@code fs / 2}; a filter too narrow to catch any FFT bin gets weight 1 on the
 * bin nearest its centre, so no band is ever empty. (Filter normalisation does not matter for the metrics built on
 * top: a constant gain per band cancels in every log difference.)
 *
 * <p>Besides the mel energies each frame carries its windowed energy {@code sum_i (w_i x_{tH+i})^2}, from which {@link
 * #activeFrames} picks the frames within {@value #ACTIVE_RANGE_DB} dB of the loudest.
 */
public final class MelSpectrum {
    /** Number of mel bands. */
    public static final int BANDS = 80;
    /** Frames whose windowed energy is within this many dB of the loudest frame are active. */
    public static final double ACTIVE_RANGE_DB = 40;
    /**
     * Added to each mel energy before taking a log (-100 dB re a full-scale band): keeps digital silence finite and is
     * below the quantisation noise of 16-bit audio in any band.
     */
    public static final double POWER_FLOOR = 1e-10;

    private static final double REFERENCE_RATE_HZ = 22050;

    /**
     * The analysis of one signal.
     *
     * @param mel (frames, {@value #BANDS}) mel energies {@code E_t(m)}
     * @param energy (frames) windowed frame energy {@code sum_i (w_i x_{tH+i})^2}
     */
    public record Frames(double[][] mel, double[] energy) {
        /** Number of frames. */
        public int count() {
            return energy.length;
        }
    }

    private final int sampleRateHz;
    private final int frameLength; // L, samples
    private final int hop; // H, samples
    private final int fftSize; // N
    private final double[] window; // (L)
    private final double windowPower; // sum w^2
    private final int[] filterFirstBin; // (BANDS)
    private final double[][] filterWeights; // (BANDS, bins covered)
    private final DoubleFFT_1D fft;

    /**
     * Builds the window, FFT plan and filterbank for one sample rate.
     *
     * @param sampleRateHz sample rate, Hz, at least 1000
     */
    public MelSpectrum(int sampleRateHz) {
        if (sampleRateHz < 1000) throw new IllegalArgumentException("sample rate too low: " + sampleRateHz + " Hz");
        this.sampleRateHz = sampleRateHz;
        this.frameLength = (int) Math.round(1024 * sampleRateHz / REFERENCE_RATE_HZ);
        this.hop = (int) Math.max(1, Math.round(256 * sampleRateHz / REFERENCE_RATE_HZ));
        this.fftSize = Spectra.nextPow2(frameLength);
        this.window = Spectra.hannPeriodic(frameLength);
        double p = 0;
        for (double v : window) p += v * v;
        this.windowPower = p;
        this.fft = new DoubleFFT_1D(fftSize);
        this.filterFirstBin = new int[BANDS];
        this.filterWeights = new double[BANDS][];
        buildFilters();
    }

    /** HTK mel scale. */
    static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    private void buildFilters() {
        int bins = fftSize / 2 + 1;
        double binHz = sampleRateHz / (double) fftSize;
        double melMax = hzToMel(sampleRateHz / 2.0);
        double[] edgesHz = new double[BANDS + 2];
        for (int i = 0; i < edgesHz.length; i++) edgesHz[i] = melToHz(melMax * i / (BANDS + 1));
        double[] row = new double[bins];
        for (int m = 0; m < BANDS; m++) {
            double lo = edgesHz[m], centre = edgesHz[m + 1], hi = edgesHz[m + 2];
            int first = -1, last = -1;
            for (int k = 0; k < bins; k++) {
                double f = k * binHz;
                double rise = (f - lo) / (centre - lo), fall = (hi - f) / (hi - centre);
                double v = Math.max(0, Math.min(rise, fall));
                row[k] = v;
                if (v > 0) {
                    if (first < 0) first = k;
                    last = k;
                }
            }
            if (first < 0) {
                first = last = (int) Math.min(bins - 1, Math.round(centre / binHz));
                row[first] = 1;
            }
            filterFirstBin[m] = first;
            filterWeights[m] = Arrays.copyOfRange(row, first, last + 1);
        }
    }

    /** Frame length {@code L}, samples. */
    public int frameLength() {
        return frameLength;
    }

    /** Hop {@code H}, samples. */
    public int hop() {
        return hop;
    }

    /** FFT size {@code N}. */
    public int fftSize() {
        return fftSize;
    }

    /** Number of whole frames in a signal of {@code n} samples. */
    public int frameCount(int n) {
        return n < frameLength ? 0 : (n - frameLength) / hop + 1;
    }

    /** Analyses {@code x} (not modified) into freshly allocated frames. */
    public Frames analyse(double[] x) {
        int count = frameCount(x.length);
        double[][] mel = new double[count][BANDS];
        double[] energy = new double[count];
        double[] buf = new double[fftSize];
        double[] power = new double[fftSize / 2 + 1];
        for (int t = 0; t < count; t++) {
            int off = t * hop;
            double e = 0;
            for (int i = 0; i < frameLength; i++) {
                double v = x[off + i] * window[i];
                buf[i] = v;
                e += v * v;
            }
            Arrays.fill(buf, frameLength, fftSize, 0.0);
            energy[t] = e;
            fft.realForward(buf);
            org.gpvoice.dsp.spectrum.PackedSpectrum.power(buf, fftSize, power, 1);
            double[] out = mel[t];
            for (int m = 0; m < BANDS; m++) {
                double[] wts = filterWeights[m];
                int k0 = filterFirstBin[m];
                double acc = 0;
                for (int j = 0; j < wts.length; j++) acc += wts[j] * power[k0 + j];
                out[m] = acc / windowPower;
            }
        }
        return new Frames(mel, energy);
    }

    /**
     * Frames whose energy is within {@code rangeDb} of the loudest: {@code energy[t] >= max energy * 10^(-rangeDb /
     * 10)} and positive. All false when every frame is silent.
     */
    public static boolean[] activeFrames(double[] energy, double rangeDb) {
        double max = 0;
        for (double e : energy) max = Math.max(max, e);
        boolean[] active = new boolean[energy.length];
        if (!(max > 0)) return active;
        double threshold = max * Math.pow(10, -rangeDb / 10);
        for (int t = 0; t < energy.length; t++) active[t] = energy[t] > 0 && energy[t] >= threshold;
        return active;
    }

    /** Number of true entries. */
    static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) if (b) n++;
        return n;
    }
}
