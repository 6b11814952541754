package org.gpvoice.dsp.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.gpvoice.TestAudio;
import org.junit.jupiter.api.Test;

class SubBandSourceTest {
    private static final int FS = 16000, BLOCK = 80;

    /** {@code seconds} of the band at a constant variance {@code var}. */
    private static double[] sample(double var, double seconds, long seed) {
        SubBandSource s = new SubBandSource(FS, seed);
        double[] y = new double[(int) (seconds * FS) / BLOCK * BLOCK];
        for (int i = 0; i < y.length; i += BLOCK) s.add(y, i, BLOCK, var);
        return y;
    }

    @Test
    void shouldHaveTheMatern52AutocovarianceAtTheSetVariance() {
        double var = 0.04;
        double[] y = sample(var, 200, 1);
        int from = FS; // the first block ramps up from silence
        double lam = SubBandSource.decayRate();
        for (double lagMs : new double[] {0, 5, 10, 20, 40}) {
            int lag = (int) Math.round(lagMs * 1e-3 * FS);
            double acc = 0;
            int n = 0;
            for (int i = from; i + lag < y.length; i++, n++) acc += y[i] * y[i + lag];
            double expected = var * MaternSde.envelopeCovariance(SubBandSource.ORDER, lam, lag / (double) FS);
            // 200 s of a process whose correlation time is about 10 ms: the estimate's spread is about 1% of var
            assertEquals(expected, acc / n, 0.05 * var, "autocovariance at " + lagMs + " ms");
        }
    }

    @Test
    void shouldKeepItsPowerBelowTheVoice() {
        double[] y = sample(1, 60, 2);
        int n = 16384; // 1 Hz bins
        double[] psd = TestAudio.welch(y, n);
        double hz = (double) FS / n, below = 0, above = 0, all = 0;
        for (int k = 0; k < psd.length; k++) {
            all += psd[k];
            if (k * hz < SubBandSource.HALF_POWER_HZ) below += psd[k];
            if (k * hz >= 70) above += psd[k];
        }
        // E_3 integrated: 69.3% of the power lies under the half-power frequency, 0.31% at 70 Hz and above (a
        // second-order process with the same half-power frequency would put 1.4% there)
        assertEquals(0.693, below / all, 0.03, "share under the half-power frequency");
        assertTrue(above / all < 0.006, "share at 70 Hz and above: " + above / all);
    }

    @Test
    void shouldRampItsAmplitudeAcrossTheBlockWithoutASeam() {
        SubBandSource s = new SubBandSource(FS, 3);
        double[] y = new double[200 * BLOCK];
        for (int b = 0; b < 200; b++) s.add(y, b * BLOCK, BLOCK, b % 20 < 10 ? 1e-4 : 1); // 40 dB steps every 50 ms
        // the process is smooth (15 Hz): its steps between samples are about 1% of its amplitude; a gain applied as a
        // step at a block edge would jump by up to 99% of it there
        double edge = 0, inside = 0;
        for (int i = FS / 10; i < y.length; i++) {
            double d = Math.abs(y[i] - y[i - 1]);
            if (i % BLOCK == 0) edge = Math.max(edge, d);
            else inside = Math.max(inside, d);
        }
        assertTrue(edge < 1.5 * inside, "largest step at block edges " + edge + ", inside blocks " + inside);
    }

    @Test
    void shouldAddNothingAtZeroVarianceAndFadeToSilence() {
        SubBandSource s = new SubBandSource(FS, 4);
        double[] y = new double[4 * BLOCK];
        s.add(y, 0, BLOCK, 0);
        assertTrue(Arrays.stream(y).allMatch(v -> v == 0), "silent band adds nothing");
        s.add(y, BLOCK, BLOCK, 0.5);
        assertTrue(Arrays.stream(y, BLOCK, 2 * BLOCK).anyMatch(v -> v != 0), "a band of variance 0.5 is added");
        s.add(y, 2 * BLOCK, BLOCK, Double.NaN); // not finite: to silence
        assertEquals(0, y[3 * BLOCK - 1], 1e-15, "the ramp ends at silence");
        s.add(y, 3 * BLOCK, BLOCK, 0);
        for (int i = 3 * BLOCK; i < 4 * BLOCK; i++) assertEquals(0, y[i], "stays silent");
    }

    @Test
    void shouldBeReproducibleFromItsSeed() {
        assertTrue(Arrays.equals(sample(1, 1, 7), sample(1, 1, 7)), "same seed, same band");
        assertTrue(!Arrays.equals(sample(1, 1, 7), sample(1, 1, 8)), "another seed, another band");
    }

    @Test
    void shouldNotAllocatePerBlock() {
        SubBandSource s = new SubBandSource(48000, 5);
        double[] y = new double[240];
        double bytes = TestAudio.bytesPerCall(i -> s.add(y, 0, 240, 1 + (i & 1)), 2000);
        assertTrue(bytes < 1, "bytes per block: " + bytes);
    }
}
