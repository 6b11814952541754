package org.gpvoice.dsp.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianSourceTest {
    private static final int N = 2_000_000;

    @Test
    void shouldRepeatTheSequenceForTheSameSeed() {
        GaussianSource a = new GaussianSource(42L);
        GaussianSource b = new GaussianSource(42L);
        double[] x = new double[10_000];
        double[] y = new double[10_000];
        a.fill(x, 0, x.length);
        for (int i = 0; i < y.length; i++) y[i] = b.next();
        assertArrayEquals(x, y, 0.0, "fill and next give the same draws");
        a.reseed(42L);
        double[] z = new double[10_000];
        z[0] = a.next();
        a.fill(z, 1, z.length - 1);
        assertArrayEquals(x, z, 0.0, "reseed restarts the sequence");
    }

    @Test
    void shouldDifferForDifferentSeeds() {
        double[] x = new double[1000];
        double[] y = new double[1000];
        new GaussianSource(1L).fill(x, 0, x.length);
        new GaussianSource(2L).fill(y, 0, y.length);
        int equal = 0;
        for (int i = 0; i < x.length; i++) if (x[i] == y[i]) equal++;
        assertEquals(0, equal);
        assertFalse(Arrays.equals(x, y));
    }

    @Test
    void shouldBuildLayersOfEqualArea() {
        double v = GaussianSource.layerArea(1);
        for (int i = 0; i < 256; i++) assertEquals(v, GaussianSource.layerArea(i), 1e-12 * v, "layer " + i);
        assertEquals(3.6541528853610088, GaussianSource.tailStart(), 1e-9, "Marsaglia and Tsang's r");
        assertEquals(0.00492867323399, v, 1e-13, "Marsaglia and Tsang's v");
        assertEquals(0.0, GaussianSource.width(256), 0.0);
        // The base strip's virtual rectangle equals the true base: r f(r) + integral_r^inf f.
        double r = GaussianSource.width(1);
        double tail = Math.sqrt(Math.PI / 2) * (1.0 - erf(r / Math.sqrt(2)));
        assertEquals(v, r * Math.exp(-0.5 * r * r) + tail, 1e-12 * v);
        // The top layer closes the ziggurat: its upper edge is f(0) = 1.
        assertEquals(v, GaussianSource.width(255) * (1.0 - Math.exp(-0.5 * sq(GaussianSource.width(255)))), 1e-12 * v);
    }

    @Test
    void shouldHaveStandardNormalMoments() {
        double[] x = draws(7L);
        double m1 = 0;
        for (double v : x) m1 += v;
        m1 /= N;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        double lag = 0;
        int tails = 0;
        for (int i = 0; i < N; i++) {
            double d = x[i] - m1;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
            if (i > 0) lag += (x[i - 1] - m1) * d;
            if (Math.abs(x[i]) > 3.0) tails++;
        }
        m2 /= N;
        m3 /= N;
        m4 /= N;
        double skew = m3 / Math.pow(m2, 1.5);
        double kurt = m4 / (m2 * m2);
        double rho = lag / (N - 1) / m2;
        // Standard errors at n = 2e6: mean 7e-4, variance 1e-3, skewness 1.7e-3, kurtosis 3.5e-3, lag-1 7e-4.
        assertEquals(0.0, m1, 0.005);
        assertEquals(1.0, m2, 0.005);
        assertEquals(0.0, skew, 0.01);
        assertEquals(3.0, kurt, 0.03);
        assertEquals(0.0, rho, 0.003);
        // P(|x| > 3) = erfc(3 / sqrt 2) = 0.0026998; 5400 expected, sd 73 (1.4%).
        double frac = tails / (double) N;
        assertEquals(0.0026998, frac, 0.1 * 0.0026998);
    }

    @Test
    void shouldPassKolmogorovSmirnovAgainstTheNormalCdf() {
        double[] x = draws(11L);
        Arrays.sort(x);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double c = phi(x[i]);
            d = Math.max(d, Math.max(c - i / (double) N, (i + 1) / (double) N - c));
        }
        // The 5% critical value at n = 2e6 is 1.36 / sqrt(n) = 9.6e-4; 0.002 corresponds to p ~ 1e-7.
        assertTrue(d < 0.002, "KS statistic " + d);
    }

    @Test
    void shouldFillWithoutAllocating() {
        GaussianSource g = new GaussianSource(3L);
        double[] buf = new double[4096];
        for (int i = 0; i < 2000; i++) g.fill(buf, 0, buf.length); // warm-up (JIT)
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        double s = 0;
        for (int i = 0; i < 1000; i++) {
            g.fill(buf, 0, buf.length);
            s += g.next();
        }
        long after = mx.getThreadAllocatedBytes(tid);
        assertTrue(Double.isFinite(s));
        assertTrue(after - before < 1024, "allocated " + (after - before) + " bytes");
    }

    @Test
    void shouldComputeErfToBetterThan1e7() {
        // Reference values (Abramowitz and Stegun table 7.1 / high-precision evaluation).
        assertEquals(0.5204998778130465, erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, erf(1.0), 1e-15);
        assertEquals(0.9953222650189527, erf(2.0), 1e-15);
        assertEquals(0.9999779095030014, erf(3.0), 1e-15);
        assertEquals(-0.8427007929497149, erf(-1.0), 1e-15);
        assertEquals(0.0026997960632601866, 1.0 - erf(3.0 / Math.sqrt(2.0)), 1e-14);
    }

    private static double[] draws(long seed) {
        double[] x = new double[N];
        new GaussianSource(seed).fill(x, 0, N);
        return x;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Standard normal CDF. */
    private static double phi(double x) {
        return 0.5 * (1.0 + erf(x / Math.sqrt(2.0)));
    }

    /**
     * erf by the non-alternating series {@code erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1))}:
     * all terms positive (no cancellation), so the relative error stays near machine precision; +-1 beyond |x| = 6.
     */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax > 6.0) return Math.signum(x);
        double term = ax;
        double sum = ax;
        double x2 = ax * ax;
        for (int n = 1; n < 500; n++) {
            term *= 2.0 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) break;
        }
        double r = 2.0 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
        return x < 0 ? -r : r;
    }
}
