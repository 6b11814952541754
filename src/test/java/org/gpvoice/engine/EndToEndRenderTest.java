package org.gpvoice.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.gpvoice.TestAudio;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;
import org.gpvoice.io.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders LJ001-0001 with the default engine and checks what a listener would: length, level, spectrum, pitch. */
class EndToEndRenderTest {
    @TempDir
    static Path tmp;

    /**
     * The seeds whose renders the two long-term measures (the block-edge click ratio and the Bark-band energies) pool.
     * One render's figures scatter with its sample path: with seeds 1 to 6 LJ001-0001's click ratio was 1.09, 1.01,
     * 0.82, 1.11, 0.80 and 1.01, carried by a few loud vowels, so a single render's ratio says more about its seed
     * than about seams. Pooled over four sample paths the measures estimate the engine's own output (a seam or a
     * biased band shows in every path) with half the scatter.
     */
    static final long[] SEEDS = {1, 2, 3, 4};

    static MonoClip input;
    static MonoClip output; // seed 1, the default
    static MonoClip[] outputs; // one per SEEDS
    static OfflineRender.Summary summary;

    @BeforeAll
    static void render() throws IOException {
        Path in = TestAudio.example("LJ001-0001.wav");
        input = WavReader.readAll(in);
        outputs = new MonoClip[SEEDS.length];
        for (int s = 0; s < SEEDS.length; s++) {
            Path out = tmp.resolve("out" + SEEDS[s] + ".wav");
            OfflineRender.Summary sum = OfflineRender.render(
                    in,
                    out,
                    WavWriter.Encoding.FLOAT32,
                    EngineConfig.defaults().withSeed(SEEDS[s]),
                    null,
                    new OfflineRender.Listener() {},
                    null);
            outputs[s] = WavReader.readAll(out);
            if (s == 0) summary = sum;
        }
        output = outputs[0];
    }

    @Test
    void shouldRenderTheDefaultSeedFirst() {
        assertEquals(EngineConfig.defaults().seed(), SEEDS[0]);
    }

    @Test
    void shouldKeepLengthAndRate() {
        assertEquals(input.sampleRate(), output.sampleRate());
        assertEquals(input.samples().length, output.samples().length);
        assertFalse(summary.interrupted());
        assertEquals(0, summary.failedSteps());
    }

    @Test
    void shouldKeepTheLevelWithinTwoDb() {
        double db = 20 * Math.log10(TestAudio.rms(output.samples()) / TestAudio.rms(input.samples()));
        assertEquals(0, db, 2.0, "level difference " + db + " dB");
    }

    @Test
    void shouldKeepLongTermBarkBandEnergiesWithinThreeDb() {
        double[] a = TestAudio.barkBandEnergies(input.samples(), input.sampleRate());
        double[] b = new double[a.length];
        for (MonoClip o : outputs) {
            double[] e = TestAudio.barkBandEnergies(o.samples(), o.sampleRate());
            for (int i = 0; i < b.length; i++) b[i] += e[i] / outputs.length;
        }
        double[] diff = new double[a.length];
        for (int i = 0; i < a.length; i++) diff[i] = 10 * Math.log10(b[i] / a[i]);
        for (int i = 0; i < a.length; i++)
            assertEquals(0, diff[i], 3.0, "band " + i + " off; all bands (dB): " + Arrays.toString(round(diff)));
    }

    @Test
    void shouldFollowTheFrameEnergyEnvelope() {
        int frame = (int) (0.02 * input.sampleRate()), hop = frame / 2;
        double r = TestAudio.correlation(
                TestAudio.frameEnergies(input.samples(), frame, hop),
                TestAudio.frameEnergies(output.samples(), frame, hop));
        assertTrue(r >= 0.9, "frame-energy envelope correlation " + r);
    }

    @Test
    void shouldKeepThePitchOfVoicedFrames() {
        int frame = 1024, hop = 110; // 46 ms YIN frames, 5 ms hop
        double[] f0In = TestAudio.pitchTrack(input.samples(), input.sampleRate(), frame, hop);
        double[] f0Out = TestAudio.pitchTrack(output.samples(), output.sampleRate(), frame, hop);
        int both = 0, agree = 0, voicedIn = 0;
        for (int i = 0; i < f0In.length; i++) {
            if (f0In[i] > 0) voicedIn++;
            if (f0In[i] > 0 && f0Out[i] > 0) {
                both++;
                if (Math.abs(f0Out[i] / f0In[i] - 1) <= 0.05) agree++;
            }
        }
        double frac = agree / (double) both;
        assertTrue(both > 0.5 * voicedIn, "output voiced on only " + both + " of " + voicedIn + " voiced input frames");
        assertTrue(frac >= 0.8, "pitch within 5% on " + agree + " of " + both + " frames voiced in both: " + frac);
    }

    @Test
    void shouldHaveNoSeamsAtBlockBoundaries() {
        double[] sums = new double[4];
        for (MonoClip o : outputs) TestAudio.clickSums(o.samples(), 0, o.samples().length, summary.blockSize(), sums);
        double ratio = TestAudio.clickRatio(sums);
        assertTrue(ratio <= 1.1, "click ratio pooled over seeds " + Arrays.toString(SEEDS) + ": " + ratio);
    }

    @Test
    void shouldReproduceExactlyWithTheSameSeedAndDifferWithAnother() throws IOException {
        Path in = TestAudio.example("LJ001-0002.wav");
        double[] a = renderToArray(in, 7), b = renderToArray(in, 7), c = renderToArray(in, 8);
        assertArrayEquals(a, b);
        double diff = 0;
        for (int i = 0; i < a.length; i++) diff += Math.abs(a[i] - c[i]);
        assertTrue(diff > 1, "a different seed should give a different sample path");
    }

    static double[] renderToArray(Path in, long seed) throws IOException {
        Path out = tmp.resolve("seed" + seed + "-" + System.nanoTime() + ".wav");
        OfflineRender.render(
                in,
                out,
                WavWriter.Encoding.FLOAT32,
                EngineConfig.defaults().withSeed(seed),
                null,
                new OfflineRender.Listener() {},
                null);
        return WavReader.readAll(out).samples();
    }

    static double[] round(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[i] = Math.round(x[i] * 10) / 10.0;
        return r;
    }
}
