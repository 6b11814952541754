package org.gpvoice.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.io.MonoClip;
import org.junit.jupiter.api.Test;

class EnvelopeMetricsTest {
    @Test
    void shouldGiveCorrelationOneAndLevelZeroForIdenticalSignals() {
        MonoClip c = EvalSignals.longSpeech();
        assertEquals(
                1, EnvelopeMetrics.envelopeCorrelation(c.samples(), c.samples().clone(), c.sampleRate()), 1e-12);
        assertEquals(
                0, EnvelopeMetrics.levelDifferenceDb(c.samples(), c.samples().clone()), 0);
    }

    @Test
    void shouldReportAGainAsALevelDifferenceWithoutLosingCorrelation() {
        MonoClip c = EvalSignals.longSpeech();
        double[] quieter = EvalSignals.scaled(c.samples(), 0.5);
        assertEquals(-20 * Math.log10(2), EnvelopeMetrics.levelDifferenceDb(c.samples(), quieter), 1e-9);
        assertEquals(1, EnvelopeMetrics.envelopeCorrelation(c.samples(), quieter, c.sampleRate()), 1e-12);
    }

    @Test
    void shouldCorrelateHighlyForNoiseThatFollowsTheSpeechEnvelopeAndLowlyForSteadyNoise() {
        MonoClip c = EvalSignals.longSpeech();
        double[] x = c.samples();
        double[] noise = EvalSignals.whiteNoise(x.length, 17);
        double[] shaped = new double[x.length];
        int block = 110; // the speech's RMS over 5 ms blocks, imposed on the noise
        for (int start = 0; start < x.length; start += block) {
            int end = Math.min(x.length, start + block);
            double acc = 0;
            for (int i = start; i < end; i++) acc += x[i] * x[i];
            double rms = Math.sqrt(acc / (end - start));
            for (int i = start; i < end; i++) shaped[i] = noise[i] * rms;
        }
        double followed = EnvelopeMetrics.envelopeCorrelation(x, shaped, c.sampleRate());
        double steady = EnvelopeMetrics.envelopeCorrelation(x, EvalSignals.scaled(noise, 0.05), c.sampleRate());
        assertTrue(followed > 0.9, "envelope-following noise: " + followed);
        assertTrue(Math.abs(steady) < 0.2, "steady noise: " + steady);
    }
}
