package org.gpvoice.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gpvoice.TestAudio;
import org.junit.jupiter.api.Test;

class StftTest {
    private static double[] noise(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) x[i] = TestAudio.gauss(r);
        return x;
    }

    @Test
    void shouldPickThePowerOfTwoNearest46Ms() {
        assertEquals(1024, Stft.frameLengthFor(22050));
        assertEquals(512, Stft.frameLengthFor(16000)); // 736 samples: 512 is nearer than 1024
        assertEquals(2048, Stft.frameLengthFor(44100));
        assertEquals(2048, Stft.frameLengthFor(48000));
        assertEquals(256, Stft.frameLengthFor(8000)); // 368
        Stft s = Stft.forSampleRate(22050);
        assertEquals(1024, s.frameLength());
        assertEquals(256, s.hop());
        assertEquals(513, s.bins());
    }

    @Test
    void shouldReconstructASignalExactlyFromItsStft() {
        Stft s = Stft.forSampleRate(22050);
        int n = s.frameLength();
        for (int length : new int[] {20_000, 20_000 + 77, 300}) { // a whole number of hops, not, shorter than a frame
            double[] x = noise(length, length);
            int size = s.size(length);
            double[] re = new double[size], im = new double[size];
            s.forward(x, re, im);
            double[] y = new double[length];
            Arrays.fill(y, Double.NaN); // garbage the inverse must overwrite
            s.inverse(re, im, y);
            double inner = 0, all = 0;
            for (int t = 0; t < length; t++) {
                double e = Math.abs(y[t] - x[t]);
                all = Math.max(all, e);
                if (t >= n && t < length - n) inner = Math.max(inner, e);
            }
            assertTrue(inner < 1e-9, "away from the first and last frame: " + inner);
            assertTrue(all < 1e-9, "with the edge frames' actual window sum, everywhere: " + all);
        }
    }

    @Test
    void shouldMatchADirectDftOfTheHannWindowedFrame() {
        Stft s = new Stft(64, 16);
        double[] x = noise(200, 3);
        double[] re = new double[s.size(x.length)], im = new double[re.length], mag = new double[re.length];
        s.forward(x, re, im);
        s.magnitude(x, mag);
        int m = 5, start = m * 16 - 32; // frame 5 starts 32 samples before its centre
        for (int k = 0; k <= 32; k++) {
            double a = 0, b = 0;
            for (int j = 0; j < 64; j++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / 64);
                a += w * x[start + j] * Math.cos(2 * Math.PI * k * j / 64);
                b -= w * x[start + j] * Math.sin(2 * Math.PI * k * j / 64);
            }
            int i = m * s.bins() + k;
            assertEquals(a, re[i], 1e-12, "Re bin " + k);
            assertEquals(b, im[i], 1e-12, "Im bin " + k);
            assertEquals(Math.hypot(a, b), mag[i], 1e-12, "|X| bin " + k);
        }
    }

    @Test
    void shouldLeaveAConsistentSpectrogramsLevelAloneAndRestoreALostOne() {
        Stft s = Stft.forSampleRate(22050);
        double[] x = noise(8000, 5);
        double[] mag = s.magnitude(x);
        double[] y = x.clone();
        assertEquals(1.0, s.matchEnergy(mag, y), 1e-12);
        for (int t = 0; t < y.length; t++) y[t] = 0.25 * x[t];
        assertEquals(4.0, s.matchEnergy(mag, y), 1e-12);
        for (int t = 0; t < y.length; t++) assertEquals(x[t], y[t], 1e-12);
    }

    @Test
    void shouldMeasureSpectralConvergence() {
        double[] ref = {3, 4}, mag = {3, 4};
        assertEquals(0, Stft.spectralConvergence(mag, ref, 2));
        assertEquals(1, Stft.spectralConvergence(new double[2], ref, 2), 1e-15);
        assertEquals(0.2, Stft.spectralConvergence(new double[] {3, 5}, ref, 2), 1e-15);
    }

    @Test
    void shouldRejectFramesItCannotInvert() {
        assertThrows(IllegalArgumentException.class, () -> new Stft(1023, 256));
        assertThrows(IllegalArgumentException.class, () -> new Stft(1024, 513));
    }
}
