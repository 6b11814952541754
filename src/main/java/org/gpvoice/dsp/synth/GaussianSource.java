package org.gpvoice.dsp.synth;

/**
 * Fast, seeded standard-normal generator for the audio path: xoshiro256** bits, Marsaglia-Tsang ziggurat shape.
 *
 * <p><b>Bits.</b> xoshiro256** (Blackman and Vigna 2018), 256-bit state seeded from a {@code long} through four
 * SplitMix64 outputs (never all zero).
 *
 * <p><b>Ziggurat</b> (Marsaglia and Tsang 2000, 256 layers) on {@code f(x) = exp(-x^2/2)} with {@code r = x_1 =
 * 3.6541528853610088} and layer area {@code v = 0.00492867323399}: layer 0 is the base strip (the rectangle {@code [0, r]
 * x [0, f(r)]} plus the tail beyond {@code r}, written as a rectangle of virtual width {@code x_0 = v / f(r)}); layers
 * {@code i >= 1} are the rectangles {@code [0, x_i] x [f(x_i), f(x_(i+1))]} with {@code x_(i+1) = f^-1(v / x_i +
 * f(x_i))} and {@code x_256 = 0}. Each draw takes one 64-bit word: bits 0-7 pick the layer {@code i}, bits 11-63 give a
 * signed uniform {@code u} in {@code [-1, 1)} (53 bits), {@code x = u x_i}.
 *
 * <ul>
 *   <li>{@code |u| < x_(i+1) / x_i}: inside the layer's core, return {@code x} (about 99% of draws).
 *   <li>{@code i = 0}: the tail, by Marsaglia's method: {@code a = -ln(U1)/r, b = -ln(U2)} until {@code 2b > a^2};
 *       return {@code +-(r + a)}.
 *   <li>otherwise the wedge: accept {@code x} if {@code f(x_i) + U (f(x_(i+1)) - f(x_i)) < f(x)}, else start over.
 * </ul>
 *
 * <p>No allocation after construction; not thread-safe (one instance per thread).
 */
public final class GaussianSource {
    private static final int LAYERS = 256;
    /** Start of the tail {@code x_1}, solved at class load so the ziggurat closes exactly (3.6541528853610088...). */
    private static final double R;
    /** Area of every layer (about 0.00492867323399). */
    private static final double V;
    /** Layer widths {@code x_i}, {@code (LAYERS + 1)}. */
    private static final double[] X = new double[LAYERS + 1];
    /** {@code f(x_i)}, {@code (LAYERS + 1)}. */
    private static final double[] F = new double[LAYERS + 1];
    /** Core test {@code x_(i+1) / x_i}, {@code (LAYERS)}. */
    private static final double[] CORE = new double[LAYERS];

    private static final double TWO_M52 = 0x1.0p-52;
    private static final double TWO_M53 = 0x1.0p-53;

    static {
        // Bisect r so that, with v = r f(r) + integral_r^inf f, the recursion ends at f(x_256) = 1.
        double lo = 3.5;
        double hi = 3.8;
        for (int it = 0; it < 200 && hi - lo > 0; it++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) break;
            if (topEdge(mid) > 1.0) lo = mid; // layers too thick: the tail must start further out
            else hi = mid;
        }
        R = lo;
        V = baseArea(R);
        X[0] = V / Math.exp(-0.5 * R * R);
        X[1] = R;
        for (int i = 1; i < LAYERS - 1; i++)
            X[i + 1] = Math.sqrt(-2.0 * Math.log(V / X[i] + Math.exp(-0.5 * X[i] * X[i])));
        X[LAYERS] = 0.0;
        for (int i = 0; i <= LAYERS; i++) F[i] = Math.exp(-0.5 * X[i] * X[i]);
        for (int i = 0; i < LAYERS; i++) CORE[i] = X[i + 1] / X[i];
    }

    /** {@code r f(r) + integral_r^inf exp(-x^2/2) dx}, the tail by its continued fraction (Mills' ratio). */
    private static double baseArea(double r) {
        double cf = r;
        for (int k = 300; k >= 1; k--) cf = r + k / cf;
        double fr = Math.exp(-0.5 * r * r);
        return r * fr + fr / cf;
    }

    /** {@code f(x_256)} reached by the layer recursion from tail start {@code r} (1 when the ziggurat closes). */
    private static double topEdge(double r) {
        double v = baseArea(r);
        double x = r;
        for (int i = 1; ; i++) {
            double y = v / x + Math.exp(-0.5 * x * x); // f(x_(i+1))
            if (i == LAYERS - 1) return y;
            if (y >= 1.0) return 2.0; // closed before the last layer: layers too thick
            x = Math.sqrt(-2.0 * Math.log(y));
        }
    }

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    public GaussianSource(long seed) {
        reseed(seed);
    }

    /** Restarts the sequence: the same seed always gives the same draws. */
    public void reseed(long seed) {
        long z = seed;
        z += 0x9e3779b97f4a7c15L;
        s0 = mix(z);
        z += 0x9e3779b97f4a7c15L;
        s1 = mix(z);
        z += 0x9e3779b97f4a7c15L;
        s2 = mix(z);
        z += 0x9e3779b97f4a7c15L;
        s3 = mix(z);
    }

    /** SplitMix64 output function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Next 64 random bits (xoshiro256**). */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextUniform() {
        return (nextLong() >>> 11) * TWO_M53;
    }

    /** Next standard-normal draw. */
    public double next() {
        long b = nextLong();
        int i = (int) b & (LAYERS - 1);
        double u = (b >> 11) * TWO_M52;
        if (Math.abs(u) < CORE[i]) return u * X[i];
        return slow(i, u);
    }

    /**
     * Fills {@code out[off .. off + len)} with independent standard-normal draws (the same values {@code len} calls of
     * {@link #next} would give).
     */
    public void fill(double[] out, int off, int len) {
        long a0 = s0;
        long a1 = s1;
        long a2 = s2;
        long a3 = s3;
        int end = off + len;
        for (int k = off; k < end; k++) {
            long b = Long.rotateLeft(a1 * 5, 7) * 9;
            long t = a1 << 17;
            a2 ^= a0;
            a3 ^= a1;
            a1 ^= a2;
            a0 ^= a3;
            a2 ^= t;
            a3 = Long.rotateLeft(a3, 45);
            int i = (int) b & (LAYERS - 1);
            double u = (b >> 11) * TWO_M52;
            if (Math.abs(u) < CORE[i]) {
                out[k] = u * X[i];
            } else {
                s0 = a0;
                s1 = a1;
                s2 = a2;
                s3 = a3;
                out[k] = slow(i, u);
                a0 = s0;
                a1 = s1;
                a2 = s2;
                a3 = s3;
            }
        }
        s0 = a0;
        s1 = a1;
        s2 = a2;
        s3 = a3;
    }

    /** Tail or wedge for a draw that missed the core of layer {@code i}; loops until a value is accepted. */
    private double slow(int i, double u) {
        for (; ; ) {
            if (i == 0) {
                double a;
                double b;
                do {
                    a = -Math.log(((nextLong() >>> 11) + 1) * TWO_M53) / R;
                    b = -Math.log(((nextLong() >>> 11) + 1) * TWO_M53);
                } while (b + b < a * a);
                return u < 0 ? -(R + a) : R + a;
            }
            double x = u * X[i];
            if (F[i] + nextUniform() * (F[i + 1] - F[i]) < Math.exp(-0.5 * x * x)) return x;
            long bits = nextLong();
            i = (int) bits & (LAYERS - 1);
            u = (bits >> 11) * TWO_M52;
            if (Math.abs(u) < CORE[i]) return u * X[i];
        }
    }

    /** For tests: {@code x_i (f(x_(i+1)) - f(x_i))} for {@code i >= 1}, {@code x_0 f(r)} for the base strip. */
    static double layerArea(int i) {
        return i == 0 ? X[0] * F[1] : X[i] * (F[i + 1] - F[i]);
    }

    static double width(int i) {
        return X[i];
    }

    static double tailStart() {
        return R;
    }
}
