package org.gpvoice.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.gpvoice.TestAudio;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.io.WavReader;
import org.gpvoice.preset.PresetCatalog;
import org.gpvoice.preset.PresetSwitch;
import org.junit.jupiter.api.Test;

/** Switching presets while the pipeline runs: on time, seamless, at the same level, and without allocation. */
class PresetSwitchingTest {
    private static final int FS = 22050;

    /**
     * The target, on a sustained vowel: there the click ratio of every preset is near 1 everywhere, so a
     * window around a switch measures the switch. (On running speech a 1 s window of any preset, switched or not,
     * ranges from 0.6 to 2.3: edges there coincide with the voice's own changes; see the next test.)
     */
    @Test
    void shouldSwitchFrom4To24To64To8OnAVowelWithClickRatioAtMost1point1AndNoLevelJump() throws Exception {
        double[] x = vowel(10.0);
        EngineConfig start = PresetCatalog.shipped("breathy-4").toConfig(1);
        String[] to = {"default-24", "full-64", "sparse-8"};
        double[] at = {2.5, 5.0, 7.5};
        int bs = org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(FS);
        Pipeline.Switch[] schedule = schedule(start, to, at, bs);
        double[] y = render(x, start, schedule);
        int w = 10 * bs; // 50 ms each side of a switch
        for (int i = 0; i < to.length; i++) {
            int c = (int) schedule[i].block() * bs;
            double click = TestAudio.clickRatio(Arrays.copyOfRange(y, c - 50 * bs, c + 50 * bs), bs);
            double jump = db(y, c, w) - db(y, c - w, w);
            String what = String.format(
                    Locale.ROOT,
                    "vowel, switch to %s at %.2f s: click ratio %.3f over +-250 ms, level change %+.2f dB",
                    to[i],
                    at[i],
                    click,
                    jump);
            System.out.println(what);
            assertTrue(click <= 1.1, what);
            assertTrue(Math.abs(jump) <= 1.0, what);
        }
    }

    /**
     * On speech: no level jump across a switch beyond the unswitched stream's own (the voice's is printed beside it). The click ratio around each switch is printed
     * beside the same span of the unswitched stream, for the record only: after the switch the stream is another
     * preset, whose edges fall elsewhere, so the two are not comparable block for block.
     */
    @Test
    void shouldSwitchOnSpeechWithoutLevelJumps() throws Exception {
        double[] x = WavReader.readAll(TestAudio.example("LJ001-0001.wav")).samples();
        EngineConfig start = PresetCatalog.shipped("breathy-4").toConfig(1);
        String[] to = {"default-24", "full-64", "sparse-8"};
        int bs = org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(FS);
        int w = 10 * bs; // 50 ms each side of a switch
        // switch in steady speech (near 2, 4.5 and 7 s, where the voice's own level changes least across +-50 ms),
        // so that a level jump is the switch's and not the voice's
        double[] at = new double[to.length];
        double[] nominal = {2.0, 4.5, 7.0};
        for (int i = 0; i < to.length; i++) {
            double best = Double.MAX_VALUE;
            for (long k = Math.round((nominal[i] - 0.4) * FS / bs);
                    k <= Math.round((nominal[i] + 0.4) * FS / bs);
                    k++) {
                int c = (int) k * bs;
                double change = Math.abs(db(x, c, w) - db(x, c - w, w));
                if (db(x, c - w, w) > -40 && change < best) {
                    best = change;
                    at[i] = k * bs / (double) FS;
                }
            }
        }
        Pipeline.Switch[] schedule = schedule(start, to, at, bs);
        double[] y = render(x, start, schedule);
        double[] ref = render(x, start, new Pipeline.Switch[0]);
        for (int i = 0; i < to.length; i++) {
            int c = (int) schedule[i].block() * bs;
            double click = TestAudio.clickRatio(Arrays.copyOfRange(y, c - 100 * bs, c + 100 * bs), bs);
            double clickRef = TestAudio.clickRatio(Arrays.copyOfRange(ref, c - 100 * bs, c + 100 * bs), bs);
            double jump = db(y, c, w) - db(y, c - w, w);
            double voice = db(x, c, w) - db(x, c - w, w);
            double unswitched = db(ref, c, w) - db(ref, c - w, w);
            String what = String.format(
                    Locale.ROOT,
                    "speech, switch to %s at %.3f s: click ratio %.3f over +-500 ms (%.3f without the switch), "
                            + "level change %+.2f dB (the voice's own %+.2f dB, the unswitched stream's %+.2f dB)",
                    to[i],
                    c / (double) FS,
                    click,
                    clickRef,
                    jump,
                    voice,
                    unswitched);
            System.out.println(what);
            // the output's own level over 50 ms follows the voice's only to about +-1.5 dB (a random sample, held
            // block by block), with or without a switch: the switch's share is the change beyond the unswitched
            // stream's at the same point (for the first switch the two are the same draw up to it)
            assertTrue(Math.abs(jump - unswitched) <= 1.0, what);
        }
    }

    private static Pipeline.Switch[] schedule(EngineConfig start, String[] to, double[] at, int bs) {
        Pipeline.Switch[] schedule = new Pipeline.Switch[to.length];
        for (int i = 0; i < to.length; i++) {
            PresetSwitch s = PresetSwitch.of(PresetCatalog.shipped(to[i]), start);
            assertTrue(s.unchanged().isEmpty(), "these presets differ only in what switches: " + s.describe());
            schedule[i] = new Pipeline.Switch(Math.round(at[i] * FS / bs), s.fit(), to[i]);
        }
        return schedule;
    }

    /** A sustained /a/: 120 Hz with a slow 2% vibrato, harmonics shaped by formants at 700, 1200, 2600 Hz, breath. */
    private static double[] vowel(double seconds) {
        double[] x = new double[(int) (seconds * FS)];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) FS;
            double f0 = 120 * (1 + 0.02 * Math.sin(2 * Math.PI * 5 * t));
            phase += 2 * Math.PI * f0 / FS;
            double v = 0;
            for (int h = 1; h * 120 < 5000; h++) {
                double f = h * 120;
                double a = formant(f, 700, 110) + 0.6 * formant(f, 1200, 120) + 0.25 * formant(f, 2600, 160);
                v += a * Math.sin(h * phase);
            }
            x[i] = 0.05 * v + 0.002 * TestAudio.gauss(r);
        }
        return x;
    }

    private static double formant(double f, double centre, double bandwidth) {
        double d = (f - centre) / bandwidth;
        return 1 / (1 + d * d);
    }

    @Test
    void shouldLandEachSwitchOnItsBlockAndAllocateNothingWhileSwitching() throws Exception {
        double[] clip = WavReader.readAll(TestAudio.example("LJ001-0001.wav")).samples();
        double[] x = new double[clip.length * 6];
        for (int k = 0; k < 6; k++) System.arraycopy(clip, 0, x, k * clip.length, clip.length);
        EngineConfig start = PresetCatalog.shipped("default-24").toConfig(1);
        List<String> names = List.of("breathy-4", "default-24", "full-64", "sparse-8");
        int bs = org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(FS);
        long perPass = clip.length / bs;
        // a switch every 40 blocks (200 ms) through the whole stream, cycling 4 -> 24 -> 64 -> 8
        int n = (int) (x.length / bs / 40);
        Pipeline.Switch[] schedule = new Pipeline.Switch[n];
        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
            String name = names.get(i % names.size());
            expected[i] = 40L * (i + 1);
            schedule[i] = new Pipeline.Switch(
                    expected[i],
                    PresetSwitch.of(PresetCatalog.shipped(name), start).fit(),
                    name);
        }
        Pipeline p = new Pipeline(start, 64, new ArraySource(x, FS), BlockSink.NONE, (b, k) -> {}, 64, schedule);
        p.start();
        ThreadAllocation.Measured m = ThreadAllocation.between(p, 2 * perPass, 5 * perPass);
        long blocks = m.blocks();
        assertTrue(p.awaitEnd(60, TimeUnit.SECONDS));
        p.shutdown();
        assertNull(p.failure());
        // every scripted switch took effect exactly at its block (within one block is the requirement)
        assertArrayEquals(expected, p.switchLandedAt());
        for (int i = 0; i < ThreadAllocation.STAGES.length; i++) {
            assertTrue(
                    m.perBlock(i) < 1,
                    ThreadAllocation.STAGES[i] + " allocated " + m.bytes()[i] + " bytes over " + blocks + " blocks, "
                            + blocks / 40 + " switches");
        }
    }

    @Test
    void shouldApplyARequestedSwitchAtTheNextBlock() throws Exception {
        double[] clip = WavReader.readAll(TestAudio.example("LJ001-0001.wav")).samples();
        EngineConfig start = PresetCatalog.shipped("default-24").toConfig(1);
        // paced like a device: capture may be at most 4 blocks ahead of synthesis
        Pipeline p = new Pipeline(start, 64, new ArraySource(clip, FS), new PacedSink(), (b, k) -> {}, 4, null);
        p.start();
        ThreadAllocation.waitFor(p, 100);
        p.requestFit(PresetSwitch.of(PresetCatalog.shipped("full-64"), start).fit());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (p.lastSwitchLatencyBlocks() < 0 && System.nanoTime() < deadline) Thread.sleep(1);
        p.stop();
        assertTrue(p.awaitEnd(30, TimeUnit.SECONDS));
        p.shutdown();
        long latency = p.lastSwitchLatencyBlocks();
        assertTrue(latency >= 0 && latency <= 1, "landed " + latency + " blocks after the request");
        assertTrue(p.fitStage().fitter().components() == 64);
    }

    /** A sink that takes a block every millisecond, so the stream runs long enough to switch while it plays. */
    private static final class PacedSink implements BlockSink {
        @Override
        public void write(double[] block, int n) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }

        @Override
        public long budgetNanos() {
            return Long.MAX_VALUE;
        }
    }

    private static double[] render(double[] x, EngineConfig cfg, Pipeline.Switch[] schedule) throws Exception {
        double[] y = new double[x.length];
        int[] at = {0};
        Pipeline p = new Pipeline(
                cfg,
                64,
                new ArraySource(x, FS),
                BlockSink.NONE,
                (b, n) -> {
                    System.arraycopy(b, 0, y, at[0], n);
                    at[0] += n;
                },
                64,
                schedule);
        p.start();
        assertTrue(p.awaitEnd(60, TimeUnit.SECONDS));
        p.shutdown();
        assertNull(p.failure());
        return y;
    }

    private static double db(double[] y, int from, int n) {
        double e = 0;
        for (int i = from; i < from + n; i++) e += y[i] * y[i];
        return 10 * Math.log10(e / n + 1e-20);
    }
}
