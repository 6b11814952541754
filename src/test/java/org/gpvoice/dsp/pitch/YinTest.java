package org.gpvoice.dsp.pitch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class YinTest {
    private static final double MIN_F0_HZ = 60;
    private static final double MAX_F0_HZ = 500;
    private static final double THRESHOLD = 0.15;

    private static int window40ms(double fs) {
        return (int) Math.round(0.040 * fs);
    }

    /** Sum of 10 harmonics of {@code f0Hz}, amplitude 1/k, random phases; written into {@code out}. */
    private static void harmonic(double[] out, double fs, double f0Hz, Random rng) {
        double[] phase = new double[10];
        for (int k = 0; k < phase.length; k++) phase[k] = 2 * Math.PI * rng.nextDouble();
        for (int i = 0; i < out.length; i++) {
            double v = 0;
            for (int k = 1; k <= phase.length; k++) {
                v += Math.sin(2 * Math.PI * k * f0Hz * i / fs + phase[k - 1]) / k;
            }
            out[i] = v;
        }
    }

    @Test
    void shouldFindF0OfHarmonicSignalsWithin0p3Percent() {
        double[] rates = {16000, 22050, 48000};
        double[] f0s = {80, 110, 147.3, 208, 311, 400};
        Random rng = new Random(20020401L);
        StringBuilder failures = new StringBuilder();
        for (double fs : rates) {
            int w = window40ms(fs);
            Yin yin = new Yin(fs, w, MIN_F0_HZ, MAX_F0_HZ, THRESHOLD);
            int off = 13; // analyse away from index 0 to exercise the offset
            double[] x = new double[off + w + 7];
            for (double f0 : f0s) {
                harmonic(x, fs, f0, rng);
                boolean voiced = yin.estimate(x, off);
                double relErr = Math.abs(yin.f0Hz() - f0) / f0;
                if (!voiced || !yin.voiced() || relErr > 0.003) {
                    failures.append(String.format(
                            "fs=%.0f f0=%.1f: voiced=%b est=%.4f relErr=%.5f ap=%.4f%n",
                            fs, f0, voiced, yin.f0Hz(), relErr, yin.aperiodicity()));
                }
                assertTrue(yin.aperiodicity() >= 0 && yin.aperiodicity() < THRESHOLD);
            }
        }
        assertEquals("", failures.toString());
    }

    @Test
    void shouldCallWhiteNoiseUnvoiced() {
        double fs = 16000;
        int w = window40ms(fs);
        Yin yin = new Yin(fs, w, MIN_F0_HZ, MAX_F0_HZ, THRESHOLD);
        Random rng = new Random(7L);
        double[] x = new double[w];
        int windows = 200;
        int unvoiced = 0;
        for (int n = 0; n < windows; n++) {
            for (int i = 0; i < w; i++) x[i] = rng.nextGaussian();
            if (!yin.estimate(x, 0)) {
                unvoiced++;
                assertEquals(0.0, yin.f0Hz());
                assertFalse(yin.voiced());
            }
        }
        assertTrue(unvoiced >= 0.95 * windows, "unvoiced on " + unvoiced + " of " + windows + " noise windows");
    }

    @Test
    void shouldCallSilenceUnvoicedAndClearThePreviousResult() {
        double fs = 22050;
        int w = window40ms(fs);
        Yin yin = new Yin(fs, w, MIN_F0_HZ, MAX_F0_HZ, THRESHOLD);
        double[] x = new double[w];
        harmonic(x, fs, 200, new Random(3L));
        assertTrue(yin.estimate(x, 0), "setup: harmonic window should be voiced");

        double[] zeros = new double[w];
        assertFalse(yin.estimate(zeros, 0));
        assertFalse(yin.voiced());
        assertEquals(0.0, yin.f0Hz());
        assertEquals(1.0, yin.aperiodicity());

        double[] faint = new double[w]; // energy 1e-12 * w: below the 1e-10 * w guard
        for (int i = 0; i < w; i++) faint[i] = 1e-6 * Math.sin(2 * Math.PI * 200 * i / fs) * Math.sqrt(2);
        assertFalse(yin.estimate(faint, 0));
        assertEquals(0.0, yin.f0Hz());
    }

    @Test
    void shouldCallNonFiniteInputUnvoiced() {
        double fs = 16000;
        int w = window40ms(fs);
        Yin yin = new Yin(fs, w, MIN_F0_HZ, MAX_F0_HZ, THRESHOLD);
        double[] x = new double[w];
        harmonic(x, fs, 150, new Random(4L));
        x[w / 2] = Double.NaN;
        assertFalse(yin.estimate(x, 0));
        x[w / 2] = Double.POSITIVE_INFINITY;
        assertFalse(yin.estimate(x, 0));
        assertEquals(0.0, yin.f0Hz());
    }

    /** d(tau) = sum_{j=0}^{Wi-1} (x_j - x_{j+tau})^2, Wi = W - tauMax, straight from the definition. */
    private static double[] bruteForceDifference(double[] x, int off, int w, int tauMax) {
        int wi = w - tauMax;
        double[] d = new double[tauMax + 1];
        for (int tau = 0; tau <= tauMax; tau++) {
            double s = 0;
            for (int j = 0; j < wi; j++) {
                double delta = x[off + j] - x[off + j + tau];
                s += delta * delta;
            }
            d[tau] = s;
        }
        return d;
    }

    @Test
    void shouldMatchBruteForceDifferenceFunctionOnRandomInput() {
        double[][] configs = { // fs, window, minF0, maxF0
            {16000, 640, 60, 500},
            {22050, 882, 60, 500},
            {48000, 1920, 60, 500},
            {8000, 1001, 50, 400},
            {44100, 4096, 30, 1000},
            // W a power of two and tauMax = W / 2: the last lag reads x[W - 1], the end of the transform
            {16000, 512, 62.5, 500}
        };
        Random rng = new Random(11L);
        for (double[] c : configs) {
            int w = (int) c[1];
            Yin yin = new Yin(c[0], w, c[2], c[3], THRESHOLD);
            int off = 5;
            double[] x = new double[off + w + 3];
            for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian() + 0.3; // a DC offset too
            double[] copy = x.clone();
            yin.estimate(x, off);
            assertArrayEquals(copy, x, "estimate must not modify its input");

            double[] expected = bruteForceDifference(x, off, w, yin.tauMax());
            double[] actual = yin.differenceBuffer();
            assertEquals(expected.length, actual.length);
            assertEquals(0.0, actual[0]);
            double worst = 0;
            for (int tau = 1; tau < expected.length; tau++) {
                worst = Math.max(worst, Math.abs(actual[tau] - expected[tau]) / expected[tau]);
            }
            assertTrue(worst <= 1e-9, "fs=" + c[0] + " W=" + w + ": worst relative error " + worst);
        }
    }

    /** The window energy the block analysis reads is the plain sum of squares, in index order: bit for bit. */
    @Test
    void shouldReportTheWindowEnergyOfTheLastCall() {
        Random rng = new Random(5L);
        Yin yin = new Yin(16000, 640, 60, 500, THRESHOLD);
        double[] x = new double[700];
        for (int i = 0; i < x.length; i++) x[i] = 0.2 * rng.nextGaussian();
        for (int off : new int[] {0, 17, 60}) {
            yin.estimate(x, off);
            double e = 0;
            for (int j = 0; j < 640; j++) e += x[off + j] * x[off + j];
            assertEquals(e, yin.windowEnergy(), 0.0, "offset " + off);
        }
        double[] quiet = new double[640];
        quiet[3] = 1e-6; // below the silence threshold: unvoiced, but the energy is still the window's
        assertFalse(yin.estimate(quiet, 0));
        assertEquals(1e-12, yin.windowEnergy(), 0.0);
    }

    @Test
    void shouldRejectWindowTooShortForMinF0AndSayWhatIsNeeded() {
        // tauMax = ceil(16000 / 60) = 267 -> needs 534 samples
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new Yin(16000, 533, MIN_F0_HZ, MAX_F0_HZ, THRESHOLD));
        assertTrue(e.getMessage().contains("534"), e.getMessage());
        new Yin(16000, 534, MIN_F0_HZ, MAX_F0_HZ, THRESHOLD); // the minimum is accepted

        assertThrows(IllegalArgumentException.class, () -> new Yin(16000, 640, 500, 60, THRESHOLD));
        assertThrows(IllegalArgumentException.class, () -> new Yin(16000, 640, 60, 9000, THRESHOLD));
        assertThrows(IllegalArgumentException.class, () -> new Yin(0, 640, 60, 500, THRESHOLD));
        assertThrows(IllegalArgumentException.class, () -> new Yin(16000, 640, 60, 500, 0));
    }

    @Test
    void shouldRejectWindowOutsideTheInput() {
        Yin yin = new Yin(16000, 640, MIN_F0_HZ, MAX_F0_HZ, THRESHOLD);
        assertThrows(IndexOutOfBoundsException.class, () -> yin.estimate(new double[640], 1));
        assertThrows(IndexOutOfBoundsException.class, () -> yin.estimate(new double[640], -1));
    }

    @Test
    void shouldAllocateNothingPerCallAfterWarmUp() {
        double fs = 48000;
        int w = window40ms(fs);
        Yin yin = new Yin(fs, w, MIN_F0_HZ, MAX_F0_HZ, THRESHOLD);
        double[] x = new double[w + 1000];
        harmonic(x, fs, 180, new Random(5L));
        for (int i = 0; i < 5000; i++) yin.estimate(x, i % 1000);

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        @SuppressWarnings("deprecation") // Thread.getId() is deprecated from Java 19; the project targets 17
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        int voiced = 0;
        for (int i = 0; i < 1000; i++) {
            if (yin.estimate(x, i % 1000)) voiced++;
        }
        long after = mx.getThreadAllocatedBytes(tid);
        assertEquals(1000, voiced);
        assertTrue(after - before < 1024, "1000 calls allocated " + (after - before) + " bytes");
    }

    /** 16-bit little-endian mono PCM to doubles in [-1, 1). */
    private static double[] readMono16(Path p) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(p.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, f.getEncoding());
            assertEquals(16, f.getSampleSizeInBits());
            assertEquals(1, f.getChannels());
            assertFalse(f.isBigEndian());
            assertEquals(22050f, f.getSampleRate());
            byte[] bytes = in.readAllBytes();
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            double[] out = new double[bytes.length / 2];
            for (int i = 0; i < out.length; i++) out[i] = bb.getShort() / 32768.0;
            return out;
        }
    }

    @Test
    void shouldAgreeWithTarsosYinOnRealSpeech() throws Exception {
        Path p = Path.of(System.getProperty("gpvoice.data", "../shared/data"), "speech/ljspeech/LJ001-0001.wav");
        Assumptions.assumeTrue(Files.exists(p), "speech sample not present: " + p);
        double[] speech = readMono16(p);

        double fs = 22050;
        int w = window40ms(fs); // 882
        int hop = (int) Math.round(0.005 * fs); // 110
        Yin ours = new Yin(fs, w, MIN_F0_HZ, MAX_F0_HZ, THRESHOLD);
        be.tarsos.dsp.pitch.Yin reference = new be.tarsos.dsp.pitch.Yin((float) fs, w, THRESHOLD);
        float[] buffer = new float[w];

        int frames = 0, oursVoiced = 0, refVoiced = 0, both = 0, agree = 0;
        for (int off = 0; off + w <= speech.length; off += hop) {
            frames++;
            for (int i = 0; i < w; i++) buffer[i] = (float) speech[off + i];
            float refF0 = reference.getPitch(buffer).getPitch();
            boolean refIsVoiced = refF0 > 0;
            boolean oursIsVoiced = ours.estimate(speech, off);
            if (oursIsVoiced) oursVoiced++;
            if (refIsVoiced) refVoiced++;
            if (oursIsVoiced && refIsVoiced) {
                both++;
                if (Math.abs(ours.f0Hz() - refF0) <= 0.03 * refF0) agree++;
            }
        }
        double agreeFrac = both == 0 ? 0 : (double) agree / both;
        String figures = String.format(
                "frames=%d ours voiced=%.1f%% tarsos voiced=%.1f%% both=%d agree within 3%%=%.1f%%",
                frames, 100.0 * oursVoiced / frames, 100.0 * refVoiced / frames, both, 100 * agreeFrac);
        assertTrue(agreeFrac >= 0.90, figures);
        assertTrue(oursVoiced >= 0.30 * frames, figures);
        assertTrue(refVoiced >= 0.30 * frames, figures);
    }
}
