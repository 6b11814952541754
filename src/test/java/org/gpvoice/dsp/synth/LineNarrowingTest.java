package org.gpvoice.dsp.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;
import org.junit.jupiter.api.Test;

/**
 * The state-space sampler's line narrowing: a component is sampled with half-power width {@code sqrt(W^2 - c^2)}
 * (at most 4 times narrower), its power unchanged. Checked on the empirical autocovariance of a long sample at a lag
 * of whole carrier periods, where it is the envelope's correlation times the power.
 */
class LineNarrowingTest {
    private static final double FS = 16000;
    private static final int B = 80;
    private static final double P_HZ = 500;
    private static final int LAG = 320; // 20 ms, 10 periods of 500 Hz

    /** Matern-3/2 envelope correlation at lag {@code tau} for half-power width {@code fwhm}. */
    private static double envelope(double fwhm, double tau) {
        double l = Kernel.lengthscaleForFwhm(Kernel.MATERN32, fwhm);
        double a = Math.sqrt(3) * tau / l;
        return (1 + a) * Math.exp(-a);
    }

    /** {power, autocovariance at LAG / power} of 120 s drawn at width {@code fwhm} with narrowing {@code c}. */
    private static double[] measure(double fwhm, double c) {
        StateSpaceSampler s = new StateSpaceSampler(1, FS, B, Kernel.MATERN32, 3, 31L);
        s.setNarrowing(c);
        SmModel m = new SmModel(1);
        m.count = 1;
        m.weight[0] = 1;
        m.freqHz[0] = P_HZ;
        m.lengthscaleS[0] = Kernel.lengthscaleForFwhm(Kernel.MATERN32, fwhm);
        int blocks = (int) (120 * FS / B);
        double[] x = new double[blocks * B];
        for (int b = 0; b < blocks; b++) s.render(m, x, b * B);
        int start = 100 * B;
        double p = 0, r = 0;
        for (int i = start; i + LAG < x.length; i++) {
            p += x[i] * x[i];
            r += x[i] * x[i + LAG];
        }
        return new double[] {p / (x.length - LAG - start), r / p};
    }

    @Test
    void shouldSampleAHarmonicNarrowerAtTheSamePower() {
        double[] plain = measure(23, 0);
        double[] narrowed = measure(23, 20);
        double expectPlain = envelope(23, LAG / FS), expectNarrow = envelope(Math.sqrt(23 * 23 - 20 * 20), LAG / FS);
        System.out.printf(
                "23 Hz line, 20 ms correlation: %.3f (kernel %.3f); narrowed by 20 Hz %.3f (kernel at %.1f Hz %.3f);"
                        + " power %.3f / %.3f%n",
                plain[1], expectPlain, narrowed[1], Math.sqrt(23 * 23 - 20 * 20), expectNarrow, plain[0], narrowed[0]);
        assertEquals(expectPlain, plain[1], 0.05, "no narrowing: the fitted width");
        assertEquals(expectNarrow, narrowed[1], 0.05, "narrowed to sqrt(23^2 - 20^2) Hz");
        assertEquals(1, narrowed[0], 0.08, "power unchanged");
    }

    @Test
    void shouldNarrowALineAtMostFourTimes() {
        double[] narrowed = measure(10, 20); // sqrt(100 - 400) < 0: held at 2.5 Hz
        double expect = envelope(2.5, LAG / FS);
        System.out.printf(
                "10 Hz line narrowed by 20 Hz: 20 ms correlation %.3f (kernel at 2.5 Hz %.3f)%n", narrowed[1], expect);
        assertEquals(expect, narrowed[1], 0.05);
    }

    @Test
    void shouldRejectANegativeNarrowing() {
        StateSpaceSampler s = new StateSpaceSampler(1, FS, B, Kernel.MATERN32, 3, 31L);
        assertThrows(IllegalArgumentException.class, () -> s.setNarrowing(-1));
        assertThrows(IllegalArgumentException.class, () -> s.setNarrowing(Double.NaN));
    }
}
