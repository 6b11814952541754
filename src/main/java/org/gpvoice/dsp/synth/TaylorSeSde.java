package org.gpvoice.dsp.synth;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The squared-exponential envelope {@code k(r) = exp(-(r/l)^2)} as an order-{@code N} linear SDE by spectral
 * factorisation of the reciprocal Taylor polynomial (Hartikainen and Sarkka 2010), and its discretisation in whitened
 * coordinates.
 *
 * <p><b>Target.</b> With angular frequency {@code w} (rad/s), {@code k(r) = exp(-(r/l)^2)} has spectral density {@code
 * S(w) = sqrt(pi) l exp(-w^2 l^2 / 4)} (the usual {@code sqrt(2 pi) ell exp(-ell^2 w^2 / 2)} with {@code ell = l /
 * sqrt 2}); per Hz, {@code E(f) = sqrt(pi) l exp(-u^2)} with {@code u = w l / 2 = pi l f}.
 *
 * <p><b>Approximation.</b> {@code exp(u^2) ~ P_N(u^2)}, {@code P_N(z) = sum_{k<=N} z^k / k!}, so {@code S(w) ~ c /
 * P_N(u^2)}. All coefficients are positive, so {@code P_N(u^2) >= 1} on the real axis and {@code P_N(-s^2)} (with
 * {@code s = i u}) has no root on the imaginary axis: its {@code 2N} roots are {@code +-sqrt(-z_j)} for the {@code N}
 * roots {@code z_j} of {@code P_N}. The stable factor is {@code D(s) = sqrt(1/N!) prod_j (s - s_j)}, {@code s_j =
 * -sqrt(-z_j)} (principal root negated: {@code Re s_j < 0}), with {@code D(s) D(-s) = P_N(-s^2)} and real
 * coefficients {@code d_0 .. d_N} ({@code d_0 = 1}). The roots {@code z_j} are the eigenvalues of the companion matrix
 * of the monic {@code N! P_N} (EJML), each polished by three Newton steps on {@code P_N}.
 *
 * <p><b>Unit system</b> (dimensionless time {@code tau = 2 t / l}, so its angular frequency is {@code u}): companion
 * form with state {@code x = (f, f', .., f^(N-1))}, {@code F = } ones on the super-diagonal and last row {@code -d_k /
 * d_N}, {@code L = e_(N-1) / d_N}, unit white noise, output {@code f = x_0}: output spectrum {@code 1 / P_N(u^2)}. Its
 * stationary covariance {@code Pinf} solves {@code F Pinf + Pinf F^T + L L^T = 0} (Kronecker form, solved once), and
 * {@code Pinf_00 = (1/2 pi) integral du / P_N(u^2)}. Choosing the noise density {@code q = s2 / Pinf_00} makes the
 * stationary variance exactly {@code s2}; in whitened coordinates this is automatic. The unit-area envelope spectrum
 * per Hz that is actually sampled is therefore
 *
 * <pre>
 *   E_N(f) = l / (2 Pinf_00 P_N((pi l f)^2))     (E_N -> sqrt(pi) l exp(-(pi l f)^2) as N -> inf)
 * </pre>
 *
 * <p><b>Whitened coordinates.</b> {@code Lp = chol(Pinf)}, {@code Fw = Lp^-1 F Lp}, output weights {@code h = (row 0
 * of Lp) / sqrt(Pinf_00) = e_0}. These coordinates are then rotated by a constant orthogonal {@code U}, the orthonormalised
 * Krylov basis of {@code (Lw, Fw Lw, Fw^2 Lw, ..)}, {@code Lw = Lp^-1 L}: {@code Fw <- U^T Fw U}, {@code h <- U^T e_0}
 * (a rotation keeps the state white). In that basis {@code Qw} below is graded like the Matern case, {@code Qw_ij ~
 * a^(i+j+1)}, so an unpivoted Cholesky meets the largest pivots first and the pivots dropped as rounding noise leave a
 * residual of rounding size. A lengthscale {@code l} only rescales time,
 * so for a sample step {@code dt} the exact discretisation is {@code Aw = expm(Fw a)} with {@code a = 2 dt / l}, and
 * {@code Qw = I - Aw Aw^T} keeps the whitened state exactly stationary ({@code cov = I}) whatever {@code l} does from
 * block to block. {@code Aw} is full (complex poles), so the sampler runs a full-matrix update.
 *
 * <p><b>Per call</b> ({@link #discretise}, no allocation): {@code expm} by scaling and squaring ({@code ||Fw a||_1 /
 * 2^s <= 1/2}, Taylor series to {@code 1e-18}); {@code Qw = I - Aw Aw^T}; {@code Lq} by a Cholesky factorisation that
 * zeroes pivots below {@code 64 eps}: for small {@code a} the eigenvalues of {@code Qw} scale as {@code a, a^3, ..,
 * a^(2N-1)} and the smallest are below rounding; dropping them changes the noise covariance by about {@code 1e-16} per
 * step (far below audibility) while {@code Aw Aw^T + Lq Lq^T = I} still holds to rounding. A pivot below {@code -1e-9}
 * is a genuine failure and returns false.
 *
 * <p><b>Conditioning.</b> The roots of {@code P_N} grow about linearly in {@code N} and {@code Pinf} of the companion
 * form spans many decades; measured in {@code SeFactorisationTest} up to {@code N = 10} (see docs/SE-FACTORISATION.md).
 *
 * <p>Not thread-safe (one workspace per instance).
 */
public final class TaylorSeSde {
    /** Orders accepted. */
    public static final int MIN_ORDER = 1;

    public static final int MAX_ORDER = 10;

    /** Default order (the choice: 12 real states per complex component). */
    public static final int DEFAULT_ORDER = 6;

    /** Steps {@code a = 2 dt / l} above this are clamped (the component is white at the sample rate). */
    static final double MAX_STEP = 200.0;

    private static final double PIVOT_ZERO = 64 * 2.220446049250313e-16;
    private static final double PIVOT_FAIL = -1e-9;

    /** Order {@code N}. */
    public final int n;
    /** Denominator {@code D(s) = sum d_k s^k}, {@code (N + 1)}. */
    private final double[] d;
    /** Poles {@code s_j} of the unit system, real and imaginary parts, {@code (N)} each. */
    private final double[] poleRe;

    private final double[] poleIm;
    /** {@code Pinf_00} of the unit system with unit noise. */
    private final double unitVariance;
    /** Whitened drift {@code Fw} in the Krylov basis, {@code (N, N)} row-major. */
    private final double[] fw;
    /** Output weights {@code h = U^T e_0}, {@code (N)}, unit norm. */
    private final double[] h;
    /** Largest {@code |F Pinf + Pinf F^T + L L^T|} entry relative to {@code max |Pinf|}. */
    private final double lyapunovResidual;

    // workspace, (N, N) each
    private final double[] ex;
    private final double[] term;
    private final double[] tmp;

    public TaylorSeSde(int n) {
        if (n < MIN_ORDER || n > MAX_ORDER) {
            throw new IllegalArgumentException("order must be " + MIN_ORDER + ".." + MAX_ORDER + ": " + n);
        }
        this.n = n;
        ex = new double[n * n];
        term = new double[n * n];
        tmp = new double[n * n];

        // roots z_j of P_N(z) = sum z^k / k!: companion matrix of the monic N! P_N
        double[] pc = new double[n + 1]; // P_N coefficients
        double f = 1;
        for (int k = 0; k <= n; k++) {
            if (k > 0) f *= k;
            pc[k] = 1.0 / f;
        }
        double nFact = f;
        DMatrixRMaj comp = new DMatrixRMaj(n, n);
        for (int i = 1; i < n; i++) comp.set(i, i - 1, 1.0);
        for (int i = 0; i < n; i++) comp.set(i, n - 1, -pc[i] * nFact);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(comp)) throw new IllegalStateException("companion eigen-decomposition failed, N = " + n);
        if (eig.getNumberOfEigenvalues() != n) throw new IllegalStateException("eigenvalues missing, N = " + n);
        poleRe = new double[n];
        poleIm = new double[n];
        for (int j = 0; j < n; j++) {
            Complex_F64 z = eig.getEigenvalue(j);
            double zr = z.real;
            double zi = z.imaginary;
            for (int it = 0; it < 3; it++) { // Newton polish: z <- z - P(z) / P'(z), Horner
                double vr = pc[n], vi = 0, dr = 0, di = 0;
                for (int k = n - 1; k >= 0; k--) {
                    double t = dr * zr - di * zi + vr;
                    di = dr * zi + di * zr + vi;
                    dr = t;
                    t = vr * zr - vi * zi + pc[k];
                    vi = vr * zi + vi * zr;
                    vr = t;
                }
                double den = dr * dr + di * di;
                if (!(den > 0)) break;
                zr -= (vr * dr + vi * di) / den;
                zi -= (vi * dr - vr * di) / den;
            }
            // s_j = -sqrt(-z_j), principal square root
            double wr = -zr;
            double wi = -zi;
            double r = Math.hypot(wr, wi);
            double sr = Math.sqrt(Math.max(0, (r + wr) / 2));
            double si = Math.copySign(Math.sqrt(Math.max(0, (r - wr) / 2)), wi);
            poleRe[j] = -sr;
            poleIm[j] = -si;
        }
        // D(s) = sqrt(1/N!) prod (s - s_j), real coefficients
        double[] cr = new double[n + 1];
        double[] ci = new double[n + 1];
        cr[0] = 1;
        for (int j = 0; j < n; j++) {
            for (int k = j + 1; k >= 0; k--) {
                double nr = (k > 0 ? cr[k - 1] : 0) - (poleRe[j] * cr[k] - poleIm[j] * ci[k]);
                double ni = (k > 0 ? ci[k - 1] : 0) - (poleRe[j] * ci[k] + poleIm[j] * cr[k]);
                cr[k] = nr;
                ci[k] = ni;
            }
        }
        d = new double[n + 1];
        double aN = Math.sqrt(1.0 / nFact);
        for (int k = 0; k <= n; k++) d[k] = aN * cr[k];

        // companion SDE of the unit system and its stationary covariance (Kronecker form of the Lyapunov equation)
        double[] fm = new double[n * n];
        for (int i = 0; i + 1 < n; i++) fm[i * n + i + 1] = 1.0;
        for (int k = 0; k < n; k++) fm[(n - 1) * n + k] = -d[k] / d[n];
        double lLast = 1.0 / d[n];
        int nn = n * n;
        DMatrixRMaj kron = new DMatrixRMaj(nn, nn);
        DMatrixRMaj rhs = new DMatrixRMaj(nn, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int row = i * n + j;
                for (int k = 0; k < n; k++) {
                    kron.add(row, k * n + j, fm[i * n + k]);
                    kron.add(row, i * n + k, fm[j * n + k]);
                }
                if (i == n - 1 && j == n - 1) rhs.set(row, -lLast * lLast);
            }
        }
        DMatrixRMaj sol = new DMatrixRMaj(nn, 1);
        if (!CommonOps_DDRM.solve(kron, rhs, sol)) throw new IllegalStateException("Lyapunov solve failed, N = " + n);
        double[] pinf = new double[nn];
        double pmax = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pinf[i * n + j] = 0.5 * (sol.get(i * n + j) + sol.get(j * n + i));
                pmax = Math.max(pmax, Math.abs(pinf[i * n + j]));
            }
        }
        double res = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = (i == n - 1 && j == n - 1) ? lLast * lLast : 0;
                for (int k = 0; k < n; k++) s += fm[i * n + k] * pinf[k * n + j] + pinf[i * n + k] * fm[j * n + k];
                res = Math.max(res, Math.abs(s));
            }
        }
        lyapunovResidual = res / pmax;
        unitVariance = pinf[0];
        // Lp = chol(Pinf), Fw = Lp^-1 F Lp
        double[] lp = new double[nn];
        for (int j = 0; j < n; j++) {
            double dd = pinf[j * n + j];
            for (int k = 0; k < j; k++) dd -= lp[j * n + k] * lp[j * n + k];
            if (!(dd > 0)) throw new IllegalStateException("stationary covariance not positive definite, N = " + n);
            dd = Math.sqrt(dd);
            lp[j * n + j] = dd;
            for (int i = j + 1; i < n; i++) {
                double s = pinf[i * n + j];
                for (int k = 0; k < j; k++) s -= lp[i * n + k] * lp[j * n + k];
                lp[i * n + j] = s / dd;
            }
        }
        double[] flp = new double[nn];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += fm[i * n + k] * lp[k * n + j];
                flp[i * n + j] = s;
            }
        }
        double[] fw0 = new double[nn];
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < n; i++) {
                double s = flp[i * n + c];
                for (int k = 0; k < i; k++) s -= lp[i * n + k] * fw0[k * n + c];
                fw0[i * n + c] = s / lp[i * n + i];
            }
        }
        // Krylov basis U (columns): Gram-Schmidt, twice, of Lw, Fw Lw, Fw^2 Lw, .. with Lw = Lp^-1 L
        double[] u = new double[nn];
        double[] v = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double s = i == n - 1 ? lLast : 0.0;
            for (int k = 0; k < i; k++) s -= lp[i * n + k] * v[k];
            v[i] = s / lp[i * n + i];
        }
        for (int c = 0; c < n; c++) {
            if (c > 0) { // next Krylov direction: Fw times the previous basis vector
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) s += fw0[i * n + k] * u[k * n + c - 1];
                    w[i] = s;
                }
                System.arraycopy(w, 0, v, 0, n);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < c; b++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += u[i * n + b] * v[i];
                    for (int i = 0; i < n; i++) v[i] -= dot * u[i * n + b];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += v[i] * v[i];
            norm = Math.sqrt(norm);
            if (!(norm > 1e-12)) throw new IllegalStateException("Krylov basis degenerate, N = " + n);
            for (int i = 0; i < n; i++) u[i * n + c] = v[i] / norm;
        }
        // Fw = U^T Fw0 U, h = U^T e_0
        fw = new double[nn];
        h = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = u[i];
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    double t = 0;
                    for (int m = 0; m < n; m++) t += fw0[k * n + m] * u[m * n + j];
                    s += u[k * n + i] * t;
                }
                fw[i * n + j] = s;
            }
        }
    }

    /** Whitened output weight {@code h_j} (unit norm). */
    public double h(int j) {
        return h[j];
    }

    /** Coefficient {@code d_k} of the stable factor {@code D(s)} of the unit system. */
    public double denominator(int k) {
        return d[k];
    }

    /** Real part of pole {@code j} of the unit system (negative). */
    public double poleRe(int j) {
        return poleRe[j];
    }

    /** Imaginary part of pole {@code j} of the unit system. */
    public double poleIm(int j) {
        return poleIm[j];
    }

    /** {@code Pinf_00 = (1/2 pi) integral du / P_N(u^2)} of the unit system with unit noise. */
    public double unitVariance() {
        return unitVariance;
    }

    /** Largest Lyapunov residual entry relative to the largest {@code |Pinf|} entry (a conditioning measure). */
    public double lyapunovResidual() {
        return lyapunovResidual;
    }

    /** {@code P_N(z) = sum_{k<=N} z^k / k!}. */
    public double taylor(double z) {
        double s = 1;
        double t = 1;
        for (int k = 1; k <= n; k++) {
            t *= z / k;
            s += t;
        }
        return s;
    }

    /** Unit-area envelope spectrum per Hz that is sampled: {@code E_N(f) = l / (2 Pinf_00 P_N((pi l f)^2))}. */
    public double envelopePsd(double fHz, double lS) {
        double u = Math.PI * lS * fHz;
        return lS / (2.0 * unitVariance * taylor(u * u));
    }

    /**
     * Unit-variance envelope covariance {@code k_N(r) = h expm(Fw tau) h^T}, {@code tau = 2 |r| / l}. Uses the workspace
     * (not thread-safe), allocates nothing.
     */
    public double envelopeCovariance(double rS, double lS) {
        expm(2.0 * Math.abs(rS) / lS);
        double c = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += ex[i * n + j] * h[j];
            c += h[i] * s;
        }
        return c;
    }

    /**
     * Writes the whitened transition {@code Aw = expm(Fw a)} (full) and {@code Lq} with {@code Lq Lq^T = I - Aw Aw^T}
     * (lower triangular, upper part written as 0) for step {@code a = 2 dt / l} (clamped to {@code [0, 200]}) into
     * {@code aw[off .. off + N*N)} and {@code lq[off .. off + N*N)}, row-major. No allocation.
     *
     * @return false if {@code a} is not a number or {@code I - Aw Aw^T} is not positive semi-definite (outputs then
     *     undefined; keep the previous ones)
     */
    public boolean discretise(double a, double[] aw, double[] lq, int off) {
        if (!(a >= 0)) return false;
        if (a > MAX_STEP) a = MAX_STEP;
        expm(a);
        final int nn = n * n;
        System.arraycopy(ex, 0, aw, off, nn);
        // Qw = I - Aw Aw^T (lower part) into tmp
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = i == j ? 1.0 : 0.0;
                for (int k = 0; k < n; k++) s -= ex[i * n + k] * ex[j * n + k];
                tmp[i * n + j] = s;
            }
        }
        // Cholesky, zeroing pivots that are rounding noise
        for (int j = 0; j < n; j++) {
            double dd = tmp[j * n + j];
            for (int k = 0; k < j; k++) dd -= lq[off + j * n + k] * lq[off + j * n + k];
            if (!(dd >= PIVOT_FAIL)) return false;
            for (int k = j + 1; k < n; k++) lq[off + j * n + k] = 0.0;
            if (dd <= PIVOT_ZERO) {
                for (int i = j; i < n; i++) lq[off + i * n + j] = 0.0;
                continue;
            }
            dd = Math.sqrt(dd);
            lq[off + j * n + j] = dd;
            for (int i = j + 1; i < n; i++) {
                double s = tmp[i * n + j];
                for (int k = 0; k < j; k++) s -= lq[off + i * n + k] * lq[off + j * n + k];
                lq[off + i * n + j] = s / dd;
            }
        }
        return true;
    }

    /** {@code ex = expm(Fw a)} by scaling and squaring of the Taylor series. */
    private void expm(double a) {
        final int nn = n * n;
        double norm = 0;
        for (int c = 0; c < n; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.abs(fw[i * n + c]);
            norm = Math.max(norm, s);
        }
        norm *= a;
        int sq = 0;
        double scale = a;
        while (norm > 0.5 && sq < 60) {
            norm *= 0.5;
            scale *= 0.5;
            sq++;
        }
        // ex = sum_k (Fw scale)^k / k!
        for (int i = 0; i < nn; i++) {
            ex[i] = 0.0;
            term[i] = 0.0;
        }
        for (int i = 0; i < n; i++) {
            ex[i * n + i] = 1.0;
            term[i * n + i] = 1.0;
        }
        for (int k = 1; k <= 30; k++) {
            double c = scale / k;
            double big = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int m = 0; m < n; m++) s += term[i * n + m] * fw[m * n + j];
                    s *= c;
                    tmp[i * n + j] = s;
                    big = Math.max(big, Math.abs(s));
                }
            }
            for (int i = 0; i < nn; i++) {
                term[i] = tmp[i];
                ex[i] += tmp[i];
            }
            if (big < 1e-18) break;
        }
        for (int r = 0; r < sq; r++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int m = 0; m < n; m++) s += ex[i * n + m] * ex[m * n + j];
                    tmp[i * n + j] = s;
                }
            }
            System.arraycopy(tmp, 0, ex, 0, nn);
        }
    }
}
