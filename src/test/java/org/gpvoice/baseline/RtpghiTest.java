package org.gpvoice.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.gpvoice.TestAudio;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.api.Test;

class RtpghiTest {
    static final int FS = 22050;

    /**
     * A linear chirp from 300 to 2000 Hz over 1 s (1.7 kHz/s, about 4 bins per frame), between 0.25 s of silence on
     * either side. The phase advance between frames m-1 and m at bin k, beyond the bin's own {@code 2 pi k a / N},
     * gives the frequency {@code (k / N + princarg(...) / (2 pi a)) fs}; for a linear chirp the true advance is the
     * instantaneous frequency midway between the two frame centres. Checked at the peak bin and either neighbour (the
     * Hann main lobe), in every pair of frames that lie wholly inside the chirp.
     */
    @Test
    void shouldReconstructAPhaseWhoseTimeDerivativeFollowsAChirp() {
        double f0 = 300, f1 = 2000, t0 = 0.25, duration = 1.0;
        double[] x = new double[(int) (1.5 * FS)];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) FS - t0;
            if (t >= 0 && t < duration)
                x[i] = 0.5 * Math.sin(2 * Math.PI * (f0 * t + 0.5 * (f1 - f0) / duration * t * t));
        }
        Stft stft = Stft.forSampleRate(FS);
        int n = stft.frameLength(), hop = stft.hop(), bins = stft.bins(), frames = stft.frames(x.length);
        double[] mag = stft.magnitude(x);
        double[] phase = new double[mag.length];
        Arrays.fill(phase, Double.NaN);
        Rtpghi.forHann(stft).phase(mag, frames, 7, phase);
        double binHz = FS / (double) n, worst = 0;
        int checked = 0;
        for (int m = 1; m < frames; m++) {
            if ((m - 1) * hop - n / 2 < t0 * FS || m * hop + n / 2 > (t0 + duration) * FS) continue;
            int peak = 0;
            for (int k = 1; k < bins; k++) if (mag[m * bins + k] > mag[m * bins + peak]) peak = k;
            double trueHz = f0 + (f1 - f0) / duration * ((m - 0.5) * hop / (double) FS - t0);
            for (int k = peak - 1; k <= peak + 1; k++) {
                double advance = phase[m * bins + k] - phase[(m - 1) * bins + k] - 2 * Math.PI * k * hop / n;
                double hz = (k / (double) n + Math.IEEEremainder(advance, 2 * Math.PI) / (2 * Math.PI * hop)) * FS;
                worst = Math.max(worst, Math.abs(hz - trueHz) / binHz);
                checked++;
            }
        }
        assertTrue(checked >= 3 * 70, "frames inside the chirp: " + checked / 3);
        assertTrue(worst < 1, "largest error " + worst + " bins"); // measured 0.64 (0.007 for a steady tone)
    }

    @Test
    void shouldReconstructSpeechFarMoreConsistentlyThanRandomPhase() throws IOException {
        MonoClip c = WavReader.readAll(TestAudio.example("LJ001-0002.wav"));
        double[] x = c.samples();
        Stft stft = Stft.forSampleRate(c.sampleRate());
        double[] mag = stft.magnitude(x);
        double[] rt = new double[x.length], rp = new double[x.length];
        Rtpghi.forHann(stft).reconstruct(stft, mag, 3, rt);
        RandomPhase.reconstruct(stft, mag, 3, rp);
        double scRt = Stft.spectralConvergence(stft.magnitude(rt), mag, mag.length);
        double scRp = Stft.spectralConvergence(stft.magnitude(rp), mag, mag.length);
        // measured 0.078 and 0.58
        assertTrue(scRt < 0.5 * scRp && scRt < 0.2, "rtpghi " + scRt + ", random phase " + scRp);
    }

    @Test
    void shouldGiveSilenceForSilenceAndOnlyReadOneFrameAhead() {
        Stft stft = new Stft(64, 16);
        double[] x = new double[640];
        for (int i = 300; i < 640; i++) x[i] = Math.sin(0.3 * i) + 0.3 * Math.sin(1.1 * i);
        double[] mag = stft.magnitude(x);
        int bins = stft.bins(), frames = stft.frames(x.length);
        double[] full = new double[mag.length];
        Rtpghi.forHann(stft).phase(mag, frames, 1, full);
        // frame m's phase must not depend on frames after m + 1: garble them and compare
        int m = 25;
        double[] cut = mag.clone();
        for (int i = (m + 2) * bins; i < cut.length; i++) cut[i] = 1e3 * ((i * 7919) % 13);
        double[] part = new double[mag.length];
        Rtpghi.forHann(stft).phase(cut, frames, 1, part);
        for (int i = 0; i < (m + 1) * bins; i++) assertTrue(full[i] == part[i], "coefficient " + i);
        double[] y = new double[x.length];
        Rtpghi.forHann(stft).reconstruct(stft, stft.magnitude(new double[640]), 1, y);
        for (double v : y) assertTrue(v == 0);
    }
}
