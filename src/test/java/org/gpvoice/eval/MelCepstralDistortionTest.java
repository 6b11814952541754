package org.gpvoice.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.io.MonoClip;
import org.junit.jupiter.api.Test;

class MelCepstralDistortionTest {
    @Test
    void shouldBeZeroForIdenticalSignals() {
        MonoClip c = EvalSignals.longSpeech();
        assertEquals(0, MelCepstralDistortion.between(c.samples(), c.samples().clone(), c.sampleRate()), 0);
    }

    @Test
    void shouldIgnoreAPureGainBecauseC0IsLeftOut() {
        MonoClip c = EvalSignals.longSpeech();
        double d = MelCepstralDistortion.between(c.samples(), EvalSignals.scaled(c.samples(), 0.5), c.sampleRate());
        assertEquals(0, d, 0.05);
    }

    @Test
    void shouldGrowAsWhiteNoiseIsAddedAtLowerSnr() {
        MonoClip c = EvalSignals.longSpeech();
        double previous = 0;
        StringBuilder seen = new StringBuilder();
        for (double snr : new double[] {30, 20, 10, 0}) {
            double d = MelCepstralDistortion.between(
                    c.samples(), EvalSignals.withNoise(c.samples(), snr, 11), c.sampleRate());
            seen.append(String.format(" %.0f dB: %.2f", snr, d));
            assertTrue(d > previous, "not increasing:" + seen);
            previous = d;
        }
    }

    @Test
    void shouldStayBelowHalfTheLogMelDistanceAsItsSmoothedLevelFreePart() {
        MonoClip c = EvalSignals.longSpeech();
        for (double snr : new double[] {20, 0}) {
            double[] noisy = EvalSignals.withNoise(c.samples(), snr, 37);
            double mcd = MelCepstralDistortion.between(c.samples(), noisy, c.sampleRate());
            double lmd = LogMelDistance.between(c.samples(), noisy, c.sampleRate());
            assertTrue(mcd > 0 && mcd <= lmd / 2, "SNR " + snr + ": MCD " + mcd + " vs log-mel distance " + lmd);
        }
    }

    @Test
    void shouldMatchTheDefinitionOnOneHandMadeFrame() {
        // Two frames of mel energies whose logs differ by a pure cosine of index 2: only c2 differs.
        int m = MelSpectrum.BANDS;
        double[] a = new double[m], b = new double[m];
        double amp = 0.3;
        for (int i = 0; i < m; i++) {
            a[i] = 1e-3;
            b[i] = 1e-3 * Math.exp(amp * Math.cos(Math.PI * 2 * (i + 0.5) / m));
        }
        MelSpectrum.Frames fa = new MelSpectrum.Frames(new double[][] {a}, new double[] {1});
        MelSpectrum.Frames fb = new MelSpectrum.Frames(new double[][] {b}, new double[] {1});
        // c2 difference = (1/(2M)) * amp * sum cos^2 = (1/(2M)) * amp * M/2 = amp / 4: the log amplitude differs by
        // amp/2 cos(2w) = 2 c2 cos(2w)
        double dc2 = amp / 4;
        double expected = 10 / Math.log(10) * Math.sqrt(2 * dc2 * dc2);
        assertEquals(expected, MelCepstralDistortion.compute(fa, fb, new boolean[] {true}), 1e-6);
    }
}
