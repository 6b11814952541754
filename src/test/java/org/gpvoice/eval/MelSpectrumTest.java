package org.gpvoice.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MelSpectrumTest {
    @Test
    void shouldUse1024SampleFramesWithHop256At22050HzAndScaleWithTheRate() {
        MelSpectrum m = new MelSpectrum(22050);
        assertEquals(1024, m.frameLength());
        assertEquals(256, m.hop());
        assertEquals(1024, m.fftSize());
        MelSpectrum m48 = new MelSpectrum(48000);
        assertEquals(2229, m48.frameLength()); // 46.4 ms
        assertEquals(557, m48.hop()); // 11.6 ms
        assertEquals(4096, m48.fftSize());
    }

    @Test
    void shouldPutASinesEnergyInTheBandCentredOnItAndLeaveNoBandEmpty() {
        for (int fs : new int[] {8000, 16000, 22050, 48000}) {
            MelSpectrum m = new MelSpectrum(fs);
            double f = 1000;
            double[] x = new double[fs];
            for (int i = 0; i < x.length; i++) x[i] = Math.sin(2 * Math.PI * f * i / fs);
            MelSpectrum.Frames frames = m.analyse(x);
            assertEquals(m.frameCount(x.length), frames.count());
            double[] e = frames.mel()[frames.count() / 2];
            int best = 0;
            for (int b = 1; b < e.length; b++) if (e[b] > e[best]) best = b;
            double melMax = MelSpectrum.hzToMel(fs / 2.0);
            double centre = MelSpectrum.melToHz(melMax * (best + 1) / (MelSpectrum.BANDS + 1));
            double spacing = MelSpectrum.melToHz(melMax * (best + 2) / (MelSpectrum.BANDS + 1)) - centre;
            assertEquals(f, centre, spacing, "fs " + fs + ": loudest band " + best + " centred at " + centre);

            double[] white = EvalSignals.whiteNoise(fs, 3);
            double[] w = m.analyse(white).mel()[0];
            for (int b = 0; b < w.length; b++) assertTrue(w[b] > 0, "fs " + fs + ": band " + b + " is empty");
        }
    }

    @Test
    void shouldMarkFramesWithin40DbOfTheLoudestAsActive() {
        double[] energy = {1, 1e-4, 0.99e-4, 0, 0.5};
        boolean[] a = MelSpectrum.activeFrames(energy, 40);
        assertTrue(a[0]);
        assertTrue(a[1]);
        assertFalse(a[2]);
        assertFalse(a[3]);
        assertTrue(a[4]);
        assertEquals(0, MelSpectrum.count(MelSpectrum.activeFrames(new double[] {0, 0}, 40)));
    }
}
