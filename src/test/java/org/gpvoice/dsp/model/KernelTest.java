package org.gpvoice.dsp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KernelTest {
    private static final double W = 0.7;
    private static final double P_HZ = 440.0;
    private static final double L_S = 0.005;

    /**
     * S(f) against {@code 2 * trapezoid over [0, R] of K(r) cos(2 pi f r)} with R = 40 l and step h = l / 1e5.
     *
     * <p>The trapezoid rule on a function with a kink at 0 (Matern-1/2) errs by about {@code h^2 w / (6 l)}, i.e.
     * {@code 1.7e-11 w l}; at the 1e-6-of-peak threshold ({@code S ~ 1e-6 w l}) that is a relative 1.7e-5. The
     * truncation error at R = 40 l is below {@code e^-40}. The cosine factor comes from a phasor recurrence re-anchored
     * with {@code Math.cos/sin} every 256 steps, so its drift stays near 1e-14.
     */
    @ParameterizedTest
    @EnumSource(Kernel.class)
    void shouldMatchNumericalFourierTransformOfCovariance(Kernel k) {
        double h = L_S * 1e-5;
        int steps = 4_000_000; // R = 40 l
        double[] cov = new double[steps + 1];
        for (int j = 0; j <= steps; j++) cov[j] = k.covariance(j * h, W, P_HZ, L_S);
        // Ends: a dense grid around the peak and a log grid out to 40 kHz.
        double fw = k.fwhmHz(L_S);
        double[] freqs = new double[121 + 60];
        for (int i = 0; i <= 120; i++) freqs[i] = Math.max(0.0, P_HZ + (i - 60) * 0.05 * fw);
        for (int i = 0; i < 60; i++) freqs[121 + i] = 10.0 * Math.pow(4000.0, i / 59.0);
        double peak = k.psd(P_HZ, W, P_HZ, L_S);
        int checked = 0;
        double worst = 0;
        for (double f : freqs) {
            double s = k.psd(f, W, P_HZ, L_S);
            if (s < 1e-6 * peak) continue;
            double num = 2.0 * trapezoidCos(cov, h, f) * h;
            double rel = Math.abs(num - s) / s;
            worst = Math.max(worst, rel);
            checked++;
        }
        assertTrue(checked >= 60, "too few frequencies above the threshold: " + checked);
        assertTrue(worst < 1e-4, k + ": worst relative error " + worst);
    }

    /** {@code cov[0]/2 + sum_{j>=1} cov[j] cos(2 pi f j h) - cov[N]/2}: trapezoid over [0, N h] in units of h. */
    private static double trapezoidCos(double[] cov, double h, double f) {
        int n = cov.length - 1;
        double sum = 0.5 * cov[0];
        double theta = 2.0 * Math.PI * f * h;
        double ic = Math.cos(theta);
        double is = Math.sin(theta);
        double c = 1.0;
        double s = 0.0;
        for (int j = 1; j <= n; j++) {
            if ((j & 255) == 0) {
                c = Math.cos(theta * j);
                s = Math.sin(theta * j);
            } else {
                double c2 = c * ic - s * is;
                s = c * is + s * ic;
                c = c2;
            }
            sum += (j == n ? 0.5 : 1.0) * cov[j] * c;
        }
        return sum;
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void shouldHaveVarianceEqualToWeightAndPsdIntegratingToIt(Kernel k) {
        assertEquals(W, k.covariance(0.0, W, P_HZ, L_S), 1e-15);
        assertEquals(1.0, k.envelope(0.0, L_S), 0.0);
        // integral of S over f: midpoint rule over +-2 MHz (tails of Matern-1/2 fall as 1/f^2: 1e-5 relative left out).
        double df = 0.5;
        double sum = 0;
        for (double f = -2e6 + df / 2; f < 2e6; f += df) sum += k.psd(f, W, P_HZ, L_S);
        assertEquals(W, sum * df, 2e-5 * W);
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void shouldRoundTripFwhmAndHalveThePeakThere(Kernel k) {
        for (double l : new double[] {1e-4, 0.003, 0.05, 2.0}) {
            double fw = k.fwhmHz(l);
            assertEquals(l, Kernel.lengthscaleForFwhm(k, fw), 1e-14 * l);
            assertEquals(0.5, k.envelopePsd(fw / 2, l) / k.envelopePsd(0.0, l), 1e-12);
            assertEquals(0.5, k.envelopePsd(-fw / 2, l) / k.envelopePsd(0.0, l), 1e-12);
        }
        double expected =
                switch (k) {
                    case GAUSSIAN -> 0.5300;
                    case MATERN12 -> 0.3183;
                    case MATERN32 -> 0.3549;
                };
        assertEquals(expected, k.fwhmHz(1.0), 1e-4);
    }
}
