package org.gpvoice.dsp.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.dsp.spectrum.FitGrid;
import org.gpvoice.dsp.synth.LowShelfFilterTest;
import org.junit.jupiter.api.Test;

class LowBandTrimTest {
    static final double FS = LowShelfFilterTest.FS;
    static final FitGrid GRID = new FitGrid(FS / 1024, 513, 1.5, 0.4, 0);

    /** A model spectrum with a tail falling toward DC, as a component at 250 Hz leaves it (power per point). */
    static double[] model() {
        double[] m = new double[GRID.size];
        for (int j = 0; j < GRID.size; j++) {
            double d = (GRID.freqHz[j] - 250) / 30;
            m[j] = 1e-6 / Math.pow(1 + d * d, 2) + 1e-12;
        }
        return m;
    }

    @Test
    void shouldLeaveABlockAloneWhoseModelHoldsNoMoreThanTheRecording() {
        LowBandTrim t = new LowBandTrim(GRID, FS);
        double[] m = model(), x = new double[GRID.size];
        for (int j = 0; j < GRID.size; j++) x[j] = m[j];
        assertEquals(1, t.gain(x, m));
        for (int j = 0; j < GRID.size; j++) x[j] *= 10;
        assertEquals(1, t.gain(x, m));
    }

    @Test
    void shouldPullTheModelsPowerBelowTheCornerDownToTheRecordings() {
        LowBandTrim t = new LowBandTrim(GRID, FS);
        assertTrue(t.points() >= 3, "grid points below 100 Hz: " + t.points());
        double[] m = model();
        for (double excessDb : new double[] {1, 3, 6}) {
            double[] x = new double[GRID.size];
            for (int j = 0; j < GRID.size; j++) x[j] = m[j] * Math.pow(10, -excessDb / 10);
            double g = t.gain(x, m);
            assertTrue(g > 0 && g < 1, "gain " + g);
            // the shelf's own response, measured by the filter itself, applied to the model below 100 Hz
            double want = 0, got = 0;
            for (int j = 0; j < t.points(); j++) {
                double s = m[j] * GRID.widthHz[j];
                want += x[j] * GRID.widthHz[j];
                got += s * LowShelfFilterTest.measuredPowerGain(g, GRID.freqHz[j]);
            }
            assertEquals(1, got / want, 0.03, "model power below 100 Hz against the recording's, " + excessDb + " dB");
        }
    }

    @Test
    void shouldTakeTheLeastPowerTheShelfCanReachWhenEvenThatIsTooMuch() {
        // below the corner the high-pass is nearly in antiphase, so the least power is a little above g = 0
        LowBandTrim t = new LowBandTrim(GRID, FS);
        double[] m = model(), x = new double[GRID.size];
        double g = t.gain(x, m);
        assertTrue(g >= 0 && g < 0.5, "gain " + g);
        double at = lowPower(t, m, g);
        for (double other : new double[] {0, g - 0.05, g + 0.05, 1})
            if (other >= 0) assertTrue(at <= lowPower(t, m, other), "power at " + g + " above that at " + other);
    }

    private static double lowPower(LowBandTrim t, double[] m, double g) {
        double p = 0;
        for (int j = 0; j < t.points(); j++)
            p += m[j] * GRID.widthHz[j] * LowShelfFilterTest.measuredPowerGain(g, GRID.freqHz[j]);
        return p;
    }
}
