package org.gpvoice.dsp.pitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * YIN's tracking across calls: a stretch where the odd harmonics of a 200 Hz voice nearly vanish looks periodic at 400
 * Hz to YIN on its own (an octave slip); the tracker keeps 200 Hz, whose dip is nearly as deep, and follows a real
 * change of pitch all the same.
 */
class YinTrackingTest {
    private static final double FS = 16000;
    private static final int WINDOW = 480; // 30 ms
    private static final int HOP = 80; // 5 ms

    /** 1 s of a 200 Hz harmonic tone whose odd harmonics drop to {@code oddGain} between 0.4 and 0.6 s. */
    private static double[] tone(double oddGain, double f0After) {
        double[] x = new double[(int) FS];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double t = i / FS;
            double f0 = t < 0.8 ? 200 : f0After;
            phase += 2 * Math.PI * f0 / FS;
            boolean dip = t >= 0.4 && t < 0.6;
            double v = 0;
            for (int h = 1; h <= 12; h++) v += (h % 2 == 1 && dip ? oddGain : 1) * Math.sin(h * phase) / h;
            x[i] = 0.1 * v;
        }
        return x;
    }

    /** F0 of each 5 ms hop's window. */
    private static double[] track(double[] x, boolean tracking) {
        Yin yin = new Yin(FS, WINDOW, 70, 500, 0.2);
        yin.setTracking(tracking);
        int n = (x.length - WINDOW) / HOP;
        double[] f0 = new double[n];
        for (int k = 0; k < n; k++) f0[k] = yin.estimate(x, k * HOP) ? yin.f0Hz() : 0;
        return f0;
    }

    private static int count(double[] f0, double from, double to, double lo, double hi) {
        int c = 0;
        for (int k = 0; k < f0.length; k++) {
            double t = (k * HOP + WINDOW / 2.0) / FS;
            if (t >= from && t < to && f0[k] >= lo && f0[k] <= hi) c++;
        }
        return c;
    }

    @Test
    void shouldKeepThePitchThroughAnOctaveSlipAndStillFollowARealChange() {
        double[] x = tone(0.03, 300);
        double[] alone = track(x, false), tracked = track(x, true);
        int hops = count(alone, 0.45, 0.55, 0, 1e9);
        int slipsAlone = count(alone, 0.45, 0.55, 380, 420);
        int slipsTracked = count(tracked, 0.45, 0.55, 380, 420);
        int heldTracked = count(tracked, 0.45, 0.55, 190, 210);
        System.out.printf(
                "0.45-0.55 s (%d hops): YIN alone at 400 Hz %d, tracked at 400 Hz %d, tracked at 200 Hz %d%n",
                hops, slipsAlone, slipsTracked, heldTracked);
        assertTrue(slipsAlone > hops / 2, "the test signal must make YIN alone slip an octave: " + slipsAlone);
        assertEquals(0, slipsTracked);
        assertEquals(hops, heldTracked);
        // a real change to 300 Hz (a fifth up, not an octave) is followed within 40 ms
        assertTrue(count(tracked, 0.85, 0.95, 290, 310) == count(tracked, 0.85, 0.95, 0, 1e9));
        assertTrue(count(tracked, 0.85, 0.95, 0, 1e9) > 0);
    }
}
