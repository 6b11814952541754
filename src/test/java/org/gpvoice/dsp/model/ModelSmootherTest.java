package org.gpvoice.dsp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.TestAudio;
import org.junit.jupiter.api.Test;

class ModelSmootherTest {
    private static SmModel model(double w0, double p0, double l0, double w1, double p1, double l1) {
        SmModel m = new SmModel(4);
        m.count = 2;
        m.weight[0] = w0;
        m.freqHz[0] = p0;
        m.lengthscaleS[0] = l0;
        m.weight[1] = w1;
        m.freqHz[1] = p1;
        m.lengthscaleS[1] = l1;
        m.noiseVar = 1e-6;
        return m;
    }

    @Test
    void shouldHandOnTheBlockBeforeAveragedWithItsNeighboursInTheLogDomain() {
        ModelSmoother s = new ModelSmoother(4);
        SmModel out = new SmModel(4);
        assertFalse(s.push(model(1, 200, 0.01, 4, 400, 0.02), 0, out), "nothing before the second block");
        assertTrue(s.push(model(4, 210, 0.04, 4, 400, 0.02), 1, out));
        // block 0 has no block before it: 1/2 on itself, 1/4 on block 1, renormalised over 3/4
        assertEquals(Math.exp((0.5 * Math.log(1) + 0.25 * Math.log(4)) / 0.75), out.weight[0], 1e-12);
        assertEquals((0.5 * 200 + 0.25 * 210) / 0.75, out.freqHz[0], 1e-9);
        assertTrue(s.push(model(16, 220, 0.01, 4, 400, 0.02), 2, out));
        // block 1: 1/4, 1/2, 1/4 of log weights 0, ln 4, ln 16 -> ln 4
        assertEquals(4, out.weight[0], 1e-12);
        assertEquals(210, out.freqHz[0], 1e-9);
        assertEquals(
                Math.exp(0.25 * Math.log(0.01) + 0.5 * Math.log(0.04) + 0.25 * Math.log(0.01)),
                out.lengthscaleS[0],
                1e-15);
        // a constant component stays exactly what it was
        assertEquals(4, out.weight[1], 1e-12);
        assertEquals(400, out.freqHz[1], 1e-9);
        assertEquals(0.02, out.lengthscaleS[1], 1e-15);
        assertEquals(1e-6, out.noiseVar, 0);
    }

    @Test
    void shouldNotAverageAcrossARebirth() {
        ModelSmoother s = new ModelSmoother(4);
        SmModel out = new SmModel(4);
        s.push(model(1, 200, 0.01, 1, 400, 0.02), 0, out);
        SmModel b1 = model(1, 200, 0.01, 1, 400, 0.02);
        b1.reborn[1] = false;
        s.push(b1, 1, out);
        // component 1 is reborn at 3 kHz in block 2: block 1's component 1 must not lean toward it
        SmModel b2 = model(1, 200, 0.01, 100, 3000, 0.001);
        b2.reborn[1] = true;
        assertTrue(s.push(b2, 2, out));
        assertEquals(400, out.freqHz[1], 1e-9);
        assertEquals(1, out.weight[1], 1e-12);
        assertFalse(out.reborn[1], "block 1's own flags are handed on");
        // and block 2's component 1 must not lean back toward block 1's
        SmModel b3 = model(1, 200, 0.01, 100, 3000, 0.001);
        assertTrue(s.push(b3, 3, out));
        assertEquals(3000, out.freqHz[1], 1e-9);
        assertEquals(100, out.weight[1], 1e-9);
        assertTrue(out.reborn[1], "block 2's rebirth is handed on with its model");
    }

    @Test
    void shouldWaitForTheNextFitAfterASkippedBlock() {
        ModelSmoother s = new ModelSmoother(4);
        SmModel out = new SmModel(4);
        s.push(model(1, 200, 0.01, 1, 400, 0.02), 0, out);
        assertTrue(s.push(model(1, 200, 0.01, 1, 400, 0.02), 1, out));
        // block 2 skipped: block 3 cannot hand on block 2
        assertFalse(s.push(model(16, 220, 0.01, 1, 400, 0.02), 3, out));
        // block 4 hands on block 3, without block 1 (not adjacent) on its past side
        assertTrue(s.push(model(16, 220, 0.01, 1, 400, 0.02), 4, out));
        assertEquals(16, out.weight[0], 1e-12);
        assertEquals(220, out.freqHz[0], 1e-9);
    }

    @Test
    void shouldAllocateNothingPerBlock() {
        ModelSmoother s = new ModelSmoother(4);
        SmModel out = new SmModel(4);
        SmModel in = model(1, 200, 0.01, 4, 400, 0.02);
        double bytes = TestAudio.bytesPerCall(
                i -> {
                    in.weight[0] = 1 + (i & 7);
                    s.push(in, i, out);
                },
                20_000);
        assertEquals(0, bytes, 0.5);
    }

    @Test
    void shouldAverageTheLowShelfGainAndTheSubBandLikeTheRest() {
        ModelSmoother s = new ModelSmoother(4);
        SmModel out = new SmModel(4);
        double[] gains = {1, 0.2, 0.6, 0.4}, sub = {0, 3e-4, 1e-5, 2e-4};
        for (int b = 0; b < gains.length; b++) {
            SmModel m = model(1, 200, 0.01, 4, 400, 0.02);
            m.lowBandGain = gains[b];
            m.subBandVar = sub[b];
            boolean handed = s.push(m, b, out);
            if (b == 1) {
                assertEquals((0.5 * 1 + 0.25 * 0.2) / 0.75, out.lowBandGain, 1e-12, "first block: no block before");
                assertEquals((0.5 * 0 + 0.25 * 3e-4) / 0.75, out.subBandVar, 1e-18);
            }
            if (b >= 2) {
                assertEquals(0.25 * gains[b - 2] + 0.5 * gains[b - 1] + 0.25 * gains[b], out.lowBandGain, 1e-12);
                assertEquals(0.25 * sub[b - 2] + 0.5 * sub[b - 1] + 0.25 * sub[b], out.subBandVar, 1e-18);
            }
            assertEquals(b >= 1, handed);
        }
    }

    @Test
    void shouldAverageTheBandSharesLikeTheShelfGain() {
        ModelSmoother s = new ModelSmoother(4);
        SmModel out = new SmModel(4);
        double[] shares = {0.1, 0.3, 0.2, 0.05};
        for (int b = 0; b < shares.length; b++) {
            SmModel m = model(1, 200, 0.01, 4, 400, 0.02);
            m.bandShare[2] = shares[b];
            m.bandShare[5] = b == 2 ? Double.NaN : 0.5; // a silent block: no target
            s.push(m, b, out);
            if (b == 1) assertEquals((0.5 * 0.1 + 0.25 * 0.3) / 0.75, out.bandShare[2], 1e-12);
            if (b >= 2)
                assertEquals(0.25 * shares[b - 2] + 0.5 * shares[b - 1] + 0.25 * shares[b], out.bandShare[2], 1e-12);
            if (b >= 1) assertEquals(b == 1 ? 0.5 : Double.NaN, out.bandShare[5], 1e-12, "block " + (b - 1));
        }
    }
}
