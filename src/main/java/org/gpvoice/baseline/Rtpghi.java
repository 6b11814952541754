package org.gpvoice.baseline;

import java.util.SplittableRandom;

/**
 * Real-time phase gradient heap integration (RTPGHI; Prusa and Holighaus 2017, after the offline PGHI of Prusa,
 * Balazs and Sondergaard 2017, "A noniterative method for reconstruction of phase from STFT magnitude"): the phase
 * is integrated from phase derivatives that the log-magnitude gives, one frame at a time, without iterations.
 *
 * <p>The relations. For a Gaussian window {@code g(t) = exp(-pi t^2 / lambda)} and the STFT referenced to the window
 * centre, {@code V(x, w) = int f(t) g(t - x) exp(-2 pi i w (t - x)) dt = exp(-pi lambda w^2) F(x - i lambda w)} with
 * {@code F} entire, so {@code log V} is analytic in {@code z = x - i lambda w} and the Cauchy-Riemann equations tie
 * the phase {@code phi} to the log-magnitude {@code s = log |V|}:
 *
 * <pre>
 *   d phi / dx = 2 pi w + (1 / lambda) d s / dw      (rad per sample; w in cycles per sample)
 *   d phi / dw = -lambda d s / dx                    (rad per cycle/sample)
 * </pre>
 *
 * A sinusoid of frequency {@code w0} has {@code s = -pi lambda (w - w0)^2 + c}, so the first gives {@code 2 pi w0} in
 * every bin of its main lobe. For the Hann window of {@code N} samples the Gaussian with {@code lambda = 0.25645 N^2}
 * fits best (Prusa et al.'s constant), so the relations hold approximately for the baselines' Hann magnitudes.
 * Discretely, for frame {@code m} (centre {@code m a}) and bin {@code k} ({@code w = k / N}), with centred
 * differences, the one frame of look-ahead being {@code s[m+1]}:
 *
 * <pre>
 *   phiT[m, k] = 2 pi k / N + (N / (2 lambda)) (s[m, k+1] - s[m, k-1])
 *   phiW[m, k] = -lambda (s[m+1, k] - s[m-1, k]) / (2 a)
 * </pre>
 *
 * <p>The heap integration of frame {@code m}: coefficients below {@code tol} times the largest magnitude of frames
 * {@code m-1} and {@code m} get a random phase. The others are reached from the largest first: a max-heap holds the
 * previous frame's coefficients (whose phases are known) and the current frame's as they are assigned. Popping
 * {@code (m-1, k)} assigns {@code phi[m, k] = phi[m-1, k] + a (phiT[m-1, k] + phiT[m, k]) / 2} (trapezoid in time);
 * popping {@code (m, k)} assigns its unassigned neighbours {@code phi[m, k+-1] = phi[m, k] +- (phiW[m, k] + phiW[m,
 * k+-1]) / (2 N)}. When the heap runs dry with coefficients left (an onset after silence), the largest one left gets a
 * random phase and starts a new region. So the phase of a stationary partial is carried along time, and the phases
 * across a partial's lobe, or across an onset's broad spectrum, are made coherent along frequency.
 *
 * <p>The output phase is referenced to each frame's first sample, as {@link Stft} computes: {@code arg X = phi - pi
 * k}. The algorithm is causal except for one frame of look-ahead (46 ms at the baselines' frame length), so it could
 * run in real time at a latency of two frames; here it runs offline over a whole clip. Not thread-safe.
 */
public final class Rtpghi {
    /** {@code lambda / N^2} of the Gaussian that best matches a Hann window (Prusa, Balazs, Sondergaard 2017). */
    public static final double HANN_LAMBDA = 0.25645;
    /** Coefficients below this fraction of the largest magnitude of the two frames get random phase. */
    public static final double DEFAULT_TOLERANCE = 1e-7;

    private final int n;
    private final int hop;
    private final int bins;
    private final double lambda; // samples^2
    private final double logTol;
    // per-frame state, (bins) each
    private final double[] sPrev, sCur, sNext; // log-magnitudes of frames m-1, m, m+1
    private final double[] phiTPrev, phiTCur; // time derivative of the phase, rad/sample
    private final double[] phiW; // frequency derivative of the phase at frame m, rad per cycle/sample
    private final double[] phasePrev, phaseCur; // centre-referenced phases, rad
    private final boolean[] done;
    // max-heap of coefficient ids: k for (m, k), bins + k for (m-1, k)
    private final int[] heap;
    private final double[] key;
    private int heapSize;

    /**
     * @param frameLength {@code N}
     * @param hop {@code a}
     * @param lambda the Gaussian's {@code lambda} in samples squared ({@code HANN_LAMBDA * N^2} for Hann)
     * @param tolerance relative magnitude below which phase is random, in {@code (0, 1)}
     */
    public Rtpghi(int frameLength, int hop, double lambda, double tolerance) {
        if (!(lambda > 0)) throw new IllegalArgumentException("lambda must be positive: " + lambda);
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("tolerance must be in (0, 1)");
        this.n = frameLength;
        this.hop = hop;
        this.bins = frameLength / 2 + 1;
        this.lambda = lambda;
        this.logTol = Math.log(tolerance);
        sPrev = new double[bins];
        sCur = new double[bins];
        sNext = new double[bins];
        phiTPrev = new double[bins];
        phiTCur = new double[bins];
        phiW = new double[bins];
        phasePrev = new double[bins];
        phaseCur = new double[bins];
        done = new boolean[bins];
        heap = new int[2 * bins];
        key = new double[2 * bins];
    }

    /** For the Hann frames of {@code stft}: {@code lambda = HANN_LAMBDA N^2}, {@link #DEFAULT_TOLERANCE}. */
    public static Rtpghi forHann(Stft stft) {
        int n = stft.frameLength();
        return new Rtpghi(n, stft.hop(), HANN_LAMBDA * n * n, DEFAULT_TOLERANCE);
    }

    /**
     * Constructs the phase of every coefficient of {@code mag} (shape {@code (frames, N/2+1)}), referenced to the
     * frame's first sample like {@link Stft#forward}. {@code phase} (same shape) is overwritten; {@code mag} is not
     * modified. Frame {@code m} reads frames {@code m-1 .. m+1} of {@code mag} only.
     */
    public void phase(double[] mag, int frames, long seed, double[] phase) {
        SplittableRandom rng = new SplittableRandom(seed);
        if (frames == 0) return;
        logMagnitude(mag, 0, sCur);
        java.util.Arrays.fill(sPrev, Double.NEGATIVE_INFINITY);
        for (int m = 0; m < frames; m++) {
            if (m + 1 < frames) logMagnitude(mag, m + 1, sNext);
            else System.arraycopy(sCur, 0, sNext, 0, bins);
            double[] before = m > 0 ? sPrev : sCur; // one-sided differences at the ends
            double[] after = m + 1 < frames ? sNext : sCur;
            double dt = (m > 0 ? hop : 0) + (m + 1 < frames ? hop : 0);
            for (int k = 0; k < bins; k++) {
                // |X| is even in k about DC and Nyquist, so d s / dw is 0 there
                double up = k + 1 < bins ? sCur[k + 1] : sCur[k - 1];
                double down = k > 0 ? sCur[k - 1] : sCur[k + 1];
                phiTCur[k] = 2 * Math.PI * k / n + finite(up - down) * n / (2 * lambda);
                phiW[k] = dt > 0 ? -lambda * finite(after[k] - before[k]) / dt : 0;
            }
            integrate(m > 0, rng);
            int o = m * bins;
            for (int k = 0; k < bins; k++) {
                phaseCur[k] = Math.IEEEremainder(phaseCur[k], 2 * Math.PI);
                phase[o + k] = phaseCur[k] - Math.PI * (k & 1); // exp(-i pi k) = (-1)^k
            }
            double[] t = sPrev;
            System.arraycopy(sCur, 0, t, 0, bins);
            System.arraycopy(sNext, 0, sCur, 0, bins);
            System.arraycopy(phiTCur, 0, phiTPrev, 0, bins);
            System.arraycopy(phaseCur, 0, phasePrev, 0, bins);
        }
    }

    /**
     * Writes the reconstruction of {@code mag} (shape {@code (stft.frames(L), stft.bins())}) into {@code y} (length
     * {@code L}, overwritten), level-matched like every baseline ({@link Stft#matchEnergy}). Deterministic for a seed.
     */
    public void reconstruct(Stft stft, double[] mag, long seed, double[] y) {
        int frames = stft.frames(y.length);
        int size = frames * bins;
        double[] re = new double[size], im = new double[size];
        phase(mag, frames, seed, re);
        for (int i = 0; i < size; i++) {
            double p = re[i];
            re[i] = mag[i] * Math.cos(p);
            im[i] = mag[i] * Math.sin(p);
        }
        stft.inverse(re, im, y);
        stft.matchEnergy(mag, y);
    }

    /** The heap integration of the current frame into {@code phaseCur}. */
    private void integrate(boolean hasPrev, SplittableRandom rng) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < bins; k++) {
            max = Math.max(max, sCur[k]);
            if (hasPrev) max = Math.max(max, sPrev[k]);
        }
        double threshold = max + logTol;
        int left = 0;
        for (int k = 0; k < bins; k++) {
            // draw for every bin so the random stream does not depend on the magnitudes
            double random = 2 * Math.PI * rng.nextDouble();
            done[k] = !(sCur[k] > threshold);
            if (done[k]) phaseCur[k] = random;
            else left++;
        }
        heapSize = 0;
        if (hasPrev) {
            for (int k = 0; k < bins; k++) if (!done[k] && sPrev[k] > threshold) push(bins + k, sPrev[k]);
        }
        while (left > 0) {
            if (heapSize == 0) { // a new region: its largest coefficient starts it with a random phase
                int best = -1;
                for (int k = 0; k < bins; k++) if (!done[k] && (best < 0 || sCur[k] > sCur[best])) best = k;
                phaseCur[best] = 2 * Math.PI * rng.nextDouble();
                done[best] = true;
                left--;
                push(best, sCur[best]);
            }
            while (heapSize > 0 && left > 0) {
                int id = pop();
                if (id >= bins) { // (m-1, k): along time
                    int k = id - bins;
                    if (done[k]) continue;
                    phaseCur[k] = phasePrev[k] + hop * 0.5 * (phiTPrev[k] + phiTCur[k]);
                    done[k] = true;
                    left--;
                    push(k, sCur[k]);
                } else { // (m, k): along frequency, to both neighbours
                    int k = id;
                    if (k + 1 < bins && !done[k + 1]) {
                        phaseCur[k + 1] = phaseCur[k] + 0.5 * (phiW[k] + phiW[k + 1]) / n;
                        done[k + 1] = true;
                        left--;
                        push(k + 1, sCur[k + 1]);
                    }
                    if (k > 0 && !done[k - 1]) {
                        phaseCur[k - 1] = phaseCur[k] - 0.5 * (phiW[k] + phiW[k - 1]) / n;
                        done[k - 1] = true;
                        left--;
                        push(k - 1, sCur[k - 1]);
                    }
                }
            }
        }
    }

    private void logMagnitude(double[] mag, int m, double[] s) {
        int o = m * bins;
        for (int k = 0; k < bins; k++) s[k] = Math.log(mag[o + k]); // -inf for an exact zero
    }

    /** A difference of log-magnitudes involving an exact zero carries no gradient: 0. */
    private static double finite(double d) {
        return Double.isFinite(d) ? d : 0;
    }

    private void push(int id, double k) {
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >> 1;
            if (key[parent] >= k) break;
            heap[i] = heap[parent];
            key[i] = key[parent];
            i = parent;
        }
        heap[i] = id;
        key[i] = k;
    }

    private int pop() {
        int top = heap[0];
        int lastId = heap[--heapSize];
        double lastKey = key[heapSize];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= heapSize) break;
            if (c + 1 < heapSize && key[c + 1] > key[c]) c++;
            if (key[c] <= lastKey) break;
            heap[i] = heap[c];
            key[i] = key[c];
            i = c;
        }
        heap[i] = lastId;
        key[i] = lastKey;
        return top;
    }
}
