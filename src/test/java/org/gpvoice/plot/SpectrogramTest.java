package org.gpvoice.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpectrogramTest {
    @Test
    void shouldPeakAtTheSinesFrequencyWithFramesEvery5Ms() {
        int fs = 16000;
        double[] x = new double[fs / 2];
        for (int i = 0; i < x.length; i++) x[i] = 0.5 * Math.sin(2 * Math.PI * 1000.0 * i / fs);
        Spectrogram s = Spectrogram.of(x, fs, 4000);
        assertEquals(x.length / 80 + 1, s.frames());
        assertEquals(0.005, s.hopSeconds(), 1e-12);
        assertTrue((s.bins() - 1) * s.binHz() <= 4000 && s.bins() * s.binHz() > 4000, "bins " + s.bins());
        int m = s.frames() / 2, peak = 0;
        for (int k = 1; k < s.bins(); k++) if (s.power(m, k) > s.power(m, peak)) peak = k;
        assertEquals(1000.0, peak * s.binHz(), s.binHz());
        // Hann leakage: 1.5 kHz away, at least 60 dB down
        int far = (int) Math.round(2500 / s.binHz());
        assertTrue(10 * Math.log10(s.power(m, peak) / s.power(m, far)) > 60);
    }

    @Test
    void shouldReadMinus6DbForAHalfScaleSquareWave() {
        int fs = 8000;
        double[] x = new double[fs];
        for (int i = 0; i < x.length; i++) x[i] = (i / 40) % 2 == 0 ? 0.5 : -0.5;
        double[] e = Spectrogram.energyDb(x, fs, 0.020);
        assertEquals(x.length / 40 + 1, e.length);
        assertEquals(20 * Math.log10(0.5), e[e.length / 2], 1e-9);
        assertTrue(e[0] < e[e.length / 2] - 2, "the first frame is half outside the signal");
    }
}
