package org.gpvoice.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.pipeline.Pipeline;
import org.gpvoice.pipeline.StageStats;

/**
 * Runs a started-up {@link Pipeline} to its end for {@code live} and {@code play}: the status line (a few times a
 * second, from this thread, never from an audio thread), keys from the terminal, Ctrl-C, a duration limit, and the
 * closing summary.
 */
final class StreamSession {
    /** What the session did, for the summary and for tests. */
    record Result(
            double audioSeconds,
            long skippedFits,
            long fitsLeftOut,
            long underruns,
            double meanOutputLatencyMs,
            double maxOutputLatencyMs,
            boolean interrupted) {}

    private final String name;
    private final Pipeline pipeline;
    private final EngineConfig cfg;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean statusLine;
    private final boolean terminal;
    private volatile boolean quit;

    StreamSession(String name, Pipeline pipeline, EngineConfig cfg, PrintWriter out, PrintWriter err, Boolean status) {
        this.name = name;
        this.pipeline = pipeline;
        this.cfg = cfg;
        this.out = out;
        this.err = err;
        this.terminal = System.console() != null;
        this.statusLine = status != null ? status : terminal;
    }

    /**
     * Starts the pipeline and waits for its end (file over, duration reached, q, or Ctrl-C).
     *
     * @param onKey extra keys (the monitor, presets); 'q' always quits
     */
    Result run(Double durationS, IntConsumer onKey) throws InterruptedException {
        hook = new Thread(() -> {
            quit = true;
            pipeline.stop();
            try {
                done.await(5, TimeUnit.SECONDS); // let the recording close and the summary print
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Keys keys = terminal
                ? Keys.start(System.in, c -> {
                    if (c == 'q' || c == 'Q') {
                        quit = true;
                        pipeline.stop();
                    } else if (onKey != null) {
                        onKey.accept(c);
                    }
                })
                : null;
        long limitBlocks = durationS == null
                ? Long.MAX_VALUE
                : (long) Math.ceil(durationS * pipeline.sampleRate() / pipeline.blockSize());
        long[] fitNow = pipeline.fitCpu.newSnapshot(), fitBefore = pipeline.fitCpu.newSnapshot();
        long[] synNow = pipeline.synthCpu.newSnapshot(), synBefore = pipeline.synthCpu.newSnapshot();
        double latencySum = 0, latencyMax = 0;
        long latencyN = 0;
        long lastPrint = System.nanoTime();
        boolean interrupted = false;
        try {
            pipeline.start();
            while (!pipeline.awaitEnd(250, TimeUnit.MILLISECONDS)) {
                if (pipeline.blocksCaptured() >= limitBlocks) pipeline.stop();
                double outMs = pipeline.outputQueuedFrames() * 1000.0 / pipeline.sampleRate();
                if (pipeline.blocksPlayed() > pipeline.latencyBlocks()) {
                    latencySum += outMs;
                    latencyMax = Math.max(latencyMax, outMs);
                    latencyN++;
                }
                long now = System.nanoTime();
                if (statusLine || now - lastPrint >= 1_000_000_000L) {
                    pipeline.fitCpu.snapshot(fitNow);
                    pipeline.synthCpu.snapshot(synNow);
                    String line = String.format(
                            Locale.ROOT,
                            "%s %6.1f s | fit %4.0f/%4.0f us | synth %3.0f/%4.0f us | skipped fits %d | underruns %d"
                                    + " | latency %.0f ms + out %.0f ms + in %.0f ms | %s",
                            name,
                            pipeline.blocksPlayed() * (double) pipeline.blockSize() / pipeline.sampleRate(),
                            StageStats.percentileUs(fitNow, fitBefore, 50),
                            StageStats.percentileUs(fitNow, fitBefore, 99),
                            StageStats.percentileUs(synNow, synBefore, 50),
                            StageStats.percentileUs(synNow, synBefore, 99),
                            pipeline.skippedFits(),
                            pipeline.underruns(),
                            pipeline.algorithmicLatencyMs(),
                            outMs,
                            pipeline.inputQueuedFrames() * 1000.0 / pipeline.sampleRate(),
                            describeMode());
                    if (statusLine && terminal) {
                        err.print("\r" + line + "\u001b[K");
                    } else {
                        err.println(line);
                    }
                    err.flush();
                    System.arraycopy(fitNow, 0, fitBefore, 0, fitNow.length);
                    System.arraycopy(synNow, 0, synBefore, 0, synNow.length);
                    lastPrint = now;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            pipeline.stop();
            pipeline.awaitEnd(5, TimeUnit.SECONDS);
        } finally {
            if (statusLine && terminal) err.println();
            pipeline.shutdown();
            if (keys != null) keys.close();
        }
        return new Result(
                pipeline.blocksPlayed() * (double) pipeline.blockSize() / pipeline.sampleRate(),
                pipeline.skippedFits(),
                pipeline.fitsLeftOut(),
                pipeline.underruns(),
                latencyN == 0 ? Double.NaN : latencySum / latencyN,
                latencyMax,
                interrupted || quit);
    }

    private final CountDownLatch done = new CountDownLatch(1);
    private Thread hook;

    /**
     * The command has printed its summary and closed its files: lets a Ctrl-C exit proceed. Call once, in a finally
     * after {@link #run}.
     */
    void close() {
        done.countDown();
        if (hook == null) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down (Ctrl-C)
        }
    }

    /** Extra state for the status line (the monitor, the preset); set by the command. */
    volatile java.util.function.Supplier<String> mode = () -> "";

    private String describeMode() {
        return mode.get();
    }

    /**
     * {@link #run}, then the failure report or the summary (and where the recording went); returns the exit code.
     */
    int runToEnd(Double durationS, IntConsumer onKey, java.nio.file.Path recorded) throws InterruptedException {
        Result r = run(durationS, onKey);
        if (pipeline.failure() != null) return Streams.reportFailure(name, pipeline.failure(), err);
        printSummary(r);
        if (recorded != null) out.println("recorded   " + recorded);
        return r.interrupted() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }

    /** The closing summary: per-stage CPU per block, hand-off, skips, underruns, latency. */
    void printSummary(Result r) {
        Pipeline p = pipeline;
        boolean se = cfg.fit().kernel() == org.gpvoice.dsp.model.Kernel.GAUSSIAN
                && cfg.sampler() == org.gpvoice.engine.SamplerKind.STATE_SPACE;
        out.printf(
                Locale.ROOT,
                "model      Q=%d %s%s, %s sampler, seed %d%n",
                cfg.fit().components(),
                cfg.fit().kernel().name().toLowerCase(Locale.ROOT),
                se ? " (" + cfg.seMethod().name().toLowerCase(Locale.ROOT) + " order " + cfg.seOrder() + ")" : "",
                cfg.sampler().cliName(),
                cfg.seed());
        out.printf(
                Locale.ROOT,
                "played     %.2f s at %d Hz in %d-sample (5 ms) blocks%n",
                r.audioSeconds(),
                p.sampleRate(),
                p.blockSize());
        out.printf(Locale.ROOT, "cpu/block  %-8s %8s %8s %8s%n", "stage", "p50 us", "p99 us", "max us");
        row("capture", p.captureCpu);
        row("fit", p.fitCpu);
        row("synthesis", p.synthCpu);
        row("recorder", p.recordCpu);
        row("hand-off", p.handoff);
        out.printf(
                Locale.ROOT,
                "fits       %d skipped by synthesis (played from the last model), %d left out by the fit to catch up%n",
                r.skippedFits(),
                r.fitsLeftOut());
        out.printf(Locale.ROOT, "underruns  %d%n", r.underruns());
        if (p.lastSwitchLatencyBlocks() >= 0) {
            out.printf(
                    Locale.ROOT,
                    "switches   the last preset switch took effect %d block(s) after the key%n",
                    p.lastSwitchLatencyBlocks());
        }
        if (p.droppedBlocks() > 0) {
            out.printf(
                    Locale.ROOT,
                    "caught up  %d captured blocks passed over to keep the latency down%n",
                    p.droppedBlocks());
        }
        out.printf(
                Locale.ROOT,
                "latency    algorithmic %.1f ms; output device queue mean %.1f ms, max %.1f ms%n",
                p.algorithmicLatencyMs(),
                r.meanOutputLatencyMs(),
                r.maxOutputLatencyMs());
    }

    private void row(String stage, StageStats s) {
        out.printf(
                Locale.ROOT,
                "           %-8s %8.0f %8.0f %8.0f%n",
                stage,
                s.percentileUs(50),
                s.percentileUs(99),
                s.maxUs());
    }
}
