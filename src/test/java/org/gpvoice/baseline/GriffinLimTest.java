package org.gpvoice.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.gpvoice.TestAudio;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Griffin-Lim and FGLA on the example clip (LJ001-0002, 1.9 s at 22.05 kHz), seed 11. */
class GriffinLimTest {
    static double[] x;
    static Stft stft;
    static double[] mag;

    @BeforeAll
    static void load() throws IOException {
        MonoClip c = WavReader.readAll(TestAudio.example("LJ001-0002.wav"));
        x = c.samples();
        stft = Stft.forSampleRate(c.sampleRate());
        mag = stft.magnitude(x);
    }

    private static double convergence(double[] y) {
        return Stft.spectralConvergence(stft.magnitude(y), mag, mag.length);
    }

    @Test
    void shouldConvergeFurtherWithMoreIterations() {
        double[] sc = new double[4];
        int[] iterations = {0, 1, 8, 32};
        for (int i = 0; i < iterations.length; i++) {
            double[] y = new double[x.length];
            new GriffinLim(stft, iterations[i], 0).reconstruct(mag, 11, y, null);
            sc[i] = convergence(y);
        }
        String s = Arrays.toString(sc);
        assertTrue(sc[1] < sc[0] && sc[2] < sc[1] && sc[3] < sc[2], "0 < 1 < 8 < 32 iterations: " + s);
        assertTrue(sc[0] > 0.5, "random phase is far from consistent: " + s);
        assertTrue(sc[3] < 0.25, "32 iterations: " + s); // measured 0.145
    }

    @Test
    void shouldNeverIncreaseTheInconsistencyWithoutMomentum() {
        double[] trace = new double[33];
        new GriffinLim(stft, 32, 0).reconstruct(mag, 11, new double[x.length], trace);
        for (int i = 1; i < trace.length; i++)
            assertTrue(trace[i] <= trace[i - 1] + 1e-12, "iteration " + i + ": " + Arrays.toString(trace));
    }

    @Test
    void shouldTraceTheConvergenceOfTheSignalItReturns() {
        double[] trace = new double[9];
        double[] y = new double[x.length];
        new GriffinLim(stft, 8, 0).reconstruct(mag, 11, y, trace);
        // the output is level-matched after the trace; a gain of 1 +- a few percent moves the figure little
        assertEquals(trace[8], convergence(y), 0.01);
    }

    @Test
    void shouldReachPlainGriffinLimsConvergenceInFarFewerIterationsWithMomentum() {
        double[] gla = new double[33], fgla = new double[33];
        new GriffinLim(stft, 32, 0).reconstruct(mag, 11, new double[x.length], gla);
        GriffinLim fast = GriffinLim.fast(stft);
        assertEquals(0.99, fast.momentum());
        assertEquals(32, fast.iterations());
        fast.reconstruct(mag, 11, new double[x.length], fgla);
        int reached = 0;
        while (reached <= 32 && fgla[reached] > gla[32]) reached++;
        assertTrue(
                reached <= 16,
                "FGLA reached GLA's 32-iteration figure " + gla[32] + " after " + reached + ": "
                        + Arrays.toString(fgla));
        assertTrue(fgla[32] < 0.6 * gla[32], "after 32 each: FGLA " + fgla[32] + ", GLA " + gla[32]);
    }

    @Test
    void shouldBeDeterministicForASeed() {
        double[] a = new double[x.length], b = new double[x.length], c = new double[x.length];
        GriffinLim gl = new GriffinLim(stft, 2, 0.99);
        gl.reconstruct(mag, 5, a, null);
        gl.reconstruct(mag, 5, b, null);
        gl.reconstruct(mag, 6, c, null);
        assertTrue(Arrays.equals(a, b));
        assertTrue(!Arrays.equals(a, c));
    }
}
