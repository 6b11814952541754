package org.gpvoice.dsp.synth;

import static org.gpvoice.dsp.synth.StateSpaceSamplerTest.autocovariance;
import static org.gpvoice.dsp.synth.StateSpaceSamplerTest.meanSquare;
import static org.gpvoice.dsp.synth.StateSpaceSamplerTest.render;
import static org.gpvoice.dsp.synth.StateSpaceSamplerTest.renderAlternating;
import static org.gpvoice.dsp.synth.StateSpaceSamplerTest.single;
import static org.gpvoice.dsp.synth.StateSpaceSamplerTest.straddlingAutocovariance;
import static org.gpvoice.dsp.synth.StateSpaceSamplerTest.varyingModels;
import static org.gpvoice.dsp.synth.StateSpaceSamplerTest.worstBandError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.TestAudio;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;
import org.junit.jupiter.api.Test;

/** The sampler with {@link SeMethod#TAYLOR}: the Gaussian kernel through the order-N Taylor spectral factorisation. */
class StateSpaceSamplerTaylorTest {
    private static final double FS = 16000.0;
    private static final int B = 80;
    private static final double P_HZ = 440.0;
    private static final double L_S = 0.005;
    private static final double W = 0.8;

    private static StateSpaceSampler taylor(int capacity, int order, long seed) {
        return new StateSpaceSampler(capacity, FS, B, Kernel.GAUSSIAN, SeMethod.TAYLOR, order, seed);
    }

    /**
     * N = 6, one component, 2e6 samples: the empirical autocovariance at lags 0..200 (all pairs) and at lags 1..79 from
     * the pairs straddling a block boundary match the exact Gaussian-envelope kernel {@code w exp(-(r/l)^2) cos(2 pi p
     * r)} within 0.03 w (the factorisation's own error is below 0.003 w; the rest is Monte Carlo).
     */
    @Test
    void shouldMatchTheExactGaussianAutocovarianceAcrossBlocks() {
        StateSpaceSampler s = taylor(1, 6, 111L);
        assertEquals(6, s.order());
        assertEquals(SeMethod.TAYLOR, s.seMethod());
        double[] x = render(s, single(W, P_HZ, L_S), 25_000, 10);
        double[] c = autocovariance(x, 200);
        double worst = 0;
        for (int lag = 0; lag <= 200; lag++) {
            worst = Math.max(worst, Math.abs(c[lag] - Kernel.GAUSSIAN.covariance(lag / FS, W, P_HZ, L_S)));
        }
        assertTrue(worst < 0.03 * W, "all pairs, max error " + worst / W + " w");
        double worstX = 0;
        for (int lag = 1; lag < B; lag++) {
            double cx = straddlingAutocovariance(x, lag, B);
            worstX = Math.max(worstX, Math.abs(cx - Kernel.GAUSSIAN.covariance(lag / FS, W, P_HZ, L_S)));
        }
        assertTrue(worstX < 0.03 * W, "straddling pairs, max error " + worstX / W + " w");
    }

    /**
     * Welch PSD (as in {@link StateSpaceSamplerTest#shouldMatchDiscreteTimePsd}): against the discrete-time PSD of the
     * approximation's own kernel {@code w k_N(r) cos(2 pi p r)} everywhere above 1e-3 of the peak and within 3 FWHM
     * (worst band within 10%; sampling error 1-2% per band), and against the exact Gaussian-envelope kernel where the
     * peak is above 5% of its maximum and within 1 FWHM (within 10%: the factorisation's own error there is at most
     * 3.5%). Further out the Taylor tail falls as {@code f^-12}, not as a Gaussian: at 1e-3 of the peak it is twice
     * the Gaussian's level (see docs/SE-FACTORISATION.md).
     */
    @Test
    void shouldMatchTheGaussianPsdNearThePeakAndItsOwnPsdEverywhere() {
        double[] x = render(taylor(1, 6, 222L), single(W, P_HZ, L_S), 25_000, 10);
        TaylorSeSde sde = new TaylorSeSde(6);
        double fw = Kernel.GAUSSIAN.fwhmHz(L_S);
        double own = worstBandError(x, r -> W * sde.envelopeCovariance(r, L_S) * Math.cos(2 * Math.PI * P_HZ * r), fw);
        assertTrue(own < 0.10, "own PSD: worst band error " + own);
        double exact = worstBandError(x, r -> Kernel.GAUSSIAN.covariance(r, W, P_HZ, L_S), fw, 0.05, 1.0);
        assertTrue(exact < 0.10, "exact Gaussian PSD near the peak: worst band error " + exact);
    }

    /** Eight components whose lengthscales alternate between 2 ms and 20 ms every block keep the variance sum w = 4. */
    @Test
    void shouldKeepTheVarianceWhenLengthscalesChange() {
        SmModel a = new SmModel(8);
        SmModel b = new SmModel(8);
        for (SmModel m : new SmModel[] {a, b}) {
            m.count = 8;
            for (int q = 0; q < 8; q++) {
                m.weight[q] = 0.5;
                m.freqHz[q] = 300.0 + 850.0 * q;
                m.lengthscaleS[q] = m == a ? 0.002 : 0.020;
            }
        }
        double[] x = renderAlternating(taylor(8, 6, 808L), a, b, 25_000, 10);
        assertEquals(4.0, meanSquare(x, 0, x.length), 0.02 * 4.0, "variance");
    }

    /** Q = 24, 48 kHz, 240-sample blocks, every parameter changing every block: no allocation per block. */
    @Test
    void shouldNotAllocateWhileRendering() {
        StateSpaceSampler s = new StateSpaceSampler(24, 48000.0, 240, Kernel.GAUSSIAN, SeMethod.TAYLOR, 6, 5L);
        SmModel[] models = varyingModels(24, 7);
        double[] out = new double[480];
        double bytes = TestAudio.bytesPerCall(i -> s.render(models[i % models.length], out, (i & 1) * 240), 1000);
        assertTrue(bytes <= 0.5, "bytes per block " + bytes);
        assertEquals(0, s.faults());
        for (double v : out) assertTrue(Double.isFinite(v));
    }

    /** The method only applies to the Gaussian; orders outside 1..10 are refused. */
    @Test
    void shouldIgnoreTheMethodForMaternAndCheckTheOrder() {
        StateSpaceSampler m = new StateSpaceSampler(1, FS, B, Kernel.MATERN32, SeMethod.TAYLOR, 6, 1L);
        assertEquals(SeMethod.CASCADE, m.seMethod());
        assertEquals(2, m.order());
        assertEquals(8, taylor(1, 8, 1L).order());
        assertThrows(IllegalArgumentException.class, () -> taylor(1, 0, 1L));
        assertThrows(IllegalArgumentException.class, () -> taylor(1, 11, 1L));
        assertEquals(SeMethod.TAYLOR, SeMethod.parse(" Taylor"));
        assertThrows(IllegalArgumentException.class, () -> SeMethod.parse("exact"));
    }

    /**
     * Per-block cost at Q = 24, 48 kHz, 240-sample blocks (prints, does not assert): cascade n = 3 and 6 and Taylor N =
     * 2..8, with fixed lengthscales (the matrices are computed once) and with every lengthscale changing every block
     * (24 discretisations per block), and the discretisations alone.
     */
    @Test
    void printPerBlockCost() {
        SmModel[] fixed = {varyingModels(24, 1)[0]};
        SmModel[] changing = varyingModels(24, 7);
        for (SmModel m : new SmModel[] {
            fixed[0], changing[0], changing[1], changing[2], changing[3], changing[4], changing[5], changing[6]
        }) {
            java.util.Arrays.fill(m.reborn, false); // no crossfades: the cost of the recursion and the matrices only
            m.count = 24;
        }
        StringBuilder sb = new StringBuilder("per-block cost, Q = 24, 48 kHz, B = 240 (us; budget 5000)\n");
        sb.append(String.format("%-12s %-10s %-10s %-12s%n", "method", "fixed l", "l changes", "discretise"));
        for (int order : new int[] {3, 6}) time(sb, "cascade " + order, SeMethod.CASCADE, order, fixed, changing);
        for (int order = 2; order <= 8; order++) {
            time(sb, "taylor " + order, SeMethod.TAYLOR, order, fixed, changing);
        }
        System.out.print(sb);
    }

    private static void time(StringBuilder sb, String name, SeMethod method, int order, SmModel[] fixed, SmModel[] ch) {
        double[] out = new double[240];
        double[] us = new double[2];
        for (int v = 0; v < 2; v++) {
            SmModel[] ms = v == 0 ? fixed : ch;
            StateSpaceSampler s = new StateSpaceSampler(24, 48000.0, 240, Kernel.GAUSSIAN, method, order, 3L);
            for (int i = 0; i < 100; i++) s.render(ms[i % ms.length], out, 0);
            int blocks = 300;
            long t0 = System.nanoTime();
            for (int i = 0; i < blocks; i++) s.render(ms[i % ms.length], out, 0);
            us[v] = (System.nanoTime() - t0) / 1e3 / blocks;
        }
        // the 24 discretisations of one block alone
        double[] aw = new double[24 * order * order];
        double[] lq = new double[24 * order * order];
        MaternSde m = method == SeMethod.CASCADE ? new MaternSde(order) : null;
        TaylorSeSde t = method == SeMethod.TAYLOR ? new TaylorSeSde(order) : null;
        double lamL = method == SeMethod.CASCADE ? MaternSde.decayRate(Kernel.GAUSSIAN, order, 1.0) : 2.0;
        int reps = 500;
        long t0 = 0;
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                for (int q = 0; q < 24; q++) {
                    double a = lamL / 48000.0 / (0.001 * (1 + (q + r) % 7));
                    if (m != null) m.discretise(a, aw, lq, q * order * order);
                    else t.discretise(a, aw, lq, q * order * order);
                }
            }
        }
        double disc = (System.nanoTime() - t0) / 1e3 / reps;
        sb.append(String.format("%-12s %-10.0f %-10.0f %-12.1f%n", name, us[0], us[1], disc));
    }
}
