package org.gpvoice.dsp.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

public class LowShelfFilterTest {
    public static final double FS = 22050;
    static final int BLOCK = 110;

    /** Power gain of the shelf held at {@code g}, measured on a sinusoid at {@code fHz} after its transient. */
    public static double measuredPowerGain(double g, double fHz) {
        LowShelfFilter f = new LowShelfFilter(FS, 100);
        int blocks = (int) Math.ceil(3 * FS / BLOCK); // 3 s; the first second is the transient
        double[] buf = new double[BLOCK];
        double in = 0, out = 0;
        f.process(new double[BLOCK], 0, BLOCK, g); // reach g before the sinusoid starts
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < BLOCK; i++) buf[i] = Math.sin(2 * Math.PI * fHz * (b * BLOCK + i) / FS);
            double[] x = buf.clone();
            f.process(buf, 0, BLOCK, g);
            if (b * BLOCK < FS) continue;
            for (int i = 0; i < BLOCK; i++) {
                in += x[i] * x[i];
                out += buf[i] * buf[i];
            }
        }
        return out / in;
    }

    @Test
    void shouldPassEverythingAtUnitGain() {
        LowShelfFilter f = new LowShelfFilter(FS, 100);
        Random r = new Random(1);
        double[] x = new double[BLOCK];
        for (int b = 0; b < 50; b++) {
            for (int i = 0; i < BLOCK; i++) x[i] = r.nextGaussian();
            double[] y = x.clone();
            f.process(y, 0, BLOCK, 1);
            assertArrayEquals(x, y, 1e-12);
        }
    }

    @Test
    void shouldScaleTheLowBandByTheGainAndLeaveTheVoiceBand() {
        for (double g : new double[] {0, 0.3, 0.7}) {
            assertEquals(g * g, measuredPowerGain(g, 10), 0.02, "10 Hz at g = " + g);
            assertEquals(1, measuredPowerGain(g, 1000), 0.01, "1 kHz at g = " + g); // 0.04 dB
            assertEquals(1, measuredPowerGain(g, 400), 0.05, "400 Hz at g = " + g); // 0.2 dB
        }
        // the high-pass at its corner: |g + (1 - g) A|^2 with A = i / sqrt(2) there
        assertEquals(0.5, measuredPowerGain(0, 100), 0.01);
    }

    @Test
    void shouldNeverRaiseAnyFrequency() {
        for (double g : new double[] {0, 0.2, 0.5, 0.9})
            for (double fHz = 20; fHz <= 2000; fHz *= 1.25) {
                double p = measuredPowerGain(g, fHz);
                assertTrue(p <= 1.001, "g = " + g + " raises " + fHz + " Hz by " + p);
            }
    }

    @Test
    void shouldRampTheGainAcrossABlockWithoutAStepAtTheSeam() {
        // a low tone through a new random gain every block: the output's largest sample-to-sample change across a
        // block boundary is no larger than inside the blocks (a gain applied as a step would jump at every boundary)
        LowShelfFilter f = new LowShelfFilter(FS, 100);
        Random r = new Random(3);
        double[] buf = new double[BLOCK];
        double prev = 0, atSeam = 0, inside = 0;
        for (int b = 0; b < 200; b++) {
            for (int i = 0; i < BLOCK; i++) buf[i] = Math.sin(2 * Math.PI * 50 * (b * BLOCK + i) / FS);
            double g = r.nextDouble();
            f.process(buf, 0, BLOCK, g);
            assertEquals(g, f.gain());
            for (int i = 0; i < BLOCK; i++) {
                double step = Math.abs(buf[i] - prev);
                if (b > 0 && i == 0) atSeam = Math.max(atSeam, step);
                else if (i > 0) inside = Math.max(inside, step);
                prev = buf[i];
            }
        }
        assertTrue(atSeam <= 1.1 * inside, "largest step at a seam " + atSeam + ", inside a block " + inside);
    }
}
