package org.gpvoice.dsp.pitch;

import java.util.Arrays;
import java.util.Objects;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * YIN fundamental-frequency estimator (de Cheveigne &amp; Kawahara 2002, JASA 111(4)) for one analysis window per call.
 *
 * <p>For a window {@code x[0 .. W)} ({@code W = windowLength} samples), with {@code tauMax = ceil(fs / minF0)} and
 * integration length {@code Wi = W - tauMax} samples:
 *
 * <pre>
 *   r(tau)  = sum_{j=0}^{Wi-1} x_j x_{j+tau}                        (FFT cross-correlation)
 *   E(tau)  = sum_{j=tau}^{tau+Wi-1} x_j^2                          (prefix sums of squares)
 *   d(tau)  = sum_{j=0}^{Wi-1} (x_j - x_{j+tau})^2 = E(0) + E(tau) - 2 r(tau),   0 &lt;= tau &lt;= tauMax
 *   d'(0)   = 1,   d'(tau) = d(tau) * tau / sum_{k=1}^{tau} d(k)    (cumulative-mean-normalised difference)
 * </pre>
 *
 * <p>The period is the first {@code tau} in {@code [tauMin, tauMax]} ({@code tauMin = floor(fs / maxF0)}) where
 * {@code d'} dips below {@code threshold}, moved on to the bottom of that dip. If there is no such dip the global
 * minimum of {@code d'} in range is taken and the window is unvoiced (its {@code d'} is above threshold). The integer
 * period is refined by a parabola through {@code d} (the raw difference, as the paper recommends, since {@code d'} is
 * biased) at {@code tau - 1, tau, tau + 1}. A window whose energy {@code sum x^2} is below {@code 1e-10 * W} (or is
 * not finite) is unvoiced without further analysis.
 *
 * <p>Correlation: both {@code x[0 .. W)} and {@code x[0 .. Wi)} are zero-padded to {@code n = nextPow2(W)} and
 * transformed with one {@link DoubleFFT_1D} planned in the constructor; {@code r} is the inverse transform of {@code
 * X conj(Xi)}, the circular correlation {@code c(tau) = sum_{j<Wi} x_j x_{(j+tau) mod n}}. Why {@code n >= W} is enough
 * (not the linear-correlation size {@code W + Wi}): for the lags used, {@code 0 <= tau <= tauMax}, the largest index
 * read is {@code Wi - 1 + tauMax = W - 1 < n}, so nothing wraps and {@code c(tau) = r(tau)} exactly; the wrapped-around
 * values land only at lags above {@code tauMax}, which are never read. At 48 kHz with a 30 ms window this is a
 * 2048-point transform instead of 4096 (the three transforms were most of the block's analysis time). For {@code n
 * <= 8192} JTransforms stays on the calling thread; a 40 ms window is at most {@code n = 2048} up to 48 kHz.
 *
 * <p>Lifecycle: everything is allocated in the constructor; {@link #estimate} allocates nothing. Results are read
 * through {@link #f0Hz()}, {@link #aperiodicity()} and {@link #voiced()} and are overwritten by the next call. Not
 * thread-safe: one instance per thread.
 */
public final class Yin {
    /** Window energy below {@code SILENCE_ENERGY_PER_SAMPLE * windowLength} counts as silence. */
    static final double SILENCE_ENERGY_PER_SAMPLE = 1e-10;

    private final double sampleRateHz;
    private final int windowLength; // W, samples
    private final int tauMin; // samples, floor(fs / maxF0)
    private final int tauMax; // samples, ceil(fs / minF0)
    private final int integrationLength; // Wi = W - tauMax, samples
    private final double threshold;

    private final DoubleFFT_1D fft;
    private final double[] spectrumWindow; // (fftSize) x[0 .. W) zero-padded, then its packed real spectrum
    private final double[] spectrumHead; // (fftSize) x[0 .. Wi) zero-padded, then its packed real spectrum
    private final double[] prefixEnergy; // (W + 1) prefixEnergy[k] = sum_{j<k} x_j^2
    private final double[] difference; // (tauMax + 1) d(tau)
    private final double[] cmnd; // (tauMax + 1) d'(tau)

    private double f0Hz;
    private double aperiodicity;
    private boolean voiced;

    // pitch tracking across calls (off unless setTracking): the last voiced period and the calls since
    private boolean tracking;
    private double lastPeriod;
    private int sinceVoiced;
    static final double STAY_THRESHOLD = 0.3;
    static final double JUMP_MARGIN = 0.15;
    static final int TRACK_GAP = 2;
    static final double TRACK_RANGE = 0.12;
    // holding a voice through a fast glide: see setTracking
    static final double HOLD_THRESHOLD = 0.45;
    static final double HOLD_ENERGY = 0.25;
    static final double HOLD_RANGE = 0.25;
    static final int HOLD_MAX = 6;
    private int held; // windows held in a row
    private double lastEnergy; // energy of the last window voiced on its own (not held)

    /**
     * Plans the FFT and allocates all buffers.
     *
     * @param sampleRateHz sample rate, Hz
     * @param windowLength analysis window, samples; at least {@code 2 * ceil(sampleRateHz / minF0Hz)}
     * @param minF0Hz lowest detectable F0, Hz (sets {@code tauMax})
     * @param maxF0Hz highest detectable F0, Hz (sets {@code tauMin}); at most {@code sampleRateHz / 2}
     * @param threshold absolute threshold on {@code d'} (0.1 .. 0.2 is usual)
     * @throws IllegalArgumentException if a parameter is out of range or the window is too short for {@code minF0Hz}
     */
    public Yin(double sampleRateHz, int windowLength, double minF0Hz, double maxF0Hz, double threshold) {
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sampleRateHz must be positive and finite: " + sampleRateHz);
        }
        if (!(minF0Hz > 0) || !(maxF0Hz > minF0Hz) || Double.isInfinite(maxF0Hz)) {
            throw new IllegalArgumentException(
                    "need 0 < minF0Hz < maxF0Hz < infinity: minF0Hz=" + minF0Hz + ", maxF0Hz=" + maxF0Hz);
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be positive and finite: " + threshold);
        }
        int tauMinSamples = (int) Math.floor(sampleRateHz / maxF0Hz);
        if (tauMinSamples < 2) {
            throw new IllegalArgumentException("maxF0Hz=" + maxF0Hz + " Hz is above half the sample rate "
                    + sampleRateHz + " Hz: the shortest period must be at least 2 samples");
        }
        double tauMaxExact = Math.ceil(sampleRateHz / minF0Hz);
        if (tauMaxExact > (Integer.MAX_VALUE - 2) / 4) {
            throw new IllegalArgumentException("minF0Hz=" + minF0Hz + " Hz is too low for " + sampleRateHz + " Hz");
        }
        int tauMaxSamples = (int) tauMaxExact;
        int needed = 2 * tauMaxSamples;
        if (windowLength < needed) {
            throw new IllegalArgumentException("window of " + windowLength + " samples is too short for minF0Hz="
                    + minF0Hz + " Hz at " + sampleRateHz + " Hz: the longest period is tauMax=" + tauMaxSamples
                    + " samples and the integration length (window - tauMax) must be at least tauMax, so the window"
                    + " must be at least " + needed + " samples (" + (1000.0 * needed / sampleRateHz) + " ms)");
        }
        this.sampleRateHz = sampleRateHz;
        this.windowLength = windowLength;
        this.tauMin = tauMinSamples;
        this.tauMax = tauMaxSamples;
        this.integrationLength = windowLength - tauMaxSamples;
        this.threshold = threshold;

        if (windowLength > (1 << 30)) {
            throw new IllegalArgumentException("window of " + windowLength + " samples is too long");
        }
        // n >= W: lags 0 .. tauMax of the circular correlation do not wrap (class comment)
        int fftSize = Integer.highestOneBit(windowLength);
        if (fftSize < windowLength) fftSize <<= 1;
        fft = new DoubleFFT_1D(fftSize);
        spectrumWindow = new double[fftSize];
        spectrumHead = new double[fftSize];
        prefixEnergy = new double[windowLength + 1];
        difference = new double[tauMax + 1];
        cmnd = new double[tauMax + 1];
        clearResult();
    }

    /**
     * Analyses {@code x[off .. off + windowLength)} and stores the result (read it with {@link #f0Hz()}, {@link
     * #aperiodicity()}, {@link #voiced()}). {@code x} is not modified. Allocates nothing.
     *
     * @return {@link #voiced()}
     * @throws IndexOutOfBoundsException if the window does not fit in {@code x}
     */
    public boolean estimate(double[] x, int off) {
        Objects.checkFromIndexSize(off, windowLength, x.length);
        final int w = windowLength;

        // Prefix sums of squares; prefixEnergy[w] is the window energy.
        double acc = 0;
        prefixEnergy[0] = 0;
        for (int j = 0; j < w; j++) {
            double v = x[off + j];
            acc += v * v;
            prefixEnergy[j + 1] = acc;
        }
        if (!(acc >= SILENCE_ENERGY_PER_SAMPLE * w) || Double.isInfinite(acc)) {
            Arrays.fill(difference, 0.0);
            Arrays.fill(cmnd, 1.0);
            clearResult();
            sinceVoiced++;
            return false;
        }

        differenceFunction(x, off);
        normalise();
        int tau = pickPeriod();
        double limit = threshold;
        if (tracking && lastPeriod > 0 && sinceVoiced <= TRACK_GAP) {
            int tc = dipWithin(lastPeriod, TRACK_RANGE);
            if (tc > 0) {
                double ac = cmnd[tc], aa = cmnd[tau];
                boolean jump = Math.abs(tau / lastPeriod - 1) > 0.2;
                if (ac < STAY_THRESHOLD && (!(aa < threshold) || (jump && ac < aa + JUMP_MARGIN))) {
                    tau = tc;
                    limit = STAY_THRESHOLD;
                }
            }
        }
        boolean hold = false;
        if (tracking
                && lastPeriod > 0
                && sinceVoiced == 0
                && held < HOLD_MAX
                && !(cmnd[tau] < limit)
                && acc >= HOLD_ENERGY * lastEnergy) {
            int tc = dipWithin(lastPeriod, HOLD_RANGE);
            if (tc > 0 && cmnd[tc] < HOLD_THRESHOLD) {
                tau = tc;
                limit = HOLD_THRESHOLD;
                hold = true;
            }
        }
        double a = cmnd[tau];
        aperiodicity = a;
        if (!(a < limit)) {
            f0Hz = 0;
            voiced = false;
            sinceVoiced++;
            return false;
        }
        double period = refinePeriod(tau);
        f0Hz = sampleRateHz / period;
        voiced = true;
        lastPeriod = period;
        if (hold) {
            held++;
        } else {
            held = 0;
            lastEnergy = acc;
        }
        sinceVoiced = 0;
        return true;
    }

    /**
     * Follows a voice from call to call: a window whose best period jumps (an octave, usually) or falls just short of
     * voiced keeps the previous period when {@code d'} has a dip within 12% of it that is nearly as deep (within
     * 0.15) and below 0.3. YIN alone decides each window on its own, and its octave slips and dropped frames in the
     * middle of a vowel move every harmonic component of the fit.
     *
     * <p>It also holds a voice through a fast glide: when the window after a voiced one would be unvoiced, yet holds at
     * least a quarter of the energy of the last window voiced on its own, it stays voiced at the deepest dip of
     * {@code d'} within 25% of the previous period if that dip is below 0.45, for at most 6 windows in a row. A pitch
     * that falls a fourth within a 30 ms window smears its upper harmonics, and {@code d'} rises to 0.3 to 0.5 at the
     * (moving) period, though the window is plainly voiced; dropping such windows re-laid every cell of the fit twice
     * within 20 ms (LJ001-0001 had 19 such gaps in 10 s). Noise stays unvoiced ({@code d'} near 1), and so does a
     * voice that fades away.
     */
    public void setTracking(boolean on) {
        tracking = on;
        lastPeriod = 0;
        sinceVoiced = 0;
        held = 0;
        lastEnergy = 0;
    }

    /** The deepest local minimum of {@code d'} within {@code range} (a fraction) of {@code period}, or -1. */
    private int dipWithin(double period, double range) {
        int lo = Math.max(tauMin, (int) Math.floor(period * (1 - range)));
        int hi = Math.min(tauMax - 1, (int) Math.ceil(period * (1 + range)));
        int best = -1;
        for (int t = Math.max(lo, 1); t <= hi; t++) {
            if (cmnd[t] <= cmnd[t - 1] && cmnd[t] <= cmnd[t + 1] && (best < 0 || cmnd[t] < cmnd[best])) best = t;
        }
        return best;
    }

    /** Fills {@link #difference} with {@code d(tau) = E(0) + E(tau) - 2 r(tau)}, {@code 0 <= tau <= tauMax}. */
    private void differenceFunction(double[] x, int off) {
        final int w = windowLength;
        final int wi = integrationLength;
        final int n = spectrumWindow.length;
        System.arraycopy(x, off, spectrumWindow, 0, w);
        Arrays.fill(spectrumWindow, w, n, 0.0);
        System.arraycopy(x, off, spectrumHead, 0, wi);
        Arrays.fill(spectrumHead, wi, n, 0.0);
        fft.realForward(spectrumWindow);
        fft.realForward(spectrumHead);
        org.gpvoice.dsp.spectrum.PackedSpectrum.multiplyConjugate(spectrumWindow, spectrumHead, n);
        fft.realInverse(spectrumWindow, true); // spectrumWindow[tau] = r(tau)

        final double e0 = prefixEnergy[wi];
        difference[0] = 0; // exactly zero by definition
        for (int tau = 1; tau <= tauMax; tau++) {
            double eTau = prefixEnergy[tau + wi] - prefixEnergy[tau];
            double d = e0 + eTau - 2 * spectrumWindow[tau];
            difference[tau] = d > 0 ? d : 0; // rounding can push a perfect match slightly below zero
        }
    }

    /** Fills {@link #cmnd} with {@code d'(tau)}; {@code d'(0) = 1}, and {@code 1} wherever the running sum is 0. */
    private void normalise() {
        cmnd[0] = 1;
        double running = 0;
        for (int tau = 1; tau <= tauMax; tau++) {
            double d = difference[tau];
            running += d;
            cmnd[tau] = running > 0 ? d * tau / running : 1;
        }
    }

    /** Absolute-threshold step: bottom of the first dip below threshold, else the global minimum in range. */
    private int pickPeriod() {
        for (int tau = tauMin; tau <= tauMax; tau++) {
            if (cmnd[tau] < threshold) {
                while (tau + 1 <= tauMax && cmnd[tau + 1] < cmnd[tau]) tau++;
                return tau;
            }
        }
        int best = tauMin;
        for (int tau = tauMin + 1; tau <= tauMax; tau++) {
            if (cmnd[tau] < cmnd[best]) best = tau;
        }
        return best;
    }

    /**
     * Sub-sample period: vertex of the parabola through {@code d} at {@code tau - 1, tau, tau + 1}, the shift clamped
     * to one sample; {@code tau} itself at the end of the range or where the parabola is not convex.
     */
    private double refinePeriod(int tau) {
        if (tau < 1 || tau + 1 > tauMax) return tau;
        double s0 = difference[tau - 1], s1 = difference[tau], s2 = difference[tau + 1];
        double curvature = s0 - 2 * s1 + s2;
        if (!(curvature > 0)) return tau;
        double shift = 0.5 * (s0 - s2) / curvature;
        if (shift > 1) shift = 1;
        else if (shift < -1) shift = -1;
        return tau + shift;
    }

    private void clearResult() {
        f0Hz = 0;
        aperiodicity = 1;
        voiced = false;
    }

    /** F0 of the last window in Hz; 0 when it was unvoiced. */
    public double f0Hz() {
        return f0Hz;
    }

    /**
     * {@code d'} at the chosen period of the last window: 0 for a perfectly periodic window, about 1 for noise (it can
     * slightly exceed 1); 1 for silence.
     */
    public double aperiodicity() {
        return aperiodicity;
    }

    /** Whether the last window was voiced ({@code d'} at the chosen period below threshold, and not silent). */
    public boolean voiced() {
        return voiced;
    }

    /**
     * {@code sum x_j^2} over the last window, summed in index order (NaN or infinite if the window was not finite).
     * {@link org.gpvoice.dsp.spectrum.BlockAnalyzer} takes its window level from here instead of summing the same
     * squares a second time.
     */
    public double windowEnergy() {
        return prefixEnergy[windowLength];
    }

    /** {@code sum x_j^2} over positions {@code [from, to)} of the last window, from its prefix sums. */
    public double windowEnergy(int from, int to) {
        Objects.checkFromToIndex(from, to, windowLength);
        return prefixEnergy[to] - prefixEnergy[from];
    }

    /** Analysis window, samples. */
    public int windowLength() {
        return windowLength;
    }

    /** Shortest period searched, samples: {@code floor(fs / maxF0)}. */
    public int tauMin() {
        return tauMin;
    }

    /** Longest period searched, samples: {@code ceil(fs / minF0)}. */
    public int tauMax() {
        return tauMax;
    }

    /**
     * The difference function {@code d(tau)}, {@code 0 <= tau <= tauMax}, of the last window (internal buffer, for
     * tests; overwritten by the next call; all zeros after a silent window).
     */
    double[] differenceBuffer() {
        return difference;
    }

    /** The cumulative-mean-normalised difference {@code d'(tau)} of the last window (internal buffer, for tests). */
    double[] cmndBuffer() {
        return cmnd;
    }
}
