package org.gpvoice.dsp.synth;

import org.gpvoice.dsp.model.Kernel;

/**
 * The Matern-(n-1/2) envelope as a repeated-pole linear SDE, and its exact discretisation in whitened coordinates.
 *
 * <p><b>Continuous model</b> ({@code n = 1..6}, decay rate {@code lam} in 1/s): {@code dx/dt = F x + L w(t)} with
 * {@code F = -lam I + J} ({@code J}: ones on the sub-diagonal), {@code L = e_0}, unit white-noise spectral density,
 * output {@code x_(n-1)}. The transfer function is {@code 1/(s + lam)^n}, so the output spectrum is proportional to
 * {@code (lam^2 + 4 pi^2 f^2)^-n}; normalised to unit variance,
 *
 * <pre>
 *   E_n(f) = c_n lam^(2n-1) / (lam^2 + 4 pi^2 f^2)^n,  c_n = 2 * 4^(n-1) / binom(2n-2, n-1)  (2, 4, 16/3, ...)
 *   k_n(r) = e^(-lam|r|) (n-1)!/(2n-2)! * sum_{i=0}^{n-1} (n-1+i)! / (i! (n-1-i)!) (2 lam |r|)^(n-1-i)
 *   FWHM   = lam sqrt(2^(1/n) - 1) / pi.
 * </pre>
 *
 * <p><b>Stationary covariance</b> (0-based): {@code Pinf_ij = (i+j)! / (i! j! (2 lam)^(i+j+1))}, i.e. {@code Pinf = D C
 * D / (2 lam)} with {@code D = diag((2 lam)^-i)} and the symmetric Pascal matrix {@code C_ij = binom(i+j, i)}, whose
 * Cholesky factor is the lower Pascal matrix {@code P_ij = binom(i, j)}. So {@code Lp = chol(Pinf) = D P / sqrt(2 lam)}
 * in closed form, and the whitened output weights {@code h = (row n-1 of Lp) / sqrt(Pinf_(n-1,n-1)) = binom(n-1, j) /
 * sqrt(binom(2n-2, n-1))} do not depend on {@code lam}.
 *
 * <p><b>Exact discretisation</b> at step {@code dt}, with {@code a = lam dt}: {@code A = e^(-a) sum_k (J dt)^k / k!}. In
 * whitened coordinates ({@code x = Lp z}):
 *
 * <pre>
 *   Aw = Lp^-1 A Lp = e^(-a) P^-1 exp(2a J) P = e^(-a) sum_{k<n} a^k (2M)^k / k!,  M = P^-1 J P (strictly lower)
 *   Qw = I - Aw Aw^T = P^-1 Q' P^-T,   Q'_ij = gamma(i+j+1, 2a) / (i! j!)   (lower incomplete gamma)
 * </pre>
 *
 * <p>{@code Q'} follows from {@code Q = integral_0^dt e^(Fs) L L^T e^(F^T s) ds}, {@code (e^(Fs) L)_i = e^(-lam s)
 * s^i / i!}. {@code Qw} has eigenvalues of order {@code a, a^3, ..., a^(2n-1)}, far below rounding for small {@code a}
 * if formed as {@code I - Aw Aw^T}; instead, with {@code x = 2a}, {@code g = min(x, 1)} and {@code G = diag(g^i)},
 * {@code Q' = x G R G} where {@code R_ij = c_(i+j) (x/g)^(i+j) / (i! j!)}, {@code c_m = gamma(m+1, x) / x^(m+1)} (which
 * tends to {@code 1/(m+1)} as {@code x -> 0}): a well-conditioned matrix for every {@code a}. Then {@code Lq = chol(Qw)
 * = sqrt(x) P^-1 G chol(R)} (lower triangular, positive diagonal). {@code c_m} comes from the series {@code c_M =
 * e^-x sum_k x^k / ((M+1)...(M+1+k))} at the top order and the stable downward recurrence {@code c_m = (x c_(m+1) +
 * e^-x) / (m+1)} (all terms positive); for {@code x > 30} from {@code gamma(m+1, x) = m! (1 - e^-x sum_(k<=m) x^k/k!)}.
 *
 * <p>Instances hold the constant matrices for one order and a small workspace; {@link #discretise} does not allocate.
 * Not thread-safe.
 */
public final class MaternSde {
    /** Largest supported order. */
    public static final int MAX_ORDER = 6;

    /** Above this {@code a = lam dt} the component is white at the sample rate; larger values are clamped to it. */
    static final double MAX_STEP = 200.0;

    private static final double TWO_PI = 2.0 * Math.PI;

    /** Order {@code n}. */
    public final int n;
    /** Whitened output weights {@code h}, {@code (n)}, unit norm. */
    private final double[] h;
    /** Whitened slope weights {@code dh = (2M)^T h - h}, {@code (n)}: see {@link #dh}. */
    private final double[] dh;
    /** {@code P^-1}, {@code (n, n)} row-major. */
    private final double[] pinv;
    /** {@code (2M)^k / k!} for {@code k = 0..n-1}, {@code (n, n, n)}. */
    private final double[] mk;
    // workspace
    private final double[] c = new double[2 * MAX_ORDER - 1];
    private final double[] r = new double[MAX_ORDER * MAX_ORDER];
    private final double[] gpow = new double[MAX_ORDER];
    private final double[] apow = new double[MAX_ORDER];
    private static final double[] FACT = {1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800};

    public MaternSde(int n) {
        if (n < 1 || n > MAX_ORDER) throw new IllegalArgumentException("order must be 1.." + MAX_ORDER + ": " + n);
        this.n = n;
        h = new double[n];
        double norm = Math.sqrt(binom(2 * n - 2, n - 1));
        for (int j = 0; j < n; j++) h[j] = binom(n - 1, j) / norm;
        double[] p = new double[n * n];
        pinv = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                p[i * n + j] = binom(i, j);
                pinv[i * n + j] = ((i - j) % 2 == 0 ? 1 : -1) * binom(i, j);
            }
        }
        // M = P^-1 J P, then (2M)^k / k!
        double[] jp = new double[n * n];
        for (int i = 1; i < n; i++) System.arraycopy(p, (i - 1) * n, jp, i * n, n);
        double[] m2 = mul(pinv, jp, n);
        for (int i = 0; i < n * n; i++) m2[i] *= 2.0;
        dh = new double[n];
        for (int j = 0; j < n; j++) {
            double v = -h[j];
            for (int i = 0; i < n; i++) v += h[i] * m2[i * n + j];
            dh[j] = v;
        }
        mk = new double[n * n * n];
        double[] pw = new double[n * n];
        for (int i = 0; i < n; i++) pw[i * n + i] = 1.0;
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n * n; i++) mk[k * n * n + i] = pw[i] / FACT[k];
            pw = mul(pw, m2, n);
        }
    }

    /** Whitened output weight {@code h_j}. */
    public double h(int j) {
        return h[j];
    }

    /**
     * Whitened slope weight {@code dh_j}: the drift of the output is {@code d/dt (h . z) = h . (Fw z) = lam (dh . z)},
     * since {@code Fw = Lp^-1 F Lp = lam (2M - I)} ({@code Lp^-1 J Lp = 2 lam M}). For {@code n >= 2} the output
     * state is differentiable (the noise enters state 0 only) and this is its exact derivative; for {@code n = 1} it is
     * the drift {@code -lam h . z} of a process without a derivative.
     */
    public double dh(int j) {
        return dh[j];
    }

    /**
     * Writes the whitened transition {@code Aw} and noise factor {@code Lq = chol(I - Aw Aw^T)} for step {@code a = lam
     * dt} (clamped to {@code [0, 200]}) into {@code aw[off .. off + n*n)} and {@code lq[off .. off + n*n)}, row-major,
     * lower triangular (upper parts written as 0). No allocation.
     *
     * @return false if the Cholesky factorisation broke down (outputs then undefined; keep the previous ones)
     */
    public boolean discretise(double a, double[] aw, double[] lq, int off) {
        if (!(a >= 0)) return false;
        if (a > MAX_STEP) a = MAX_STEP;
        int nn = n * n;
        // Aw = e^-a sum_k a^k mk[k]
        double ea = Math.exp(-a);
        apow[0] = ea;
        for (int k = 1; k < n; k++) apow[k] = apow[k - 1] * a;
        for (int i = 0; i < nn; i++) {
            double s = 0;
            for (int k = 0; k < n; k++) s += apow[k] * mk[k * nn + i];
            aw[off + i] = s;
        }
        // c_m = gamma(m+1, x) / x^(m+1), m = 0..2n-2
        double x = 2.0 * a;
        int top = 2 * n - 2;
        double ex = Math.exp(-x);
        if (x <= 30.0) {
            double term = 1.0 / (top + 1);
            double sum = term;
            for (int k = 1; k < 1000; k++) {
                term *= x / (top + 1 + k);
                sum += term;
                if (term < 1e-17 * sum) break;
            }
            c[top] = ex * sum;
            for (int m = top - 1; m >= 0; m--) c[m] = (x * c[m + 1] + ex) / (m + 1);
        } else {
            double term = 1.0;
            double partial = 1.0; // sum_{k<=m} x^k / k!
            double xp = x; // x^(m+1)
            for (int m = 0; m <= top; m++) {
                if (m > 0) {
                    term *= x / m;
                    partial += term;
                    xp *= x;
                }
                c[m] = FACT[m] * (1.0 - ex * partial) / xp;
            }
        }
        // R_ij = c_(i+j) (x/g)^(i+j) / (i! j!), G = diag(g^i)
        double g = Math.min(x, 1.0);
        double xg = x > 1.0 ? x : 1.0;
        gpow[0] = 1.0;
        for (int k = 1; k < n; k++) gpow[k] = gpow[k - 1] * g;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                r[i * n + j] = c[i + j] * Math.pow(xg, i + j) / (FACT[i] * FACT[j]);
            }
        }
        // in-place Cholesky of R (lower part)
        for (int j = 0; j < n; j++) {
            double d = r[j * n + j];
            for (int k = 0; k < j; k++) d -= r[j * n + k] * r[j * n + k];
            if (!(d > 0)) return false;
            d = Math.sqrt(d);
            r[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = r[i * n + j];
                for (int k = 0; k < j; k++) s -= r[i * n + k] * r[j * n + k];
                r[i * n + j] = s / d;
            }
        }
        // Lq = sqrt(x) P^-1 G chol(R)
        double sx = Math.sqrt(x);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                if (j <= i) for (int k = j; k <= i; k++) s += pinv[i * n + k] * gpow[k] * r[k * n + j];
                lq[off + i * n + j] = sx * s;
            }
        }
        return true;
    }

    /** State order for {@code kernel}: 1 for Matern-1/2, 2 for Matern-3/2, {@code seOrder} (1..6) for Gaussian. */
    public static int order(Kernel kernel, int seOrder) {
        switch (kernel) {
            case MATERN12:
                return 1;
            case MATERN32:
                return 2;
            case GAUSSIAN:
                if (seOrder < 1 || seOrder > MAX_ORDER) {
                    throw new IllegalArgumentException("seOrder must be 1.." + MAX_ORDER + ": " + seOrder);
                }
                return seOrder;
            default:
                throw new AssertionError(kernel);
        }
    }

    /**
     * Decay rate {@code lam} (1/s) of the order-{@code order(kernel, seOrder)} Matern used for a component of lengthscale
     * {@code lS}: {@code 1/l} (Matern-1/2), {@code sqrt(3)/l} (Matern-3/2), and for the Gaussian the rate whose FWHM
     * equals the Gaussian's: {@code lam = 2 sqrt(ln 2) / (l sqrt(2^(1/n) - 1))}.
     */
    public static double decayRate(Kernel kernel, int seOrder, double lS) {
        switch (kernel) {
            case MATERN12:
                return 1.0 / lS;
            case MATERN32:
                return Math.sqrt(3.0) / lS;
            case GAUSSIAN:
                int n = order(kernel, seOrder);
                return 2.0 * Math.sqrt(Math.log(2.0)) / (lS * Math.sqrt(Math.pow(2.0, 1.0 / n) - 1.0));
            default:
                throw new AssertionError(kernel);
        }
    }

    /** Unit-area envelope spectrum {@code E_n(f)} per Hz of the order-{@code n} Matern with decay rate {@code lam}. */
    public static double envelopePsd(int n, double lam, double fHz) {
        double cn = 2.0 * Math.pow(4.0, n - 1) / binom(2 * n - 2, n - 1);
        double d = (lam * lam + TWO_PI * TWO_PI * fHz * fHz) / (lam * lam);
        return cn / lam / Math.pow(d, n);
    }

    /** Unit-variance envelope covariance {@code k_n(r)} of the order-{@code n} Matern with decay rate {@code lam}. */
    public static double envelopeCovariance(int n, double lam, double rS) {
        int p = n - 1;
        double z = 2.0 * lam * Math.abs(rS);
        double s = 0;
        for (int i = 0; i <= p; i++) s += FACT[p + i] / (FACT[i] * FACT[p - i]) * Math.pow(z, p - i);
        return Math.exp(-0.5 * z) * FACT[p] / FACT[2 * p] * s;
    }

    /** Full width at half maximum (Hz) of {@link #envelopePsd}: {@code lam sqrt(2^(1/n) - 1) / pi}. */
    public static double fwhmHz(int n, double lam) {
        return lam * Math.sqrt(Math.pow(2.0, 1.0 / n) - 1.0) / Math.PI;
    }

    private static double binom(int a, int b) {
        return FACT[a] / (FACT[b] * FACT[a - b]);
    }

    private static double[] mul(double[] x, double[] y, int n) {
        double[] z = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += x[i * n + k] * y[k * n + j];
                z[i * n + j] = s;
            }
        }
        return z;
    }
}
