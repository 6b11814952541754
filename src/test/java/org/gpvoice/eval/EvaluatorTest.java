package org.gpvoice.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.io.MonoClip;
import org.gpvoice.io.Resampling;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static void assertIdeal(EvalReport r) {
        assertEquals(0, r.logMelDistanceDb(), 1e-9, "log-mel distance");
        assertEquals(0, r.melCepstralDistortionDb(), 1e-9, "MCD");
        assertEquals(1, r.stoi(), 1e-6, "STOI");
        assertEquals(1, r.pitch().voicingAgreement(), 0, "voicing agreement");
        assertEquals(0, r.pitch().medianCents(), 1e-9, "median cents");
        assertEquals(0, r.pitch().meanCents(), 1e-9, "mean cents");
        assertEquals(0, r.pitch().grossErrorRate(), 0, "gross pitch errors");
        assertEquals(1, r.envelopeCorrelation(), 1e-9, "envelope correlation");
        assertEquals(0, r.levelDifferenceDb(), 1e-9, "level difference");
    }

    @Test
    void shouldGiveIdealValuesForIdenticalSignals() {
        MonoClip c = EvalSignals.longSpeech();
        EvalReport r = Evaluator.evaluate(c, c, Evaluator.Options.defaults());
        assertEquals(0, r.alignment().lagSamples());
        assertFalse(r.testResampled());
        assertIdeal(r);
        assertEquals(r.refClickRatio(), r.clickRatio(), 0);
        assertEquals(c.durationSeconds(), r.overlapSeconds(), 1e-12);
        assertTrue(r.activeFrames() > 0 && r.activeFrames() <= r.melFrames());
    }

    @Test
    void shouldUndoA123MsDelayAndThenGiveIdealValues() {
        MonoClip c = EvalSignals.longSpeech();
        double[] late = EvalSignals.delayed(c.samples(), (int) Math.round(0.123 * c.sampleRate()));
        EvalReport r =
                Evaluator.evaluate(c.samples(), c.sampleRate(), late, c.sampleRate(), Evaluator.Options.defaults());
        assertEquals(123, r.alignment().lagMs(), 1);
        assertIdeal(r);
    }

    @Test
    void shouldResampleATestAtAnotherRateAndStillAlignIt() {
        MonoClip c = EvalSignals.longSpeech();
        double[] at16k = Resampling.resample(c.samples(), c.sampleRate(), 16000);
        EvalReport r = Evaluator.evaluate(c.samples(), c.sampleRate(), at16k, 16000, Evaluator.Options.defaults());
        assertTrue(r.testResampled());
        assertEquals(22050, r.sampleRateHz());
        assertEquals(80, r.blockSamples(), "block counted in TEST's own samples");
        assertEquals(0, r.alignment().lagMs(), 1, r.alignment().toString());
        assertTrue(r.stoi() > 0.95, "STOI " + r.stoi());
        assertTrue(r.envelopeCorrelation() > 0.99, "envelope correlation " + r.envelopeCorrelation());
    }

    @Test
    void shouldRejectSignalsTooShortToEvaluate() {
        double[] tiny = new double[100];
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Evaluator.evaluate(tiny, 22050, tiny, 22050, Evaluator.Options.defaults()));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Evaluator.Options(0, 500));
        assertThrows(IllegalArgumentException.class, () -> new Evaluator.Options(5, -1));
    }
}
