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

    /**
     * 1 s of a harmonic tone at 260 Hz that falls to 190 Hz within {@code glideS} from 0.5 s (exponentially, as a
     * voice's pitch falls into a stressed syllable), then {@code noiseS} of white noise at the tone's level if that is
     * positive.
     */
    private static double[] glide(double glideS, double noiseS) {
        double[] x = new double[(int) (FS * (1 + noiseS))];
        java.util.Random rng = new java.util.Random(3);
        double phase = 0, rms = 0.03 * Math.sqrt(0.5 * 1.6); // sum of 1/h^2 over the harmonics is about 1.6
        for (int i = 0; i < x.length; i++) {
            double t = i / FS;
            if (t >= 1) {
                x[i] = rms * rng.nextGaussian();
                continue;
            }
            double u = Math.min(1, Math.max(0, (t - 0.5) / glideS));
            double f0 = 260 * Math.pow(190.0 / 260, u);
            phase += 2 * Math.PI * f0 / FS;
            double v = 0;
            for (int h = 1; h * f0 < 7000; h++) v += Math.sin(h * phase) / h;
            x[i] = 0.03 * v;
        }
        return x;
    }

    @Test
    void shouldStayVoicedThroughAFastGlideThatYinAloneDrops() {
        double[] x = glide(0.02, 0);
        double[] alone = track(x, false), tracked = track(x, true);
        int hops = count(alone, 0.49, 0.56, 0, 1e9); // every window, voiced or not
        int voicedAlone = count(alone, 0.49, 0.56, 1, 1e9);
        int voicedTracked = count(tracked, 0.49, 0.56, 175, 275);
        System.out.printf(
                "glide 260 -> 190 Hz in 20 ms, 0.49-0.56 s (%d hops): YIN alone voiced %d, tracked voiced %d%n",
                hops, voicedAlone, voicedTracked);
        assertTrue(voicedAlone < hops - 2, "the glide must make YIN alone drop windows: " + voicedAlone);
        assertEquals(hops, voicedTracked, "every window of the glide is voiced, within the glide's range");
    }

    @Test
    void shouldNotHoldAVoiceIntoNoise() {
        double[] x = glide(0.03, 0.3);
        double[] tracked = track(x, true);
        // windows wholly in the noise
        int noiseHops = count(tracked, 1 + WINDOW / 2.0 / FS, 1.25, 0, 1e9);
        assertTrue(noiseHops > 20);
        assertEquals(0, count(tracked, 1 + WINDOW / 2.0 / FS, 1.25, 1, 1e9), "noise after a voice is unvoiced");
    }
}
