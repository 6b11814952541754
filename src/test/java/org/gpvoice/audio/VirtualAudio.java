package org.gpvoice.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.Assumptions;

/**
 * The virtual speaker and microphone of {@code ../shared/audio-devices} (PulseAudio null sinks), for tests that need
 * real devices. Playing to the default output lands on {@code virtual_speaker}, which {@link #record} captures;
 * {@link #inject} feeds {@code virtual_mic}, the default input.
 *
 * <p>Every process started here has a bounded wait and is also registered with a shutdown hook, so a failing or
 * timed-out test cannot leave a {@code paplay} or {@code parecord} behind the test JVM.
 */
public final class VirtualAudio {
    /** Sink Java's default output plays to; record its {@code .monitor}. */
    public static final String SPEAKER_MONITOR = "virtual_speaker.monitor";
    /** Sink whose monitor is the virtual microphone: play into it to feed the default input. */
    public static final String MIC_FEED = "virtual_mic_feed";

    private static final String NOT_RUNNING =
            "virtual audio devices not running: start them with ../shared/audio-devices/start-virtual-audio.sh";
    private static final long COMMAND_TIMEOUT_MS = 5000;

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<String> MODULES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (Process p : LIVE) p.destroyForcibly();
                            for (String module : MODULES) {
                                try {
                                    pactl("unload-module", module);
                                } catch (IOException e) {
                                    // The JVM is going away; a left-over null sink is harmless.
                                }
                            }
                        },
                        "virtual-audio-reaper"));
    }

    private VirtualAudio() {}

    private static final class Availability { // lazy holder: probed once per JVM, on first use
        static final boolean AVAILABLE = probe();
    }

    /** Whether JavaSound lists a device that both plays and captures, and a PulseAudio server answers {@code pactl}. */
    public static boolean available() {
        return Availability.AVAILABLE;
    }

    /** Skips the calling test, with how to start the devices, when they are not {@link #available()}. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(available(), NOT_RUNNING);
    }

    private static boolean probe() {
        boolean output = false, input = false;
        try {
            for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
                Mixer m = AudioSystem.getMixer(mi);
                output |= m.isLineSupported(new Line.Info(SourceDataLine.class));
                input |= m.isLineSupported(new Line.Info(TargetDataLine.class));
            }
        } catch (RuntimeException e) {
            return false;
        }
        if (!output || !input) return false;
        try {
            pactl("info");
            return true;
        } catch (IOException e) {
            return false; // no pactl, no server, or it hangs
        }
    }

    /**
     * Starts playing {@code wav} into the virtual microphone ({@code paplay -d virtual_mic_feed}); PulseAudio paces it
     * in real time, so it lasts as long as the file. The caller owns the process: wait for it with a timeout and
     * {@link Process#destroy()} it in a {@code finally}. Its output is discarded.
     */
    public static Process inject(Path wav) throws IOException {
        return play(MIC_FEED, wav);
    }

    private static Process play(String sink, Path wav) throws IOException {
        Process p = new ProcessBuilder("paplay", "-d", sink, wav.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        return p;
    }

    /**
     * Starts recording the virtual speaker (everything played to the default output) into a 16-bit mono WAV at
     * {@code rate} Hz, and returns once the recording stream is connected, so nothing played afterwards is missed.
     * Close it to stop the recording and finish the file.
     *
     * @throws IOException if {@code parecord} cannot start or does not connect within 5 s
     */
    public static Recorder record(Path out, int rate) throws IOException {
        return new Recorder(SPEAKER_MONITOR, out, rate);
    }

    /**
     * A null sink of this test's own, so that other users of the shared virtual devices (another engineer's {@code
     * gpvoice live}, a parallel build) cannot mix into what a test records or captures. Java cannot choose a
     * PulseAudio device, so the test opens its line on the default device as usual and then moves the line's stream
     * here with {@link #takeOutputs()} (for playback) or {@link #takeInputs()} (for capture, which then reads this sink's
     * monitor). Closing unloads the sink; PulseAudio moves any stream still on it back to the default.
     */
    public static PrivateSink privateSink(String purpose) throws IOException {
        return new PrivateSink(purpose);
    }

    public static final class PrivateSink implements AutoCloseable {
        private static final AtomicInteger COUNT = new AtomicInteger();
        private final String name;
        private final String module;

        private PrivateSink(String purpose) throws IOException {
            name = "gpvoice_test_" + purpose + "_" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
            // norewinds=1 as in start-virtual-audio.sh: without it the monitor loses the first ms of each stream.
            module = pactl(
                            "load-module",
                            "module-null-sink",
                            "sink_name=" + name,
                            "rate=48000",
                            "channels=1",
                            "format=s16le",
                            "norewinds=1")
                    .strip();
            MODULES.add(module);
        }

        /** The sink's name: play into it with {@code paplay -d}. */
        public String name() {
            return name;
        }

        /** Moves every playback stream of this JVM (its open {@code SourceDataLine}s) to this sink. */
        public void takeOutputs() throws IOException {
            for (String id : streamsOfThisJvm("sink-inputs", "Sink Input #")) pactl("move-sink-input", id, name);
        }

        /** Moves every capture stream of this JVM (its open {@code TargetDataLine}s) to this sink's monitor. */
        public void takeInputs() throws IOException {
            for (String id : streamsOfThisJvm("source-outputs", "Source Output #")) {
                pactl("move-source-output", id, name + ".monitor");
            }
        }

        /** Records this sink's monitor; as {@link VirtualAudio#record}. */
        public Recorder record(Path out, int rate) throws IOException {
            return new Recorder(name + ".monitor", out, rate);
        }

        /** Plays {@code wav} into this sink; as {@link VirtualAudio#inject}. */
        public Process inject(Path wav) throws IOException {
            return play(name, wav);
        }

        @Override
        public void close() throws IOException {
            try {
                pactl("unload-module", module);
            } finally {
                MODULES.remove(module);
            }
        }
    }

    /** Stream indices ({@code pactl list KIND}) whose {@code application.process.id} is this JVM's. */
    private static List<String> streamsOfThisJvm(String kind, String header) throws IOException {
        String pid = "application.process.id = \"" + ProcessHandle.current().pid() + "\"";
        List<String> ids = new ArrayList<>();
        String current = null;
        for (String line : pactl("list", kind).split("\n")) {
            String t = line.strip();
            if (t.startsWith(header)) current = t.substring(header.length());
            else if (t.equals(pid) && current != null) ids.add(current);
        }
        if (ids.isEmpty())
            throw new IOException("no " + kind + " of this JVM (pid "
                    + ProcessHandle.current().pid() + "): open the line before moving it");
        return ids;
    }

    /** Runs {@code pactl ARGS} within the timeout and returns its output; throws with the output if it fails. */
    private static String pactl(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("pactl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            // Read beside the wait, so neither a full pipe nor a hung pactl can block the test past the timeouts.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = p.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IOException(
                        String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT_MS + " ms");
            }
            String text = output.get(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + text.strip());
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the output of " + String.join(" ", command), e);
        } finally {
            stop(p);
        }
    }

    /**
     * A running {@code parecord} on a sink's monitor. {@link #close()} stops it with SIGTERM, which
     * parecord handles like Ctrl-C by writing the WAV header's sizes, and waits for it to exit.
     */
    public static final class Recorder implements AutoCloseable {
        private static final int MAX_LOG_CHARS = 4000;

        private final Path out;
        private final Process process;
        private final StringBuilder log = new StringBuilder();
        private final CountDownLatch startupDecided = new CountDownLatch(1);
        private volatile boolean connected;
        private final Thread drain;

        private Recorder(String source, Path out, int rate) throws IOException {
            this.out = out;
            // -v prints "Connected to device" once the stream runs; --latency-msec makes the server hand over audio
            // every 20 ms instead of in 2 s fragments, so stopping soon after playback loses nothing.
            process = new ProcessBuilder(
                            "parecord",
                            "-v",
                            "-d",
                            source,
                            "--rate=" + rate,
                            "--channels=1",
                            "--format=s16le",
                            "--latency-msec=20",
                            "--file-format=wav",
                            out.toString())
                    .redirectErrorStream(true)
                    .start();
            LIVE.add(process);
            process.onExit().thenRun(() -> LIVE.remove(process));
            drain = new Thread(this::drainOutput, "parecord-output");
            drain.setDaemon(true);
            drain.start();
            boolean inTime;
            try {
                inTime = startupDecided.await(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IOException("interrupted while starting parecord", e);
            }
            if (!connected) {
                close();
                throw new IOException("parecord "
                        + (inTime ? "exited before connecting" : "did not connect within " + COMMAND_TIMEOUT_MS + " ms")
                        + " to " + source + ": " + log());
            }
        }

        /** Reads parecord's chatter (so it never blocks on a full pipe), keeps the start of it, spots the connection. */
        private void drainOutput() {
            byte[] buf = new byte[1024];
            try (InputStream in = process.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (log) {
                        if (log.length() < MAX_LOG_CHARS) log.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (!connected && log.indexOf("Connected to device") >= 0) {
                            connected = true;
                            startupDecided.countDown();
                        }
                    }
                }
            } catch (IOException e) {
                // The process ended; nothing more to read.
            } finally {
                startupDecided.countDown(); // a dead parecord will not connect: let the constructor see that at once
            }
        }

        /** The WAV being written. */
        public Path path() {
            return out;
        }

        /** The start of what parecord printed, for failure messages. */
        public String log() {
            synchronized (log) {
                return log.toString().replace('\r', '\n');
            }
        }

        /** Stops parecord (SIGTERM, then SIGKILL after 5 s) and waits for it; the WAV is complete afterwards. */
        @Override
        public void close() {
            stop(process);
            try {
                drain.join(COMMAND_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM, up to 5 s for a clean exit, then SIGKILL and up to 2 s more. Never throws, never waits unbounded. */
    static void stop(Process p) {
        if (p == null) return;
        boolean interrupted = false;
        try {
            p.destroy();
            try {
                if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(2000, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
                p.destroyForcibly();
            }
        } finally {
            LIVE.remove(p);
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
