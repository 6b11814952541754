package org.gpvoice.dsp.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockAnalyzerTest {

    /**
     * A steady voice at 130 Hz: a pulse-like waveform (30 harmonics, equal amplitudes, cosine phase), whose 5 ms blocks
     * hold 0.65 of a period each, so their power ripples with the pulses' position against the block edges. The
     * voiced-block envelope (whole periods) must hold the level flat and equal to the signal's mean square; the
     * three-block smoothed block power of the same signal ripples by far more (checked too, so the signal really tests
     * the difference).
     */
    @Test
    void shouldHoldASteadyVoicesLevelFlatOverWholePeriods() {
        double fs = 16000, f0 = 130;
        AnalysisConfig cfg = AnalysisConfig.DEFAULT;
        BlockAnalyzer an = new BlockAnalyzer(fs, cfg);
        int b = an.blockSize();
        int blocks = 200;
        double[] x = new double[blocks * b];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int k = 1; k <= 30; k++) s += Math.cos(2 * Math.PI * k * f0 * i / fs);
            x[i] = 0.02 * s;
        }
        double meanSquare = 30 * 0.02 * 0.02 / 2;
        BlockAnalysis out = an.newAnalysis();
        double lo = Double.MAX_VALUE, hi = 0;
        int voiced = 0;
        for (int blk = 0; blk < blocks; blk++) {
            if (!an.push(x, blk * b, out) || blk < 20) continue;
            assertTrue(Math.abs(out.f0Hz - f0) < 2, "pitch " + out.f0Hz);
            voiced++;
            lo = Math.min(lo, out.envelopeVar);
            hi = Math.max(hi, out.envelopeVar);
        }
        assertTrue(voiced > 150);
        assertTrue(hi / lo < 1.02, "whole-period envelope ripples by " + hi / lo);
        assertEquals(meanSquare, 0.5 * (hi + lo), 0.01 * meanSquare);

        // the same signal's block powers, smoothed over three blocks (0.25, 0.5, 0.25), ripple by far more
        double sLo = Double.MAX_VALUE, sHi = 0;
        for (int blk = 21; blk < blocks - 1; blk++) {
            double v = 0.25 * blockMs(x, blk - 1, b) + 0.5 * blockMs(x, blk, b) + 0.25 * blockMs(x, blk + 1, b);
            sLo = Math.min(sLo, v);
            sHi = Math.max(sHi, v);
        }
        assertTrue(sHi / sLo > 1.3, "smoothed block power ripples by " + sHi / sLo);
    }

    /** In an unvoiced stretch (noise) the envelope is the smoothed block power: it follows a 20 dB step within a block. */
    @Test
    void shouldFollowAnUnvoicedOnsetWithinABlock() {
        double fs = 16000;
        BlockAnalyzer an = new BlockAnalyzer(fs, AnalysisConfig.DEFAULT);
        int b = an.blockSize();
        int blocks = 100, step = 60;
        java.util.Random rnd = new java.util.Random(3);
        double[] x = new double[blocks * b];
        for (int i = 0; i < x.length; i++) x[i] = (i < step * b ? 0.01 : 0.1) * rnd.nextGaussian();
        BlockAnalysis out = an.newAnalysis();
        double[] env = new double[blocks];
        for (int blk = 0; blk < blocks; blk++) {
            if (an.push(x, blk * b, out)) {
                assertEquals(0, out.f0Hz, "noise is unvoiced");
                env[(int) out.blockIndex] = out.envelopeVar;
            }
        }
        double before = 1e-4, after = 1e-2;
        assertEquals(before, env[step - 5], 0.3 * before);
        assertEquals(after, env[step + 5], 0.3 * after);
        // three-block smoothing: the first loud block already carries three quarters of the new level
        assertTrue(env[step] > 0.6 * after, "first loud block " + env[step]);
        assertTrue(env[step - 2] < 3 * before, "two blocks before the step " + env[step - 2]);
    }

    private static double blockMs(double[] x, int blk, int b) {
        double s = 0;
        for (int i = blk * b; i < (blk + 1) * b; i++) s += x[i] * x[i];
        return s / b;
    }
}
