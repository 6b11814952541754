package org.gpvoice.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.io.MonoClip;
import org.junit.jupiter.api.Test;

class PitchAgreementTest {
    @Test
    void shouldAgreePerfectlyForIdenticalSignals() {
        MonoClip c = EvalSignals.longSpeech();
        PitchAgreement.Result r =
                PitchAgreement.compute(c.samples(), c.samples().clone(), c.sampleRate());
        assertEquals(1, r.voicingAgreement(), 0);
        assertEquals(0, r.medianCents(), 0);
        assertEquals(0, r.meanCents(), 0);
        assertEquals(0, r.grossErrorRate(), 0);
        assertTrue(r.bothVoiced() > r.frames() / 4, "speech should be largely voiced: " + r);
    }

    @Test
    void shouldMeasureA100CentPitchShiftAs100Cents() {
        int fs = 22050;
        double[] ref = EvalSignals.harmonicGlide(fs, 3, 0);
        double[] test = EvalSignals.harmonicGlide(fs, 3, 100);
        PitchAgreement.Result r = PitchAgreement.compute(ref, test, fs);
        assertEquals(100, r.medianCents(), 10, r.toString());
        assertEquals(0, r.grossErrorRate(), 0, r.toString());
        assertTrue(r.voicingAgreement() > 0.95, r.toString());
    }

    @Test
    void shouldFollowTheDefinitionsOnHandMadeTracks() {
        double[] ref = {100, 0, 200, 100};
        double[] test = {100 * Math.pow(2, 1 / 12.0), 0, 0, 150};
        PitchAgreement.Result r = PitchAgreement.compare(ref, test);
        assertEquals(4, r.frames());
        assertEquals(2, r.bothVoiced());
        assertEquals(0.75, r.voicingAgreement(), 1e-12);
        double fifth = 1200 * Math.log(1.5) / Math.log(2);
        assertEquals((100 + fifth) / 2, r.medianCents(), 1e-9);
        assertEquals((100 + fifth) / 2, r.meanCents(), 1e-9);
        assertEquals(0.5, r.grossErrorRate(), 1e-12);
    }

    @Test
    void shouldReportNaNErrorsWhenNoFrameIsVoicedInBoth() {
        PitchAgreement.Result r = PitchAgreement.compare(new double[] {0, 120}, new double[] {0, 0});
        assertEquals(0.5, r.voicingAgreement(), 0);
        assertTrue(Double.isNaN(r.medianCents()) && Double.isNaN(r.meanCents()) && Double.isNaN(r.grossErrorRate()));
    }
}
