package org.gpvoice.dsp.synth;

import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.cholSolve;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.lags;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.model;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.toeplitz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LevinsonTest {
    private static final double FS = 16000.0;
    /** Block of 5 ms at 16 kHz: the block sampler runs the recursion to order 2B - 1 = 159. */
    private static final int B = 80;

    private static final int P = 2 * B - 1;
    private static final double GARBAGE = 1e300;

    /** Matern-3/2 spectral mixture, three components (300, 1100, 2500 Hz), with the white floor {@code noiseVar}. */
    private static SmModel matern32Mixture(double noiseVar) {
        return model(noiseVar, 0.5, 300.0, 0.005, 0.3, 1100.0, 0.003, 0.2, 2500.0, 0.002);
    }

    /**
     * Against the dense reference: at every order {@code k = 1..159}, the predictor solves the Toeplitz normal equations
     * {@code toeplitz(r[0..k-1]) a_k = r[1..k]} (EJML Cholesky) and {@code E_k = r[0] - a_k . r[1..k]}; relative
     * tolerance 1e-9. Measured worst (coefficients, variances): 5.9e-12, 2.1e-12 without a floor ({@code E_159 = 1.8e-3
     * r[0]}); 7.1e-14, 1.5e-13 with a -30 dB floor.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1e-3})
    void shouldMatchTheDenseToeplitzSolveAtEveryOrder(double noiseVar) {
        double[] r = lags(Kernel.MATERN32, matern32Mixture(noiseVar), FS, P + 1);
        double[] table = new double[Levinson.tableSize(P)];
        double[] err = new double[P + 1];
        Arrays.fill(table, GARBAGE);
        Arrays.fill(err, GARBAGE);
        assertEquals(Levinson.OK, Levinson.recurse(r, P, 0.0, table, err));
        assertEquals(r[0], err[0], 0.0);
        double worstA = 0;
        double worstE = 0;
        for (int k = 1; k <= P; k++) {
            DMatrixRMaj rhs = new DMatrixRMaj(k, 1);
            for (int i = 0; i < k; i++) rhs.set(i, 0, r[i + 1]);
            DMatrixRMaj a = cholSolve(toeplitz(r, k), rhs);
            double scale = 0;
            double diff = 0;
            double e = r[0];
            for (int j = 1; j <= k; j++) {
                scale = Math.max(scale, Math.abs(a.get(j - 1)));
                diff = Math.max(diff, Math.abs(table[Levinson.rowOffset(k) + j - 1] - a.get(j - 1)));
                e -= a.get(j - 1) * r[j];
            }
            worstA = Math.max(worstA, diff / scale);
            worstE = Math.max(worstE, Math.abs(err[k] - e) / e);
            assertTrue(err[k] > 0 && err[k] <= err[k - 1], "innovation variance falls with the order");
        }
        assertTrue(worstA < 1e-9, "coefficients: worst relative error " + worstA);
        assertTrue(worstE < 1e-9, "innovation variances: worst relative error " + worstE);
    }

    /** The single-order form runs the same arithmetic as the table: bit-identical at every order it is asked for. */
    @Test
    void shouldSolveOneOrderExactlyAsTheTable() {
        double[] r = lags(Kernel.MATERN32, matern32Mixture(0.0), FS, P + 1);
        double[] table = new double[Levinson.tableSize(P)];
        double[] err = new double[P + 1];
        assertEquals(Levinson.OK, Levinson.recurse(r, P, 0.0, table, err));
        for (int k : new int[] {0, 1, 2, 3, 79, 80, 158, 159}) {
            double[] a = new double[k + 1];
            double[] work = new double[k + 1];
            double[] e = new double[k + 1];
            Arrays.fill(a, GARBAGE);
            assertEquals(Levinson.OK, Levinson.solve(r, k, 0.0, a, e, work));
            assertArrayEquals(
                    Arrays.copyOfRange(table, Levinson.rowOffset(k), Levinson.rowOffset(k) + k),
                    Arrays.copyOf(a, k),
                    0.0,
                    "order " + k);
            assertArrayEquals(Arrays.copyOf(err, k + 1), e, 0.0, "order " + k);
        }
    }

    /**
     * {@code r = (1, 0.9, 0)} is not positive definite ({@code det = -0.62}): {@code kappa_1 = 0.9}, then {@code kappa_2
     * = -0.81 / 0.19}. The recursion reports it at order 2 with order 1 intact; a singular sequence ({@code kappa = 1}),
     * a zero or negative variance, the floor and non-finite input are statuses too, never exceptions.
     */
    @Test
    void shouldReportBreakdownAsAStatus() {
        double[] table = new double[Levinson.tableSize(2)];
        double[] err = new double[3];
        assertEquals(
                Levinson.NOT_POSITIVE_DEFINITE, Levinson.recurse(new double[] {1.0, 0.9, 0.0}, 2, 0.0, table, err));
        assertEquals(0.9, table[0], 1e-15);
        assertEquals(0.19, err[1], 1e-15);
        double[] a = new double[2];
        double[] w = new double[2];
        assertEquals(Levinson.NOT_POSITIVE_DEFINITE, Levinson.solve(new double[] {1.0, 0.9, 0.0}, 2, 0.0, a, err, w));

        assertEquals(Levinson.NOT_POSITIVE_DEFINITE, Levinson.recurse(new double[] {1.0, 1.0}, 1, 0.0, table, err));
        assertEquals(Levinson.NOT_POSITIVE_DEFINITE, Levinson.recurse(new double[] {1.0, -1.5}, 1, 0.0, table, err));
        assertEquals(Levinson.NOT_POSITIVE_DEFINITE, Levinson.recurse(new double[] {0.0, 0.0}, 1, 0.0, table, err));
        assertEquals(Levinson.NOT_POSITIVE_DEFINITE, Levinson.recurse(new double[] {-1.0, 0.0}, 1, 0.0, table, err));
        // E_1 = 0.19 is positive but under a floor of 0.2
        assertEquals(Levinson.NOT_POSITIVE_DEFINITE, Levinson.recurse(new double[] {1.0, 0.9}, 1, 0.2, table, err));
        assertEquals(Levinson.OK, Levinson.recurse(new double[] {1.0, 0.9}, 1, 0.18, table, err));
        assertEquals(Levinson.NOT_FINITE, Levinson.recurse(new double[] {Double.NaN, 0.0}, 1, 0.0, table, err));
        assertEquals(Levinson.NOT_FINITE, Levinson.recurse(new double[] {1.0, Double.NaN}, 1, 0.0, table, err));
        assertEquals(
                Levinson.NOT_FINITE,
                Levinson.recurse(new double[] {Double.POSITIVE_INFINITY, 0.0}, 1, 0.0, table, err));
    }

    /**
     * {@link Levinson#extend} with zero innovations writes the conditional mean {@code K_ch K_hh^-1 h} of 40 samples given
     * 80 before them (drawn from the model), and with a unit innovation at {@code s} column {@code s} of the Cholesky
     * factor of the conditional covariance; both against EJML to 1e-9 relative (noise-free Matern-3/2 mixture; measured
     * 1.0e-12 and 4.4e-12).
     */
    @Test
    void shouldExtendWithTheDenseGaussianConditional() {
        int h = 80;
        int n = 40;
        double[] r = lags(Kernel.MATERN32, matern32Mixture(0.0), FS, h + n);
        double[] table = new double[Levinson.tableSize(h + n - 1)];
        double[] err = new double[h + n];
        assertEquals(Levinson.OK, Levinson.recurse(r, h + n - 1, 0.0, table, err));
        DMatrixRMaj k = toeplitz(r, h + n);
        DMatrixRMaj khh = new DMatrixRMaj(h, h);
        DMatrixRMaj khc = new DMatrixRMaj(h, n);
        DMatrixRMaj kcc = new DMatrixRMaj(n, n);
        CommonOps_DDRM.extract(k, 0, h, 0, h, khh);
        CommonOps_DDRM.extract(k, 0, h, h, h + n, khc);
        CommonOps_DDRM.extract(k, h, h + n, h, h + n, kcc);
        GaussianSource g = new GaussianSource(11L);
        DMatrixRMaj white = new DMatrixRMaj(h, 1);
        for (int i = 0; i < h; i++) white.set(i, 0, g.next());
        DMatrixRMaj hist = new DMatrixRMaj(h, 1); // a history drawn from the model
        CommonOps_DDRM.mult(BlockSamplerTestSupport.chol(khh), white, hist);
        double[] x = new double[h + n];
        System.arraycopy(hist.data, 0, x, 0, h);
        Arrays.fill(x, h, h + n, GARBAGE);
        Levinson.extend(table, err, h, x, h, n, new double[n], 0);
        DMatrixRMaj mean = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.multTransA(khc, cholSolve(khh, hist), mean);
        assertTrue(
                BlockSamplerTestSupport.relDiff(Arrays.copyOfRange(x, h, h + n), mean.data) < 1e-9, "conditional mean");

        DMatrixRMaj cov = kcc.copy();
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(khc, cholSolve(khh, khc), t);
        CommonOps_DDRM.subtractEquals(cov, t);
        DMatrixRMaj lRef = BlockSamplerTestSupport.chol(cov);
        DMatrixRMaj l = new DMatrixRMaj(n, n);
        for (int s = 0; s < n; s++) {
            double[] e = new double[n];
            e[s] = 1.0;
            double[] y = new double[h + n];
            Levinson.extend(table, err, h, y, h, n, e, 0);
            for (int i = 0; i < n; i++) l.set(i, s, y[h + i]);
        }
        double d = BlockSamplerTestSupport.relDiff(l, lRef);
        assertTrue(d < 1e-9, "Cholesky factor of the conditional covariance: " + d);
    }
}
