package org.gpvoice.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.gpvoice.io.MonoClip;
import org.junit.jupiter.api.Test;

class AlignmentTest {
    @Test
    void shouldFindA123MsDelayToTheSample() {
        MonoClip c = EvalSignals.longSpeech();
        int lag = (int) Math.round(0.123 * c.sampleRate());
        Alignment.Result r = Alignment.find(c.samples(), EvalSignals.delayed(c.samples(), lag), c.sampleRate(), 500);
        assertEquals(123, r.lagMs(), 1);
        assertEquals(lag, r.lagSamples());
        assertTrue(r.refinedToSample(), r.toString());
        assertEquals(1, r.waveformCorrelation(), 1e-6);
    }

    @Test
    void shouldFindATestThatStartsEarlyAsANegativeLag() {
        MonoClip c = EvalSignals.longSpeech();
        double[] early = Arrays.copyOfRange(c.samples(), 1000, c.samples().length);
        Alignment.Result r = Alignment.find(c.samples(), early, c.sampleRate(), 500);
        assertEquals(-1000, r.lagSamples(), r.toString());
    }

    @Test
    void shouldFindTheDelayOfAnUnrelatedWaveformFromItsEnvelopeAlone() {
        // Noise shaped by the speech's 5 ms RMS, delayed by 40 ms: no waveform in common, the envelope is.
        MonoClip c = EvalSignals.longSpeech();
        double[] x = c.samples();
        double[] noise = EvalSignals.whiteNoise(x.length, 31);
        double[] shaped = new double[x.length];
        int block = 110;
        for (int start = 0; start < x.length; start += block) {
            int end = Math.min(x.length, start + block);
            double acc = 0;
            for (int i = start; i < end; i++) acc += x[i] * x[i];
            double rms = Math.sqrt(acc / (end - start));
            for (int i = start; i < end; i++) shaped[i] = noise[i] * rms;
        }
        int lag = (int) Math.round(0.040 * c.sampleRate());
        Alignment.Result r = Alignment.find(x, EvalSignals.delayed(shaped, lag), c.sampleRate(), 500);
        assertFalse(r.refinedToSample(), r.toString());
        assertEquals(40, r.lagMs(), 2, r.toString());
        assertTrue(r.envelopeCorrelation() > 0.8, r.toString());
    }

    @Test
    void shouldCutBothSignalsToTheirAlignedOverlap() {
        double[] ref = {0, 1, 2, 3, 4, 5};
        double[] test = {9, 9, 0, 1, 2, 3};
        double[][] late = Alignment.overlap(ref, test, 2);
        assertArrayEquals(new double[] {0, 1, 2, 3}, late[0]);
        assertArrayEquals(new double[] {0, 1, 2, 3}, late[1]);
        double[][] early = Alignment.overlap(ref, new double[] {2, 3, 4, 5, 6, 7, 8}, -2);
        assertArrayEquals(new double[] {2, 3, 4, 5}, early[0]);
        assertArrayEquals(new double[] {2, 3, 4, 5}, early[1]);
        assertEquals(0, Alignment.overlap(ref, test, 10)[0].length);
    }
}
