package org.gpvoice.dsp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrimBandsTest {
    @Test
    void shouldKeepOnlyCrossoversWellBelowNyquist() {
        assertEquals(6, new TrimBands(48000).crossovers);
        assertEquals(6, new TrimBands(22050).crossovers); // 9.5 kHz < 0.45 * 22.05 kHz
        assertEquals(4, new TrimBands(16000).crossovers); // up to 6.4 kHz
        assertEquals(1, new TrimBands(8000).crossovers);
        assertEquals(7, new TrimBands(48000).bands());
    }

    @Test
    void shouldSplitEveryFrequencyIntoMagnitudesThatSumToOne() {
        for (double fs : new double[] {16000, 22050, 48000}) {
            TrimBands t = new TrimBands(fs);
            double[] m = new double[t.bands()];
            for (double f = 20; f < 0.5 * fs; f *= 1.05) {
                t.magnitudes(f, m);
                double sum = 0;
                for (double v : m) {
                    assertTrue(v >= 0, "negative magnitude at " + f);
                    sum += v;
                }
                assertEquals(1, sum, 1e-9, "sum at " + f + " Hz, fs " + fs);
            }
            // half-way at a crossover (-6 dB each side)
            for (int k = 0; k < t.crossovers; k++) {
                t.magnitudes(t.crossoverHz[k], m);
                double through = 0; // what passed the crossovers before this one
                for (int b = k; b < t.bands(); b++) through += m[b];
                assertEquals(0.5 * through, m[k], 1e-9, "band " + k + " at its upper crossover");
            }
            // far outside the crossovers the outer bands take everything
            t.magnitudes(t.crossoverHz[0] / 4, m);
            assertEquals(1, m[0], 0.005, "band 0 two octaves below the first crossover");
            t.magnitudes(Math.min(4 * t.crossoverHz[t.crossovers - 1], 0.49 * fs), m);
            assertTrue(m[t.crossovers] > 0.75, "top band above the last crossover: " + m[t.crossovers]);
        }
    }
}
