package org.gpvoice.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.gpvoice.TestAudio;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.api.Test;

class RandomPhaseTest {
    @Test
    void shouldFollowTheEnvelopeButNotTheShortTimeSpectrum() throws IOException {
        MonoClip c = WavReader.readAll(TestAudio.example("LJ001-0002.wav"));
        double[] x = c.samples();
        Stft stft = Stft.forSampleRate(c.sampleRate());
        double[] mag = stft.magnitude(x);
        double[] y = new double[x.length];
        RandomPhase.reconstruct(stft, mag, 9, y);
        double sc = Stft.spectralConvergence(stft.magnitude(y), mag, mag.length);
        assertTrue(sc > 0.4, "random phase should be far from consistent: " + sc); // measured 0.58
        // Frame energies in dB over the analysis frames. Random phase spreads each frame's energy evenly over the
        // frame and its level fluctuates like noise: the linear mean squares correlate only 0.87 to 0.94 (seeds 1
        // to 4), the dB envelope 0.975 to 0.985. A wrong magnitude (a misplaced frame, a lost gain) breaks both.
        double r = TestAudio.correlation(
                decibels(TestAudio.frameEnergies(x, 1024, 256)), decibels(TestAudio.frameEnergies(y, 1024, 256)));
        assertTrue(r > 0.95, "frame-energy (dB) correlation " + r);
        double db = 20 * Math.log10(TestAudio.rms(y) / TestAudio.rms(x));
        assertTrue(Math.abs(db) < 1, "level restored (without the gain it is 6.4 dB low): " + db);
    }

    private static double[] decibels(double[] e) {
        double[] d = new double[e.length];
        for (int i = 0; i < e.length; i++) d[i] = 10 * Math.log10(e[i] + 1e-10);
        return d;
    }
}
