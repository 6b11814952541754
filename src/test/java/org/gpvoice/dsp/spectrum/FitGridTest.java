package org.gpvoice.dsp.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FitGridTest {

    @Test
    void shouldCoverBinsContiguouslyWithGroupsNoWiderThanTheErbFraction() {
        double binHz = 48000.0 / 2048;
        FitGrid g = new FitGrid(binHz, 1025, 1.5, 0.25, 40);
        assertTrue(g.size > 50 && g.size < 250, "grid size " + g.size);
        for (int j = 0; j < g.size; j++) {
            assertTrue(g.binEnd[j] > g.binStart[j]);
            if (j > 0) assertEquals(g.binEnd[j - 1], g.binStart[j], "contiguous at " + j);
            if (g.binEnd[j] - g.binStart[j] > 1)
                assertTrue(g.widthHz[j] <= 0.25 * FitGrid.erb(g.freqHz[j]) + binHz, "width at " + j);
        }
    }

    @Test
    void shouldFindTheFirstPointAtOrAboveAnyFrequencyAsALinearScanDoes() {
        for (double[] shape : new double[][] {{22050.0 / 1024, 513, 0.4, 70}, {48000.0 / 2048, 1025, 0.25, 40}}) {
            FitGrid g = new FitGrid(shape[0], (int) shape[1], 1.5, shape[2], shape[3]);
            SplittableRandom rnd = new SplittableRandom(7);
            double top = g.freqHz[g.size - 1];
            for (int i = 0; i < 20000; i++) {
                // points themselves (ties), a hair either side of them, and anywhere from below 0 to past the top
                double f =
                        switch (i % 4) {
                            case 0 -> g.freqHz[rnd.nextInt(g.size)];
                            case 1 -> Math.nextUp(g.freqHz[rnd.nextInt(g.size)]);
                            case 2 -> Math.nextDown(g.freqHz[rnd.nextInt(g.size)]);
                            default -> rnd.nextDouble(-100, top + 500);
                        };
                int scan = 0;
                while (scan < g.size && g.freqHz[scan] < f) scan++;
                assertEquals(scan, g.indexAtOrAbove(f), "at " + f + " Hz");
            }
            assertEquals(0, g.indexAtOrAbove(Double.NEGATIVE_INFINITY));
            assertEquals(g.size, g.indexAtOrAbove(Double.POSITIVE_INFINITY));
            assertEquals(g.size, g.indexAtOrAbove(1e300));
        }
    }

    @Test
    void shouldMatchDigammaAtKnownValues() {
        assertEquals(-0.5772156649015329, FitGrid.digamma(1), 1e-12);
        assertEquals(1 - 0.5772156649015329, FitGrid.digamma(2), 1e-12);
        assertEquals(2.251752589066721, FitGrid.digamma(10), 1e-12); // psi(10) = H_9 - gamma
    }

    @Test
    void shouldCorrectTheLogBiasOfASingleExponentialBin() {
        // E[ln X] for X ~ Exp(1) is -gamma: a log periodogram of one bin sits 2.5 dB under the log PSD
        SplittableRandom r = new SplittableRandom(3);
        double acc = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) acc += Math.log(-Math.log(1 - r.nextDouble()));
        FitGrid g = new FitGrid(10, 100, 1.0, 1e-6, 10); // every point is one bin, uncorrelated
        assertEquals(acc / n, g.logBias[0], 0.01);
    }
}
