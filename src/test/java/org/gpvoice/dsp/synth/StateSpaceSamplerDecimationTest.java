package org.gpvoice.dsp.synth;

import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.allocatedBytesPerCall;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.clickRatio;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.welch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.gpvoice.dsp.model.FloorShape;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decimated baseband sampling in {@link StateSpaceSampler}: the rule that picks the step {@code D}, the exact path
 * where {@code D = 1}, the Hermite interpolation between exact states, the statistics of narrow components against the
 * kernel, and the PSD error of the scheme against the exact kernel PSD.
 */
class StateSpaceSamplerDecimationTest {
    private static final Kernel K = Kernel.MATERN32;

    /** {@code (fs, block)} pairs of the 5 ms blocks the engine uses, and one odd size. */
    private static final double[][] RATES = {{16000, 80}, {22050, 110}, {44100, 220}, {48000, 240}, {48000, 97}};

    // ---------------------------------------------------------------- the rule

    /**
     * {@code D} is the largest divisor of the block up to 16 whose step keeps the envelope correlation within {@code 1 -
     * rho(lam D dt) <= 0.02}, checked against {@link MaternSde#envelopeCovariance} (an independent closed form); 1 when
     * off, when even {@code D = 2} is too long, and always for Matern-1/2 (no slope to interpolate with).
     */
    @ParameterizedTest
    @EnumSource(
            value = Kernel.class,
            names = {"MATERN12", "MATERN32", "GAUSSIAN"})
    void shouldPickTheLargestBlockDivisorWithinTheCorrelationBound(Kernel k) {
        int n = MaternSde.order(k, 3);
        if (k == Kernel.MATERN12) {
            StateSpaceSampler s = on(new StateSpaceSampler(1, 48000, 240, k, 3, 1L));
            for (double lam = 0.01; lam < 1e5; lam *= 1.07) assertEquals(1, s.decimationFor(lam));
            return;
        }
        for (double[] rb : RATES) {
            double fs = rb[0];
            int b = (int) rb[1];
            StateSpaceSampler s = on(new StateSpaceSampler(1, fs, b, k, 3, 1L));
            StateSpaceSampler off = on(new StateSpaceSampler(1, fs, b, k, 3, 1L));
            off.setDecimation(false);
            int decimated = 0;
            for (double lam = 0.5; lam < 1e5; lam *= 1.07) {
                int d = s.decimationFor(lam);
                assertEquals(1, off.decimationFor(lam));
                assertTrue(d >= 1 && d <= StateSpaceSampler.MAX_DECIMATION && b % d == 0, "D=" + d + " b=" + b);
                if (d > 1) {
                    decimated++;
                    double defect = 1 - MaternSde.envelopeCovariance(n, lam, d / fs);
                    assertTrue(defect <= StateSpaceSampler.MAX_DEFECT * (1 + 1e-9), k + " defect " + defect);
                }
                for (int e = d + 1; e <= Math.min(StateSpaceSampler.MAX_DECIMATION, b); e++) {
                    if (b % e != 0) continue;
                    double defect = 1 - MaternSde.envelopeCovariance(n, lam, e / fs);
                    assertTrue(defect > StateSpaceSampler.MAX_DEFECT * (1 - 1e-9), k + " D=" + e + " would do");
                }
            }
            if (b % 2 == 0 || b == 97) assertTrue(decimated > 0 || b == 97, "some decay rates are decimated");
            if (b == 97) assertEquals(1, s.decimationFor(0.5), "a prime block has no divisor up to 16");
        }
        if (k != K) return;
        // the rule in numbers for the default kernel (FWHM in Hz): at 48 kHz and at 22.05 kHz (110-sample blocks)
        StateSpaceSampler s = on(new StateSpaceSampler(1, 48000, 240, K, 3, 1L));
        assertEquals(16, s.decimationFor(lamOf(2)));
        assertEquals(16, s.decimationFor(lamOf(50)));
        assertEquals(10, s.decimationFor(lamOf(200)));
        assertEquals(2, s.decimationFor(lamOf(1000)));
        assertEquals(1, s.decimationFor(lamOf(3000)));
        StateSpaceSampler t = on(new StateSpaceSampler(1, 22050, 110, K, 3, 1L));
        assertEquals(11, t.decimationFor(lamOf(50)));
        assertEquals(5, t.decimationFor(lamOf(100)));
        assertEquals(2, t.decimationFor(lamOf(200)));
        assertEquals(1, t.decimationFor(lamOf(1000)));
    }

    /** A narrow component's slot runs at the step of the rule, and so does its ghost; a wide one at 1. */
    @Test
    void shouldRunEachSlotAtTheStepOfTheRule() {
        StateSpaceSampler s = on(new StateSpaceSampler(2, 48000, 240, K, 3, 3L));
        SmModel m = BlockSamplerTestSupport.model(0, 1, 500, lsOf(5), 1, 2000, lsOf(2000));
        double[] out = new double[240];
        s.render(m, out, 0);
        assertEquals(s.decimationFor(lamOf(5)), s.decimation(0));
        assertEquals(16, s.decimation(0));
        assertEquals(1, s.decimation(1));
        m.reborn[0] = true;
        s.render(m, out, 0);
        assertEquals(16, s.decimation(2), "the ghost keeps its incarnation's step");
    }

    // ---------------------------------------------------------------- exactness where D = 1

    /**
     * Where every component is too wide to decimate, the output with decimation on is bit-identical to the output with
     * it off (the exact per-sample path) through rebirths, count changes, gain and frequency ramps, the amplitude lock
     * and the floor; with narrow components the two differ (the decimated path really runs), except for Matern-1/2.
     */
    @ParameterizedTest
    @EnumSource(Kernel.class)
    void shouldBeBitIdenticalToTheExactPathWhereDIsOne(Kernel k) {
        SmModel[] wide = StateSpaceSamplerTest.varyingModels(8, 6, 0.00005);
        StateSpaceSampler on = on(new StateSpaceSampler(8, 16000, 80, k, 3, 11L));
        StateSpaceSampler off = on(new StateSpaceSampler(8, 16000, 80, k, 3, 11L));
        off.setDecimation(false);
        on.setAmplitudeLock(0.5);
        off.setAmplitudeLock(0.5);
        double[] a = new double[80];
        double[] b = new double[80];
        for (int blk = 0; blk < 400; blk++) {
            on.render(wide[blk % wide.length], a, 0);
            off.render(wide[blk % wide.length], b, 0);
            assertArrayEquals(b, a, 0.0, "block " + blk);
            for (int q = 0; q < 16; q++) assertEquals(1, on.decimation(q));
        }
        SmModel[] narrow = StateSpaceSamplerTest.varyingModels(8, 6, 0.05);
        int differ = 0;
        for (int blk = 0; blk < 50; blk++) {
            on.render(narrow[blk % narrow.length], a, 0);
            off.render(narrow[blk % narrow.length], b, 0);
            if (!Arrays.equals(a, b)) differ++;
        }
        // Matern-1/2 is never decimated (no slope to interpolate with): the two stay identical
        assertEquals(k == Kernel.MATERN12 ? 0 : 50, differ);
    }

    /**
     * At 0 Hz with a constant gain the output is {@code g Re(c)}: a cubic between the exact states (its fourth
     * difference vanishes to rounding within every segment of {@code D} samples), continuous with a continuous slope
     * at the knots (the one-sided derivatives of neighbouring cubics agree), while the curvature jumps there (so the
     * knots are where the rule says). The slope there is the envelope's exact derivative: its mean square is {@code
     * -k''(0) = lam^2} per s^2, {@code (lam dt)^2} per sample^2, for unit weight (Monte Carlo error about 5% over 4000
     * blocks; a slope off by 20% would fail).
     */
    @Test
    void shouldInterpolateTheEnvelopeByHermiteCubicsBetweenExactStates() {
        int b = 240;
        StateSpaceSampler s = on(new StateSpaceSampler(1, 48000, b, K, 3, 5L));
        SmModel m = BlockSamplerTestSupport.model(0, 1, 0, lsOf(40)); // 40 Hz wide: D = 16
        int d = s.decimationFor(lamOf(40));
        assertEquals(16, d);
        double[] x = render(s, m, 4000, 10, b);
        double fourth = 0;
        double slopeSq = 0;
        int knotsSeen = 0;
        double slopeJump = 0;
        double curvatureJump = 0;
        double scale = 0;
        for (int k = 1; (k + 1) * d < x.length; k++) {
            int t0 = k * d;
            for (int t = t0; t + 4 <= t0 + d; t++) {
                fourth = Math.max(fourth, Math.abs(x[t + 4] - 4 * x[t + 3] + 6 * x[t + 2] - 4 * x[t + 1] + x[t]));
            }
            // exact for cubics: the slope at the knot t0 from the left segment and from the right one
            double left = (11 * x[t0] - 18 * x[t0 - 1] + 9 * x[t0 - 2] - 2 * x[t0 - 3]) / 6;
            double right = (-11 * x[t0] + 18 * x[t0 + 1] - 9 * x[t0 + 2] + 2 * x[t0 + 3]) / 6;
            slopeJump = Math.max(slopeJump, Math.abs(left - right));
            slopeSq += right * right;
            knotsSeen++;
            double cl = 2 * x[t0] - 5 * x[t0 - 1] + 4 * x[t0 - 2] - x[t0 - 3];
            double cr = 2 * x[t0] - 5 * x[t0 + 1] + 4 * x[t0 + 2] - x[t0 + 3];
            curvatureJump = Math.max(curvatureJump, Math.abs(cl - cr));
            scale = Math.max(scale, Math.abs(x[t0]));
        }
        assertTrue(fourth < 1e-12 * scale, "fourth difference within segments " + fourth);
        assertTrue(slopeJump < 1e-11 * scale, "slope jump at the knots " + slopeJump);
        assertTrue(curvatureJump > 1e-7 * scale, "curvature jumps at the knots " + curvatureJump);
        double slopeVar = lamOf(40) / 48000;
        slopeVar *= slopeVar;
        assertEquals(1.0, slopeSq / knotsSeen / slopeVar, 0.15, "mean square slope at the knots / (lam dt)^2");
    }

    // ---------------------------------------------------------------- narrow components against the kernel

    /**
     * Sixteen matern32 components of equal width (2, 10 or 50 Hz FWHM), 400 Hz apart, 200 s at 16 and 48 kHz, all
     * decimated (D = 16, 16, 2 at 16 kHz; 16, 16, 10 at 48 kHz). Autocovariance at lags 0..200 within {@code 0.03 W}
     * ({@code W} the total variance: the tolerance of the exact path's test); Welch PSD (Hann, segment about {@code 2 fs
     * / FWHM}, 50% overlap) in 4-bin bands within 3 FWHM of every peak within 10% of its expectation under the kernel
     * (the exact expectation of the Welch estimate, window leakage included, so the narrow peaks are not biased by the
     * window). Sixteen independent components make the autocovariance's Monte Carlo error 4 times smaller than one
     * component's would be.
     */
    @ParameterizedTest
    @CsvSource({"16000,80,2", "16000,80,10", "16000,80,50", "48000,240,2", "48000,240,10", "48000,240,50"})
    void shouldMatchTheKernelForNarrowComponents(double fs, int b, double fwhm) {
        int q = 16;
        double[] wpl = new double[3 * q];
        for (int i = 0; i < q; i++) {
            wpl[3 * i] = 1.0 / q;
            wpl[3 * i + 1] = 300 + 400 * i;
            wpl[3 * i + 2] = lsOf(fwhm);
        }
        SmModel m = BlockSamplerTestSupport.model(0, wpl);
        StateSpaceSampler s = on(new StateSpaceSampler(q, fs, b, K, 3, 4242L));
        int blocks = (int) (200 * fs / b);
        double[] x = render(s, m, blocks, 20, b);
        assertTrue(s.decimation(0) > 1, "decimated");

        double worst = 0;
        for (int lag = 0; lag <= 200; lag++) {
            double c = BlockSamplerTestSupport.autocovariance(x, lag, 0);
            worst = Math.max(worst, Math.abs(c - BlockSamplerTestSupport.covariance(K, m, lag / fs)));
        }
        assertTrue(worst < 0.03, "fs=" + fs + " FWHM=" + fwhm + ": autocovariance error " + worst + " W");

        int seg = Integer.highestOneBit((int) (2 * fs / fwhm));
        seg = Math.max(512, Math.min(65536, seg));
        double[] est = welch(x, seg, fs);
        double[] ref = expectedWelch(m, fs, seg);
        double worstBand = BlockSamplerTestSupport.worstBandError(est, ref, fs / seg, m, i -> 3 * fwhm);
        System.out.printf(
                "decimated D=%d fs=%.0f FWHM=%.0f Hz: autocovariance %.4f W, worst PSD band %.3f%n",
                s.decimation(0), fs, fwhm, worst, worstBand);
        assertTrue(worstBand < 0.10, "fs=" + fs + " FWHM=" + fwhm + ": worst PSD band error " + worstBand);
    }

    // ---------------------------------------------------------------- the scheme's PSD error, exactly

    /**
     * The decimated path's exact (segment-averaged) envelope autocovariance, from the exact states at the knots
     * and slopes at the knots and the cubic Hermite interpolation between them, against the exact discrete-time
     * envelope PSD, at the worst case of the rule ({@code lam D dt} at its bound) for D = 2 .. 16. Measured for matern32
     * ({@code lam D dt = 0.215} for every D): variance 7.8e-5 low, PSD within 3 FWHM of the peak
     * at most 5.6e-4 off (relative, 0.0024 dB), anywhere at most 2.9e-6 of the peak off; the asserted bounds are 2e-4,
     * 1e-3 and 1e-5. (At the step bound 1.5e-3 tried first, {@code lam D dt = 0.056}: 1.6e-6, 2.6e-6 and 1.3e-8.)
     */
    @Test
    void shouldKeepThePsdOfTheDecimatedPathCloseToTheKernels() {
        StateSpaceSampler s = on(new StateSpaceSampler(1, 48000, 240, K, 3, 1L));
        double fs = 48000;
        for (int d : new int[] {2, 4, 8, 16}) {
            // the largest lam this D is used for
            double lo = 1;
            double hi = 1e5;
            for (int it = 0; it < 80; it++) {
                double mid = Math.sqrt(lo * hi);
                if (s.decimationFor(mid) >= d) lo = mid;
                else hi = mid;
            }
            double lam = lo;
            double[] err = schemeError(lam, d, fs);
            System.out.printf(
                    "D=%d lam D dt=%.4f: variance %.2e low, PSD within 3 FWHM %.2e rel, anywhere %.2e of peak%n",
                    d, lam * d / fs, err[0], err[1], err[2]);
            assertTrue(err[0] >= 0 && err[0] < 2e-4, "variance defect " + err[0]);
            assertTrue(err[1] < 1e-3, "PSD near the peak " + err[1]);
            assertTrue(err[2] < 1e-5, "PSD anywhere, of the peak " + err[2]);
        }
    }

    /**
     * {variance defect, max relative PSD error within 3 FWHM, max PSD error of the peak} of the Hermite-interpolated
     * matern32 envelope with knots every {@code d} samples (exact values and slopes there), against the exact envelope;
     * unit variance.
     */
    private static double[] schemeError(double lam, int d, double fs) {
        int len = (int) Math.min(1 << 16, 80 * fs / lam); // the envelope is below 1e-30 beyond
        double tk = d / fs; // knot spacing, s
        double[] r = new double[len];
        double[] exact = new double[len];
        double[] wa = new double[4];
        double[] wb = new double[4];
        for (int mm = 0; mm < len; mm++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                int t = j + mm;
                int k = t / d;
                hermite((double) j / d, wa);
                hermite((double) (t % d) / d, wb);
                // wa weighs (C_0, T C'_0, C_1, T C'_1), wb (C_k, T C'_k, C_(k+1), T C'_(k+1))
                for (int ia = 0; ia < 4; ia++) {
                    int pa = ia / 2;
                    for (int ib = 0; ib < 4; ib++) {
                        int pb = k + ib / 2;
                        sum += wa[ia] * wb[ib] * jointCov(ia % 2, ib % 2, (pb - pa) * tk, lam, tk);
                    }
                }
            }
            r[mm] = sum / d;
            exact[mm] = MaternSde.envelopeCovariance(2, lam, mm / fs);
        }
        double fwhm = MaternSde.fwhmHz(2, lam);
        int nf = 2048;
        double peak = dtft(exact, 0, fs);
        double near = 0;
        double any = 0;
        for (int i = 0; i <= nf; i++) {
            double f = 0.5 * fs * i / nf;
            double e = dtft(exact, f, fs);
            double g = dtft(r, f, fs);
            any = Math.max(any, Math.abs(g - e) / peak);
            if (f <= 3 * fwhm) near = Math.max(near, Math.abs(g / e - 1));
        }
        for (double f = 0; f <= 3 * fwhm; f += fwhm / 64) {
            near = Math.max(near, Math.abs(dtft(r, f, fs) / dtft(exact, f, fs) - 1));
        }
        return new double[] {1 - r[0], near, any};
    }

    /** Cubic Hermite basis at {@code s} in [0, 1): weights of (p0, T m0, p1, T m1). */
    private static void hermite(double s, double[] w) {
        double s2 = s * s;
        double s3 = s2 * s;
        w[0] = 2 * s3 - 3 * s2 + 1;
        w[1] = s3 - 2 * s2 + s;
        w[2] = -2 * s3 + 3 * s2;
        w[3] = s3 - s2;
    }

    /**
     * Covariance of the matern32 envelope {@code c} and its slope scaled by {@code T}: {@code E[V_a(t) V_b(t + tau)]}
     * with {@code V_0 = c}, {@code V_1 = T c'}; {@code k = (1 + lam|tau|) e^(-lam|tau|)}, {@code k' = -lam^2 tau
     * e^(-lam|tau|)}, {@code k'' = -lam^2 (1 - lam|tau|) e^(-lam|tau|)}.
     */
    private static double jointCov(int a, int b, double tau, double lam, double tk) {
        double e = Math.exp(-lam * Math.abs(tau));
        if (a == 0 && b == 0) return (1 + lam * Math.abs(tau)) * e;
        double k1 = -lam * lam * tau * e;
        if (a == 0) return tk * k1; // E[c(t) c'(t + tau)] = k'(tau)
        if (b == 0) return -tk * k1; // E[c'(t) c(t + tau)] = -k'(tau)
        return tk * tk * lam * lam * (1 - lam * Math.abs(tau)) * e; // -k''(tau)
    }

    /** {@code sum_m r(|m|) cos(2 pi f m / fs)} over {@code |m| < r.length}. */
    private static double dtft(double[] r, double f, double fs) {
        double w = 2 * Math.PI * f / fs;
        double s = r[0];
        double c1 = Math.cos(w);
        double s1 = Math.sin(w);
        double c = 1;
        double sn = 0;
        for (int m = 1; m < r.length; m++) {
            double t = c * c1 - sn * s1;
            sn = sn * c1 + c * s1;
            c = t;
            s += 2 * r[m] * c;
        }
        return s;
    }

    // ---------------------------------------------------------------- determinism, allocation, seams

    @Test
    void shouldReproduceOutputForTheSameSeedAndRestartOnReseed() {
        SmModel[] ms = mixedModels(24, 7);
        double[] a = renderSequence(on(new StateSpaceSampler(24, 48000, 240, K, 3, 77L)), ms, 300);
        double[] b = renderSequence(on(new StateSpaceSampler(24, 48000, 240, K, 3, 77L)), ms, 300);
        assertArrayEquals(a, b, 0.0);
        StateSpaceSampler s = on(new StateSpaceSampler(24, 48000, 240, K, 3, 1234L));
        renderSequence(s, ms, 37);
        s.reseed(77L);
        assertArrayEquals(a, renderSequence(s, ms, 300), 0.0, "reseed restarts exactly");
        double[] c = renderSequence(on(new StateSpaceSampler(24, 48000, 240, K, 3, 78L)), ms, 300);
        int equal = 0;
        for (int i = 240; i < a.length; i++) if (a[i] == c[i]) equal++;
        assertEquals(0, equal);
    }

    /**
     * Q = 24 at 48 kHz, narrow and wide components whose widths change every block (so {@code D} changes and the
     * matrices are recomputed), rebirths, count changes, the amplitude lock and a shaped floor: no allocation per block.
     */
    @ParameterizedTest
    @EnumSource(Kernel.class)
    void shouldNotAllocateWhileRenderingDecimated(Kernel k) {
        StateSpaceSampler s = on(new StateSpaceSampler(24, 48000.0, 240, k, 3, 5L));
        s.setAmplitudeLock(1);
        s.setFloorShape(new FloorShape(48000, 500));
        SmModel[] ms = mixedModels(24, 7);
        double[] out = new double[480];
        int[] i = {0};
        double bytes = allocatedBytesPerCall(
                () -> {
                    s.render(ms[i[0] % ms.length], out, (i[0] & 1) * 240);
                    i[0]++;
                },
                2000);
        assertEquals(0, s.faults());
        assertTrue(bytes <= 0, "allocated " + bytes + " bytes per block");
        int decimated = 0;
        for (int q = 0; q < 24; q++) if (s.decimation(q) > 1) decimated++;
        assertTrue(k == Kernel.MATERN12 ? decimated == 0 : decimated > 0, "decimated components: " + decimated);
        for (double v : out) assertTrue(Double.isFinite(v));
    }

    /**
     * Narrow components (D = 16) whose frequency alternates every block and which are reborn (crossfaded through their
     * ghosts) every 5th block: the block boundaries show no more curvature than anywhere else (click ratio 0.9 .. 1.1,
     * as for the exact path).
     */
    @Test
    void shouldNotClickAtBlockBoundariesWhenDecimated() {
        int b = 240;
        StateSpaceSampler s = on(new StateSpaceSampler(4, 48000, b, K, 3, 8L));
        SmModel a = BlockSamplerTestSupport.model(
                0, 0.4, 440, lsOf(5), 0.3, 880, lsOf(8), 0.2, 1320, lsOf(3), 0.1, 1760, lsOf(12));
        SmModel c = BlockSamplerTestSupport.model(
                0, 0.4, 520, lsOf(5), 0.3, 960, lsOf(8), 0.2, 1400, lsOf(3), 0.1, 1840, lsOf(12));
        int blocks = 4000;
        double[] x = new double[blocks * b];
        for (int i = 0; i < blocks; i++) {
            SmModel m = (i & 1) == 0 ? a : c;
            Arrays.fill(m.reborn, i % 5 == 0);
            s.render(m, x, i * b);
        }
        assertEquals(16, s.decimation(0));
        double ratio = clickRatio(x, b, 10);
        assertTrue(ratio <= 1.1 && ratio >= 0.9, "click ratio " + ratio);
    }

    // ---------------------------------------------------------------- helpers

    /** A sampler with decimation switched on (it is off by default). */
    private static StateSpaceSampler on(StateSpaceSampler s) {
        s.setDecimation(true);
        return s;
    }

    @Test
    void shouldBeOffByDefault() {
        StateSpaceSampler s = new StateSpaceSampler(1, 48000, 240, K, 3, 1L);
        assertEquals(1, s.decimationFor(lamOf(2)));
        s.setDecimation(true);
        assertEquals(16, s.decimationFor(lamOf(2)));
    }

    private static double lamOf(double fwhmHz) {
        return MaternSde.decayRate(K, 3, lsOf(fwhmHz));
    }

    private static double lsOf(double fwhmHz) {
        return Kernel.lengthscaleForFwhm(K, fwhmHz);
    }

    /** Varying models whose FWHMs run from 2 Hz to 2 kHz, different every block. */
    private static SmModel[] mixedModels(int capacity, int variants) {
        SmModel[] ms = StateSpaceSamplerTest.varyingModels(capacity, variants);
        for (int v = 0; v < variants; v++) {
            for (int q = 0; q < capacity; q++) ms[v].lengthscaleS[q] = lsOf(2 * Math.pow(10, ((q + 3 * v) % 10) / 3.0));
        }
        return ms;
    }

    private static double[] render(StateSpaceSampler s, SmModel m, int blocks, int warm, int b) {
        double[] tmp = new double[b];
        for (int i = 0; i < warm; i++) s.render(m, tmp, 0);
        double[] x = new double[blocks * b];
        Arrays.fill(x, 1e300);
        for (int i = 0; i < blocks; i++) s.render(m, x, i * b);
        return x;
    }

    private static double[] renderSequence(StateSpaceSampler s, SmModel[] ms, int blocks) {
        int b = s.blockSize();
        double[] x = new double[blocks * b];
        for (int i = 0; i < blocks; i++) s.render(ms[i % ms.length], x, i * b);
        return x;
    }

    /**
     * Expectation of {@link BlockSamplerTestSupport#welch} for a stationary process with the model's covariance: {@code
     * (1/(fs U)) sum_(|m| < seg) K(m/fs) a(m) e^(-2 pi i k m / seg)}, {@code a} the Hann window's autocorrelation and
     * {@code U = sum w^2}.
     */
    private static double[] expectedWelch(SmModel m, double fs, int seg) {
        double[] win = new double[2 * seg];
        double u = 0;
        for (int j = 0; j < seg; j++) {
            win[j] = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / seg);
            u += win[j] * win[j];
        }
        // window autocorrelation a(m), m = 0..seg-1, through a 2 seg-point transform
        DoubleFFT_1D f2 = new DoubleFFT_1D(2 * seg);
        f2.realForward(win);
        win[0] = win[0] * win[0];
        win[1] = win[1] * win[1];
        for (int k = 1; k < seg; k++) {
            double re = win[2 * k];
            double im = win[2 * k + 1];
            win[2 * k] = re * re + im * im;
            win[2 * k + 1] = 0;
        }
        f2.realInverse(win, true);
        // folded lag sequence c[m mod seg] = sum over m = -(seg-1) .. seg-1 of K a, then one seg-point transform
        double[] c = new double[seg];
        c[0] = BlockSamplerTestSupport.covariance(Kernel.MATERN32, m, 0) * win[0];
        for (int mm = 1; mm < seg; mm++) {
            double v = BlockSamplerTestSupport.covariance(Kernel.MATERN32, m, mm / fs) * win[mm];
            c[mm] += v;
            c[seg - mm] += v;
        }
        DoubleFFT_1D f1 = new DoubleFFT_1D(seg);
        f1.realForward(c);
        double[] psd = new double[seg / 2 + 1];
        psd[0] = c[0];
        psd[seg / 2] = c[1];
        for (int k = 1; k < seg / 2; k++) psd[k] = c[2 * k];
        for (int k = 0; k < psd.length; k++) psd[k] /= fs * u;
        return psd;
    }
}
