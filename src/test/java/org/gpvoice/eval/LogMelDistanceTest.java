package org.gpvoice.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.io.MonoClip;
import org.junit.jupiter.api.Test;

class LogMelDistanceTest {
    @Test
    void shouldBeZeroForIdenticalSignals() {
        MonoClip c = EvalSignals.longSpeech();
        assertEquals(0, LogMelDistance.between(c.samples(), c.samples().clone(), c.sampleRate()), 0);
    }

    @Test
    void shouldEqualTheGainInDbForAScaledCopy() {
        MonoClip c = EvalSignals.longSpeech();
        double d = LogMelDistance.between(c.samples(), EvalSignals.scaled(c.samples(), 0.5), c.sampleRate());
        assertEquals(20 * Math.log10(2), d, 0.05);
    }

    @Test
    void shouldGrowAsWhiteNoiseIsAddedAtLowerSnr() {
        MonoClip c = EvalSignals.longSpeech();
        double previous = 0;
        StringBuilder seen = new StringBuilder();
        for (double snr : new double[] {30, 20, 10, 0}) {
            double d = LogMelDistance.between(c.samples(), EvalSignals.withNoise(c.samples(), snr, 7), c.sampleRate());
            seen.append(String.format(" %.0f dB: %.2f", snr, d));
            assertTrue(d > previous, "not increasing:" + seen);
            previous = d;
        }
    }

    @Test
    void shouldBeNaNWhenNoFrameIsActive() {
        double[] silence = new double[22050];
        assertTrue(Double.isNaN(LogMelDistance.between(silence, silence, 22050)));
    }
}
