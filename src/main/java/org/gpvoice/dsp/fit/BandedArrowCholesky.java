package org.gpvoice.dsp.fit;

/**
 * In-place Cholesky solve of a symmetric positive-definite matrix that is banded except for its last row and column
 * (an "arrowhead"): the fit's normal matrix, where components ordered by frequency couple only with neighbours whose
 * supports overlap, and the noise floor (last parameter) couples with all.
 *
 * <p>For {@code n} unknowns and half-bandwidth {@code bw} the cost is {@code O(n bw^2)} instead of {@code O(n^3 / 6)};
 * the factor has no fill outside the band and the last row. Row-major {@code a (n, n)}, of which the lower band and the
 * last row are read and overwritten by the factor. Allocation-free. The dense reference is EJML's Cholesky (the test
 * compares both).
 */
final class BandedArrowCholesky {
    private BandedArrowCholesky() {}

    /**
     * Factors {@code a} in place ({@code a = L L^T}, {@code L} in the lower part).
     *
     * @param stride row length of {@code a} (its allocated column count)
     * @return false if the matrix is not positive definite (a is then garbage)
     */
    static boolean factor(double[] a, int stride, int n, int bw) {
        final int last = n - 1;
        for (int j = 0; j < n; j++) {
            int kj = j == last ? 0 : Math.max(0, j - bw);
            double d = a[j * stride + j];
            for (int k = kj; k < j; k++) d -= a[j * stride + k] * a[j * stride + k];
            if (!(d > 0)) return false;
            double ljj = Math.sqrt(d);
            a[j * stride + j] = ljj;
            if (j == last) break;
            int iEnd = Math.min(last - 1, j + bw);
            for (int i = j + 1; i <= iEnd; i++) {
                double s = a[i * stride + j];
                for (int k = Math.max(kj, i - bw); k < j; k++) s -= a[i * stride + k] * a[j * stride + k];
                a[i * stride + j] = s / ljj;
            }
            // the dense last row
            double s = a[last * stride + j];
            for (int k = kj; k < j; k++) s -= a[last * stride + k] * a[j * stride + k];
            a[last * stride + j] = s / ljj;
        }
        return true;
    }

    /** Solves {@code L L^T x = b} with the factor from {@link #factor}; {@code b} is overwritten by {@code x}. */
    static void solve(double[] l, int stride, int n, int bw, double[] b) {
        final int last = n - 1;
        for (int i = 0; i < n; i++) { // forward: L y = b
            int k0 = i == last ? 0 : Math.max(0, i - bw);
            double s = b[i];
            for (int k = k0; k < i; k++) s -= l[i * stride + k] * b[k];
            b[i] = s / l[i * stride + i];
        }
        for (int i = last; i >= 0; i--) { // backward: L^T x = y
            double s = b[i];
            if (i != last) {
                int kEnd = Math.min(last - 1, i + bw);
                for (int k = i + 1; k <= kEnd; k++) s -= l[k * stride + i] * b[k];
                s -= l[last * stride + i] * b[last];
            }
            b[i] = s / l[i * stride + i];
        }
    }
}
