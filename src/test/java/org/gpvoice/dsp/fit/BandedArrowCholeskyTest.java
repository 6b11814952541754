package org.gpvoice.dsp.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BandedArrowCholeskyTest {

    /** A random SPD arrowhead matrix: band of half-width bw plus a dense last row, diagonally dominant. */
    static double[] arrow(int n, int bw, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) {
                boolean inBand = i - j <= bw && i != n - 1;
                if (inBand || i == n - 1) {
                    double v = r.nextDouble() - 0.5;
                    a[i * n + j] = v;
                    a[j * n + i] = v;
                }
            }
        for (int i = 0; i < n; i++) a[i * n + i] = Math.abs(a[i * n + i]) + 2 * bw + 2 + (i == n - 1 ? n : 0);
        return a;
    }

    @ParameterizedTest
    @CsvSource({"7,2", "73,5", "73,11", "193,8", "13,0"})
    void shouldSolveLikeTheDenseEjmlCholesky(int n, int bw) {
        double[] a = arrow(n, bw, n * 31L + bw);
        double[] b = new double[n];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < n; i++) b[i] = r.nextDouble() - 0.5;

        DMatrixRMaj dense = new DMatrixRMaj(n, n, true, a.clone());
        DMatrixRMaj rhs = new DMatrixRMaj(n, 1, true, b.clone());
        DMatrixRMaj ref = new DMatrixRMaj(n, 1);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(n);
        assertTrue(solver.setA(dense));
        solver.solve(rhs, ref);

        double[] f = a.clone();
        assertTrue(BandedArrowCholesky.factor(f, n, n, bw));
        double[] x = b.clone();
        BandedArrowCholesky.solve(f, n, n, bw, x);
        for (int i = 0; i < n; i++) assertEquals(ref.get(i), x[i], 1e-12 * (1 + Math.abs(ref.get(i))), "x[" + i + "]");

        // and the solution satisfies the original system
        DMatrixRMaj ax = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(new DMatrixRMaj(n, n, true, a), new DMatrixRMaj(n, 1, true, x), ax);
        for (int i = 0; i < n; i++) assertEquals(b[i], ax.get(i), 1e-11);
    }

    @ParameterizedTest
    @CsvSource({"9,2"})
    void shouldReportAMatrixThatIsNotPositiveDefinite(int n, int bw) {
        double[] a = arrow(n, bw, 3);
        a[4 * n + 4] = -1;
        assertFalse(BandedArrowCholesky.factor(a, n, n, bw));
    }
}
