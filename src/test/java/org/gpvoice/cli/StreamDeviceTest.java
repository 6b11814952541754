package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gpvoice.TestAudio;
import org.gpvoice.audio.VirtualAudio;
import org.gpvoice.io.Resampling;
import org.gpvoice.io.WavReader;
import org.gpvoice.io.WavWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code live} and {@code play} on real JavaSound devices: the virtual microphone and speaker that
 * {@code ../shared/audio-devices/start-virtual-audio.sh} starts (CI starts them; skipped with a message where they
 * cannot run). What the speaker played is recorded from its monitor and checked against the input: the resynthesized
 * voice (its envelope and level follow the input), not silence, not the dry input, and no underruns.
 */
class StreamDeviceTest {
    private static final int RATE = 48000;

    @TempDir
    Path dir;

    @BeforeEach
    void devices() {
        VirtualAudio.assumeAvailable();
    }

    @Test
    void liveShouldPlayTheResynthesizedVoiceOfWhatTheMicrophoneHears() throws Exception {
        Path voice = TestAudio.example("LJ001-0002.wav");
        Path played = dir.resolve("played.wav"), recorded = dir.resolve("recorded.wav");
        Running live;
        try (VirtualAudio.Recorder speaker = VirtualAudio.record(played, RATE)) {
            live = Running.start("live", "--duration", "5", "--buffer-ms", "40", "--record", recorded.toString());
            live.awaitOutput("speak now", 20);
            Process mic = VirtualAudio.inject(voice);
            try {
                assertTrue(mic.waitFor(15, TimeUnit.SECONDS), "injection finished");
            } finally {
                mic.destroy();
            }
            assertEquals(0, live.await(30), live.describe());
        }
        assertTrue(live.out().contains("underruns  0"), live.describe());
        assertResynthesized(voice, played, "speaker");
        assertResynthesized(voice, recorded, "--record");
    }

    @Test
    void playShouldPlayTheResynthesisPacedByTheDevice() throws Exception {
        Path voice = TestAudio.example("LJ001-0002.wav");
        Path played = dir.resolve("played.wav");
        double seconds = WavReader.readAll(voice).samples().length / 22050.0;
        long t0;
        long t1;
        Running play;
        try (VirtualAudio.Recorder speaker = VirtualAudio.record(played, RATE)) {
            play = Running.start("play", voice.toString(), "--buffer-ms", "40");
            play.awaitOutput("output ", 20);
            t0 = System.nanoTime();
            assertEquals(0, play.await(30), play.describe());
            t1 = System.nanoTime();
        }
        assertTrue(play.out().contains("underruns  0"), play.describe());
        double wall = (t1 - t0) / 1e9;
        // paced by the device: never faster than real time (a file read as fast as possible would take ~0.2 s)
        assertTrue(wall > 0.9 * seconds, "played " + seconds + " s of audio in " + wall + " s");
        assertResynthesized(voice, played, "speaker");
    }

    @Test
    void playShouldResampleTheFileToTheRateAskedAndSaySo() throws Exception {
        Path voice = TestAudio.example("LJ001-0002.wav");
        Path recorded = dir.resolve("recorded.wav");
        Running play =
                Running.start("play", voice.toString(), "--sample-rate", "16000", "--record", recorded.toString());
        assertEquals(0, play.await(30), play.describe());
        assertTrue(play.describe().contains("resampling the file from 22050 Hz to 16000 Hz"), play.describe());
        var out = WavReader.readAll(recorded);
        assertEquals(16000, out.sampleRate());
        double seconds = WavReader.readAll(voice).samples().length / 22050.0;
        assertEquals(seconds, out.samples().length / 16000.0, 0.01, "the whole file, at the new rate");
    }

    @Test
    void playShouldMonitorTheOriginalWhenAsked() throws Exception {
        Path voice = TestAudio.example("LJ001-0002.wav");
        Path played = dir.resolve("played.wav");
        Running play;
        try (VirtualAudio.Recorder speaker = VirtualAudio.record(played, 22050)) {
            play = Running.start("play", voice.toString(), "--monitor", "original");
            assertEquals(0, play.await(30), play.describe());
        }
        double[] in = WavReader.readAll(voice).samples();
        double[] out = WavReader.readAll(played).samples();
        int lag = envelopeLag(in, out, 22050);
        // judged in 100 ms pieces, each lined up on its own (from 5 ms before the last piece's lag to 200 ms after
        // it): the passthrough is the original sample for sample in each piece, and one late buffer on a loaded
        // machine (a gap that shifts the rest of the recording, which the underrun tests count) spoils one piece, not
        // every piece after it
        int piece = 2205, pieces = 0, good = 0;
        double worst = 1;
        for (int s = 0; s + piece <= in.length; s += piece) {
            double[] a = java.util.Arrays.copyOfRange(in, s, s + piece);
            if (TestAudio.rms(a) < 0.01) continue; // the voice's pauses: nothing to correlate
            double c = 0;
            int found = lag;
            for (int l = Math.max(0, lag - 110); l <= lag + 4410 && l + s + piece <= out.length; l++) {
                double r = TestAudio.correlation(a, out, l + s, piece);
                if (r > c) {
                    c = r;
                    found = l;
                }
            }
            if (c > 0.9) lag = found;
            pieces++;
            if (c > 0.9) good++;
            worst = Math.min(worst, c);
        }
        assertTrue(pieces >= 10, "voiced pieces: " + pieces);
        System.out.println(
                "--monitor original: " + good + " of " + pieces + " 100 ms pieces correlate > 0.9, worst " + worst);
        assertTrue(
                good >= 0.9 * pieces,
                "the original, sample for sample: " + good + " of " + pieces + " pieces correlate > 0.9 (worst " + worst
                        + ")");
    }

    /**
     * End-to-end latency with clicks. A combined sink sends each click to the speaker directly and into the microphone
     * at the same instant, so one recording of the speaker holds the dry click and, later, what came out of the
     * microphone-to-speaker path. The same is measured for a plain passthrough (read a block, write it) with the
     * same device buffers, so the difference is what gpvoice adds over the sound system's own latency.
     */
    @Test
    void shouldMeasureTheLatencyFromMicrophoneToSpeakerWithClicks() throws Exception {
        // 5 ms: shorter than the passthrough's latency, so a click and its copy never overlap
        double[] template = new double[RATE / 200];
        for (int i = 0; i < template.length; i++) {
            template[i] = 0.5 * Math.sin(2 * Math.PI * 2000 * i / RATE) * Math.exp(-i / (0.001 * RATE));
        }
        Path clicks = dir.resolve("clicks.wav");
        double[] c = new double[RATE * 4];
        for (double t : new double[] {0.5, 1.5, 2.5, 3.5})
            System.arraycopy(template, 0, c, (int) (t * RATE), template.length);
        try (WavWriter w = WavWriter.create(clicks, RATE, 1, WavWriter.Encoding.PCM16)) {
            w.write(c, 0, c.length);
        }
        String probe = "gpvoice_test_probe_" + ProcessHandle.current().pid();
        String module = pactl(
                        "load-module",
                        "module-combine-sink",
                        "sink_name=" + probe,
                        "slaves=" + VirtualAudio.MIC_FEED + ",virtual_speaker")
                .strip();
        try {
            // the sound system's own latency: a passthrough whose clicks disagree by more than a device buffer
            // (the server re-buffered mid-run, a stall from outside: 25, 25, 54, 54 ms in one CI run) is measured
            // again, up to three times, and the steadiest run is the reference
            List<Double> passthrough = null;
            for (int run = 0; run < 3; run++) {
                List<Double> p = clickLatencies(probe, clicks, template, () -> {
                    passthrough(8);
                    return "";
                });
                if (passthrough == null || (p.size() >= 3 && spread(p) < spread(passthrough))) passthrough = p;
                if (passthrough.size() >= 3 && spread(passthrough) <= 10) break;
            }
            List<Double> gpvoice = clickLatencies(probe, clicks, template, () -> {
                Running live = Running.start("live", "--duration", "8", "--buffer-ms", "20", "--input-buffer-ms", "10");
                live.awaitOutput("speak now", 20);
                return live.describe();
            });
            double pt = median(passthrough), gv = median(gpvoice);
            System.out.printf(
                    Locale.ROOT,
                    "end-to-end latency, buffers out 20 ms / in 10 ms: gpvoice live median %.1f ms %s; plain "
                            + "passthrough median %.1f ms %s; gpvoice adds %.1f ms%n",
                    gv,
                    gpvoice,
                    pt,
                    passthrough,
                    gv - pt);
            assertTrue(passthrough.size() >= 3 && gpvoice.size() >= 3, "clicks found: " + passthrough + " " + gpvoice);
            // the engine adds its 20 ms look-ahead and block, plus at most its output queue (<= the 20 ms buffer)
            // beyond the passthrough's own; more would mean blocks queue up somewhere in the pipeline
            assertTrue(gv > pt && gv - pt < 80, "gpvoice adds " + (gv - pt) + " ms");
        } finally {
            pactl("unload-module", module);
        }
    }

    /** Mic to speaker with nothing in between, on this thread, with the same buffers as the live run. */
    private static void passthrough(double seconds) throws Exception {
        try (var in = org.gpvoice.audio.AudioDevices.openInput(null, RATE, 10);
                var out = org.gpvoice.audio.AudioDevices.openOutput(null, RATE, 20)) {
            byte[] b = new byte[RATE / 200 * 2];
            in.line().start();
            out.line().start();
            for (long n = 0; n < seconds * RATE; n += b.length / 2) {
                int r = in.line().read(b, 0, b.length);
                out.line().write(b, 0, r);
            }
            out.line().drain();
        }
    }

    /** Runs {@code path} while the clicks play into the probe sink; latency per click, ms. */
    private List<Double> clickLatencies(
            String probe, Path clicks, double[] template, java.util.concurrent.Callable<String> path) throws Exception {
        Path played = dir.resolve("latency-" + System.nanoTime() + ".wav");
        try (VirtualAudio.Recorder speaker = VirtualAudio.record(played, RATE)) {
            CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return path.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(2500); // the command's warm-up and device start
            Process p = new ProcessBuilder("paplay", "-d", probe, clicks.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                assertTrue(p.waitFor(15, TimeUnit.SECONDS));
            } finally {
                p.destroy();
            }
            run.get(30, TimeUnit.SECONDS);
            Thread.sleep(1000);
        }
        double[] x = WavReader.readAll(played).samples();
        // a dry click is where the recording matches the click exactly (the path is bit-exact); what came through
        // the microphone path is the energy after it (the resynthesis smears a click over the analysis window), and
        // its latency is the distance between the two energy centroids
        double tEnergy = 0;
        for (double v : template) tEnergy += v * v;
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i + template.length < x.length; i++) {
            double dot = 0, e = 0;
            for (int k = 0; k < template.length; k += 4) {
                dot += x[i + k] * template[k];
                e += x[i + k] * x[i + k];
            }
            if (e < 1e-6 || dot / Math.sqrt(e * tEnergy / 4) < 0.95) continue;
            double dryCentroid = i + centroid(x, i, i + template.length);
            int from = i + template.length, to = Math.min(x.length, i + (int) (0.9 * RATE));
            double wetCentroid = from + centroid(x, from, to);
            double dry = energy(x, i, i + template.length), wet = energy(x, from, to);
            if (wet < 0.05 * dry) continue; // nothing came through (the path was not running)
            latencies.add((wetCentroid - dryCentroid) * 1000.0 / RATE);
            i += RATE / 2;
        }
        return latencies;
    }

    private static double energy(double[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) e += x[i] * x[i];
        return e;
    }

    private static double centroid(double[] x, int from, int to) {
        double num = 0, den = 0;
        for (int i = from; i < to; i++) {
            num += (i - from) * x[i] * x[i];
            den += x[i] * x[i];
        }
        return den == 0 ? 0 : num / den;
    }

    /** Largest minus smallest, ms (infinite when there are none). */
    private static double spread(List<Double> v) {
        if (v.isEmpty()) return Double.POSITIVE_INFINITY;
        return java.util.Collections.max(v) - java.util.Collections.min(v);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** The recording follows the input's envelope and level but is not the dry input. */
    private static void assertResynthesized(Path voice, Path played, String what) throws Exception {
        double[] in = WavReader.readAll(voice).samples();
        int fs = WavReader.readAll(played).sampleRate();
        double[] out = WavReader.readAll(played).samples();
        if (fs != 22050) in = Resampling.resample(in, 22050, fs);
        int lag = envelopeLag(in, out, fs);
        int frame = fs / 100;
        double[] ein = TestAudio.frameEnergies(in, frame, frame);
        double[] eout =
                TestAudio.frameEnergies(java.util.Arrays.copyOfRange(out, Math.max(0, lag), out.length), frame, frame);
        int n = Math.min(ein.length, eout.length);
        double[] a = new double[n], b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 10 * Math.log10(ein[i] + 1e-8);
            b[i] = 10 * Math.log10(eout[i] + 1e-8);
        }
        double envCorr = TestAudio.correlation(a, b);
        double levelDb = 10 * Math.log10(mean(eout, n) / mean(ein, n));
        double wave = bestWaveformCorrelation(in, out, lag, fs);
        // long-term energy in four broad bands (Bark bands grouped: below 510 Hz, to 2 kHz, to 4.4 kHz, to 9.5 kHz),
        // as shares of the energy below 9.5 kHz: the voice clips are 22.05 kHz recordings, with nothing above 11 kHz
        // to compare with when the devices run at 48 kHz
        double[] bin = TestAudio.barkBandEnergies(in, fs);
        double[] bout = TestAudio.barkBandEnergies(
                java.util.Arrays.copyOfRange(out, Math.max(0, lag), Math.min(out.length, Math.max(0, lag) + in.length)),
                fs);
        int[] edges = {0, 5, 13, 18, 22};
        double worstBandDb = 0;
        StringBuilder bands = new StringBuilder();
        double totalIn = java.util.Arrays.stream(bin).sum(),
                totalOut = java.util.Arrays.stream(bout).sum();
        for (int g = 0; g + 1 < edges.length; g++) {
            double ein2 = 0, eout2 = 0;
            for (int k = edges[g]; k < edges[g + 1]; k++) {
                ein2 += bin[k];
                eout2 += bout[k];
            }
            double d = 10 * Math.log10((eout2 / totalOut) / (ein2 / totalIn)); // the band's share of the energy
            bands.append(String.format(Locale.ROOT, " %+.1f", d));
            worstBandDb = Math.max(worstBandDb, Math.abs(d));
        }
        String report = String.format(
                Locale.ROOT,
                "%s: lag %.1f ms, envelope correlation %.3f, level %+.1f dB, waveform correlation %.3f, broad-band "
                        + "energy shares vs the input (dB):%s",
                what,
                lag * 1000.0 / fs,
                envCorr,
                levelDb,
                wave,
                bands);
        System.out.println(report);
        assertTrue(envCorr > 0.7, "follows the voice's envelope: " + report);
        assertTrue(Math.abs(levelDb) < 6, "at the voice's level, not silence: " + report);
        assertTrue(wave < 0.5, "resynthesized, not the dry input: " + report);
        // this checks that what came out of the speaker is this voice resynthesized (white noise or another sound
        // misses by well over 6 dB in some band); the engine's spectral accuracy has its own, tighter target (3 dB
        // per Bark band, EndToEndRenderTest). Measured here: play at 22.05 kHz within 1.6 dB; live at 48 kHz up to
        // +3.8 dB in 4.4-9.5 kHz (the 22.05 kHz clip has nothing above 11 kHz, and the 48 kHz fit's high cells and
        // noise floor spread some of their energy down into that band)
        assertTrue(worstBandDb < 6, "the voice's spectral balance: " + report);
    }

    private static double mean(double[] e, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += e[i];
        return s / n;
    }

    /** Where {@code in} starts in {@code out}, samples: the lag that best lines up their 1 ms log-energy envelopes. */
    private static int envelopeLag(double[] in, double[] out, int fs) {
        int frame = fs / 1000;
        double[] a = TestAudio.frameEnergies(in, frame, frame), b = TestAudio.frameEnergies(out, frame, frame);
        for (int i = 0; i < a.length; i++) a[i] = Math.log10(a[i] + 1e-7);
        for (int i = 0; i < b.length; i++) b[i] = Math.log10(b[i] + 1e-7);
        int best = 0;
        double bestC = -2;
        for (int lag = 0; lag + a.length <= b.length; lag++) {
            double c = TestAudio.correlation(a, java.util.Arrays.copyOfRange(b, lag, lag + a.length));
            if (c > bestC) {
                bestC = c;
                best = lag;
            }
        }
        return best * frame;
    }

    /** Highest normalised waveform correlation of {@code in} with {@code out} within 5 ms of {@code lag}. */
    private static double bestWaveformCorrelation(double[] in, double[] out, int lag, int fs) {
        double best = 0;
        for (int d = -fs / 200; d <= fs / 200; d++) {
            int l = lag + d;
            if (l < 0 || l + in.length > out.length) continue;
            best = Math.max(best, TestAudio.correlation(in, out, l, in.length));
        }
        return best;
    }

    private static String pactl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("pactl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
        return out;
    }

    /** The real command line, running on its own thread, with output readable while it runs. */
    private record Running(CompletableFuture<Integer> code, StringWriter outText, StringWriter errText) {
        static Running start(String... args) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            picocli.CommandLine cl = GpvoiceCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return new Running(CompletableFuture.supplyAsync(() -> cl.execute(args)), out, err);
        }

        void awaitOutput(String text, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!outText.toString().contains(text)) {
                assertTrue(System.nanoTime() < deadline && !code.isDone(), "waiting for '" + text + "': " + describe());
                Thread.sleep(10);
            }
        }

        int await(int seconds) throws Exception {
            return code.get(seconds, TimeUnit.SECONDS);
        }

        String out() {
            return outText.toString();
        }

        String describe() {
            return "stdout:\n" + outText + "\nstderr:\n" + errText;
        }
    }
}
