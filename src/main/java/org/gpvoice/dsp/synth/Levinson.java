package org.gpvoice.dsp.synth;

import java.util.Objects;

/**
 * Levinson-Durbin recursion: the forward linear predictors of a stationary Gaussian sequence from its autocovariance,
 * and the Gaussian conditionals they give.
 *
 * <p><b>Predictor.</b> For a zero-mean stationary sequence with autocovariance {@code r[m] = E[x_t x_(t+m)]} the
 * order-{@code k} forward predictor {@code xhat_t = sum_(j=1..k) a_k[j] x_(t-j)} solves the Toeplitz normal equations
 * {@code sum_(j=1..k) a_k[j] r[|i-j|] = r[i]}, {@code i = 1..k}, and leaves the innovation variance {@code E_k = r[0] -
 * sum_j a_k[j] r[j]}. For a Gaussian sequence this is the exact conditional:
 *
 * <pre>
 *   x_t | x_(t-1), ..., x_(t-k)  ~  N( sum_(j=1..k) a_k[j] x_(t-j),  E_k ).
 * </pre>
 *
 * <p><b>Recursion</b> ({@code O(p^2)} for all orders {@code 0..p}):
 *
 * <pre>
 *   E_0 = r[0]
 *   kappa_k = (r[k] - sum_(j=1..k-1) a_(k-1)[j] r[k-j]) / E_(k-1)        reflection coefficient
 *   a_k[k] = kappa_k,   a_k[j] = a_(k-1)[j] - kappa_k a_(k-1)[k-j]   (j < k)
 *   E_k = E_(k-1) (1 - kappa_k)(1 + kappa_k)
 * </pre>
 *
 * The sequence {@code r[0..p]} is positive definite exactly when every {@code |kappa_k| < 1} (equivalently every
 * {@code E_k > 0}); the recursion stops at the first order where that fails (or where {@code E_k} falls to a
 * caller-given floor) and returns a status instead of throwing.
 *
 * <p><b>Block conditionals.</b> By the chain rule, drawing {@code x_t = sum_j a_k[j] x_(t-j) + sqrt(E_k) eps_t} for a run
 * of samples, each with the order {@code k} equal to the number of samples before it in a window, draws the run
 * exactly from its Gaussian conditional given the samples before it in that window ({@link #extend}). A run of
 * {@code n} samples after {@code h} history samples uses orders {@code h .. h+n-1}, so the table of all orders up to
 * {@code h+n-1} is needed: one recursion on {@code r[0 .. h+n-1]}.
 *
 * <p><b>Packed table</b> (what {@link #recurse} writes): the coefficients of order {@code k = 1..p} at {@code
 * table[rowOffset(k) + j - 1] = a_k[j]}, {@code j = 1..k}; {@code rowOffset(k) = k (k-1) / 2}, so the rows are
 * contiguous and the table holds {@link #tableSize}{@code (p) = p (p+1) / 2} values.
 *
 * <p>All methods are static, allocate nothing and write only the arguments documented as outputs.
 */
public final class Levinson {
    /** The recursion reached the requested order. */
    public static final int OK = 0;
    /** A reflection coefficient reached {@code |kappa| >= 1} or an innovation variance fell to the floor. */
    public static final int NOT_POSITIVE_DEFINITE = 1;
    /** A non-finite value appeared ({@code r} holds NaN or infinity, or the recursion overflowed). */
    public static final int NOT_FINITE = 2;

    private Levinson() {}

    /** Values in the packed table of orders {@code 1..p}: {@code p (p+1) / 2}. */
    public static int tableSize(int p) {
        return p * (p + 1) / 2;
    }

    /** Index of {@code a_k[1]} in the packed table: {@code k (k-1) / 2} (0 for {@code k = 0}, an empty row). */
    public static int rowOffset(int k) {
        return k * (k - 1) / 2;
    }

    /**
     * Runs the recursion on {@code r[0..p]}, keeping the predictor of every order.
     *
     * @param r autocovariance {@code r[0..p]} (only read)
     * @param p highest order, {@code >= 0}
     * @param minErr floor for the innovation variances (0 for the plain positive-definiteness test): the recursion fails
     *     when {@code E_k <= minErr}
     * @param table output, {@code (tableSize(p))}: {@code a_k[j]} at {@code rowOffset(k) + j - 1}, written for the
     *     orders reached
     * @param err output, {@code (p+1)}: {@code err[k] = E_k}, written for the orders reached
     * @return {@link #OK}, {@link #NOT_POSITIVE_DEFINITE} or {@link #NOT_FINITE}; on failure the rows and variances of
     *     the orders below the failing one are valid
     */
    public static int recurse(double[] r, int p, double minErr, double[] table, double[] err) {
        checkOrder(p, r.length, err.length);
        if (table.length < tableSize(p)) throw new IllegalArgumentException("table too short for order " + p);
        double e = r[0];
        if (!Double.isFinite(e)) return NOT_FINITE;
        if (!(e > minErr)) return NOT_POSITIVE_DEFINITE;
        err[0] = e;
        for (int k = 1; k <= p; k++) {
            final int prev = rowOffset(k - 1); // a_(k-1)[j] at prev + j - 1
            final int cur = prev + k - 1; // rowOffset(k)
            double kappa = (r[k] - dotReversed(table, prev, r, k)) / e;
            if (!Double.isFinite(kappa)) return NOT_FINITE;
            if (!(Math.abs(kappa) < 1.0)) return NOT_POSITIVE_DEFINITE;
            for (int j = 1; j < k; j++) table[cur + j - 1] = table[prev + j - 1] - kappa * table[prev + k - j - 1];
            table[cur + k - 1] = kappa;
            e *= (1.0 - kappa) * (1.0 + kappa);
            if (!(e > minErr)) return NOT_POSITIVE_DEFINITE;
            err[k] = e;
        }
        return OK;
    }

    /**
     * Runs the recursion on {@code r[0..p]} keeping only the highest order: {@code O(p)} memory.
     *
     * @param r autocovariance {@code r[0..p]} (only read)
     * @param p order, {@code >= 0}
     * @param minErr floor for the innovation variances, as in {@link #recurse}
     * @param a output, {@code (p)}: {@code a[j-1] = a_p[j]}; scratch on failure
     * @param err output, {@code (p+1)}: {@code err[k] = E_k}, written for the orders reached
     * @param work scratch, {@code (p)}; must not alias {@code a}
     * @return {@link #OK}, {@link #NOT_POSITIVE_DEFINITE} or {@link #NOT_FINITE}
     */
    public static int solve(double[] r, int p, double minErr, double[] a, double[] err, double[] work) {
        checkOrder(p, r.length, err.length);
        if (a.length < p || work.length < p) throw new IllegalArgumentException("a and work need " + p + " values");
        if (a == work) throw new IllegalArgumentException("a and work alias");
        double e = r[0];
        if (!Double.isFinite(e)) return NOT_FINITE;
        if (!(e > minErr)) return NOT_POSITIVE_DEFINITE;
        err[0] = e;
        // Order k is written into cur, order k-1 read from prev; they swap every order and end with order p in a.
        double[] prev = (p & 1) == 0 ? a : work;
        double[] cur = (p & 1) == 0 ? work : a;
        for (int k = 1; k <= p; k++) {
            double kappa = (r[k] - dotReversed(prev, 0, r, k)) / e;
            if (!Double.isFinite(kappa)) return NOT_FINITE;
            if (!(Math.abs(kappa) < 1.0)) return NOT_POSITIVE_DEFINITE;
            for (int j = 1; j < k; j++) cur[j - 1] = prev[j - 1] - kappa * prev[k - j - 1];
            cur[k - 1] = kappa;
            e *= (1.0 - kappa) * (1.0 + kappa);
            if (!(e > minErr)) return NOT_POSITIVE_DEFINITE;
            err[k] = e;
            double[] t = prev;
            prev = cur;
            cur = t;
        }
        return OK;
    }

    /**
     * Draws {@code n} samples in place from their Gaussian conditional given the samples before them:
     *
     * <pre>
     *   x[pos + t] = sum_(j=1..k) a_k[j] x[pos + t - j] + sqrt(E_k) e[eOff + t],   k = firstOrder + t,  t = 0..n-1
     * </pre>
     *
     * With standard-normal {@code e} this is an exact draw of {@code x[pos .. pos+n)} given the {@code firstOrder}
     * samples {@code x[pos - firstOrder .. pos)}; with {@code e = 0} it writes the conditional mean. {@code O(n
     * (firstOrder + n/2))} operations.
     *
     * @param table packed predictors from {@link #recurse}, holding orders up to {@code firstOrder + n - 1} (only read)
     * @param err innovation variances from {@link #recurse} (only read)
     * @param firstOrder samples of history, {@code 0 <= firstOrder <= pos}
     * @param x history in {@code x[pos - firstOrder .. pos)} (only read); output {@code x[pos .. pos + n)}
     * @param e innovations {@code e[eOff .. eOff + n)} (only read; must not overlap the output)
     */
    public static void extend(
            double[] table, double[] err, int firstOrder, double[] x, int pos, int n, double[] e, int eOff) {
        if (firstOrder < 0 || firstOrder > pos) throw new IllegalArgumentException("history must lie inside x");
        Objects.checkFromIndexSize(pos, n, x.length);
        Objects.checkFromIndexSize(eOff, n, e.length);
        for (int t = 0; t < n; t++) {
            final int k = firstOrder + t;
            final int row = rowOffset(k) - 1; // a_k[j] at row + j
            final int i = pos + t;
            // four partial sums: independent add chains (the order is fixed, so the result is reproducible)
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int j = 1;
            for (; j + 3 <= k; j += 4) {
                s0 += table[row + j] * x[i - j];
                s1 += table[row + j + 1] * x[i - j - 1];
                s2 += table[row + j + 2] * x[i - j - 2];
                s3 += table[row + j + 3] * x[i - j - 3];
            }
            for (; j <= k; j++) s0 += table[row + j] * x[i - j];
            x[i] = ((s0 + s1) + (s2 + s3)) + Math.sqrt(err[k]) * e[eOff + t];
        }
    }

    /**
     * {@code sum_(j=1..k-1) a[aOff + j - 1] r[k - j]} with four partial sums (independent add chains; a fixed order, so
     * reproducible). {@link #recurse} and {@link #solve} share it and so agree bit for bit.
     */
    private static double dotReversed(double[] a, int aOff, double[] r, int k) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 1;
        for (; j + 4 <= k; j += 4) {
            s0 += a[aOff + j - 1] * r[k - j];
            s1 += a[aOff + j] * r[k - j - 1];
            s2 += a[aOff + j + 1] * r[k - j - 2];
            s3 += a[aOff + j + 2] * r[k - j - 3];
        }
        for (; j < k; j++) s0 += a[aOff + j - 1] * r[k - j];
        return (s0 + s1) + (s2 + s3);
    }

    private static void checkOrder(int p, int rLength, int errLength) {
        if (p < 0) throw new IllegalArgumentException("order must be >= 0: " + p);
        if (rLength < p + 1 || errLength < p + 1) {
            throw new IllegalArgumentException("r and err need " + (p + 1) + " values for order " + p);
        }
    }
}
