package org.gpvoice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gpvoice.baseline.BaselineEngine;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.OfflineRender;
import org.gpvoice.io.AudioFileException;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;
import org.gpvoice.io.WavWriter;
import org.gpvoice.pipeline.PipelineRender;
import org.gpvoice.plot.BlockParams;
import org.gpvoice.plot.ParamsCsvReader;
import org.gpvoice.plot.RenderPlot;
import org.gpvoice.preset.PresetSwitch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gpvoice render IN.wav OUT.wav}: offline resynthesis of a file. */
@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        description = {
            "Resynthesize a WAV file offline: every 5 ms block is fitted with a Gaussian-process spectral-mixture "
                    + "model (warm-started from the previous block) and a continuous waveform is sampled from it.",
            "",
            "The output has the input's sample rate and length, mono. Stereo input is mixed to mono; 8/16/24/32-bit "
                    + "integer and 32/64-bit float WAV are read."
        },
        footer = {
            "",
            "Examples:",
            "  gpvoice render examples/LJ001-0001.wav out.wav",
            "  gpvoice render in.wav out.wav -q 48 --kernel gaussian --params fit.csv",
            "  gpvoice render in.wav gl.wav --engine griffin-lim",
            "  gpvoice render in.wav out.wav --plot render.png",
            "",
            "Exit codes: 0 done, 2 bad usage or unreadable input, 3 output not writable, 130 interrupted "
                    + "(the output WAV stays valid up to where it stopped)."
        })
public final class RenderCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.wav", description = "Input WAV file.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.wav", description = "Output WAV file (overwritten).")
    Path output;

    @Mixin
    EngineOptions engine;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            description = "What resynthesizes: gpvoice (default), or a baseline that rebuilds the waveform from the "
                    + "input's short-time magnitude (46 ms Hann frames, hop a quarter frame): random-phase (random "
                    + "phases, overlap-add), griffin-lim (Griffin-Lim, 32 iterations), fgla (fast Griffin-Lim, "
                    + "momentum 0.99, 32 iterations), rtpghi (real-time phase gradient heap integration). Baselines "
                    + "read the whole file and use --seed and --encoding only: the model and fit options, --preset, "
                    + "--switch-at, --single-thread and --progress do not apply to them, and --params cannot be "
                    + "written.",
            defaultValue = "gpvoice")
    String engineName;

    @Option(
            names = "--params",
            paramLabel = "PARAMS.csv",
            description =
                    "Also write the fitted parameters of every block (centre, weight, lengthscale per component).")
    Path params;

    @Option(
            names = "--plot",
            paramLabel = "PLOT.png",
            description = "Also draw what the engine did into a PNG (1400 x 900), three panes on one time axis: "
                    + "(1) the input's log spectrogram (46 ms Hann frames, hop 5 ms, 0 to 8 kHz or fs/2 if lower, "
                    + "70 dB range) with a dot at each fitted component's centre frequency in every block (bigger "
                    + "and more opaque for more weight, log scale relative to the block's largest; on long inputs "
                    + "only blocks at least 3 pixels apart) and the F0 track "
                    + "as a line; (2) the output's log spectrogram on the same scale; (3) the frame energy in dB of "
                    + "input and output. Baseline engines get the three panes without component dots. The WAV is "
                    + "written first and kept if the plot cannot be.")
    Path plot;

    @Option(
            names = "--encoding",
            paramLabel = "ENC",
            description = "Output sample format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "PCM16")
    WavWriter.Encoding encoding;

    @Option(
            names = "--progress",
            negatable = true,
            description = "Show a progress bar (default: on for inputs of 20 s or more when writing to a terminal).")
    Boolean progress;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Option(
            names = "--switch-at",
            paramLabel = "T:PRESET,...",
            description = "Switch presets while rendering, at these times of the input (seconds), e.g. "
                    + "1.0:rich-32,2.5:sparse-8: the component count, iterations, weights and initialisation change at "
                    + "the block holding that time, and the model carries over (components split or merged by "
                    + "frequency). The kernel, sampler and analysis window stay as started.")
    String switchAt;

    @Option(
            names = "--single-thread",
            description = "Run fit and synthesis one after the other on one thread instead of through the real-time "
                    + "pipeline (same samples; the pipeline is faster on two or more cores).")
    boolean singleThread;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        EngineConfig cfg;
        List<PresetSwitch.Timed> schedule;
        try {
            BaselineEngine baseline = parseEngine(engineName);
            if (baseline != null) {
                if (switchAt != null) throw new IllegalArgumentException("--switch-at applies to gpvoice only");
                if (params != null) throw new IllegalArgumentException("--params applies to gpvoice only");
                return renderBaseline(baseline, engine.toConfig().seed(), out, err);
            }
            cfg = engine.toConfig();
            schedule = switchAt == null ? List.of() : PresetSwitch.parseSchedule(switchAt, cfg);
            if (singleThread && !schedule.isEmpty())
                throw new IllegalArgumentException("--switch-at runs through the pipeline: drop --single-thread");
        } catch (IllegalArgumentException e) {
            err.println("gpvoice render: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int capacity = cfg.fit().components();
        for (PresetSwitch.Timed t : schedule)
            capacity = Math.max(capacity, t.to().fit().components());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(); // let the render loop close the file
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressListener listener = new ProgressListener(quiet ? Boolean.FALSE : progress);
        Path tempParams = null;
        try {
            // the plot reads the fitted blocks back from a params file: the user's, or a temporary one
            if (plot != null && params == null) tempParams = Files.createTempFile("gpvoice-params-", ".csv");
            Path paramsOut = params != null ? params : tempParams;
            OfflineRender.Summary s = singleThread
                    ? OfflineRender.render(input, output, encoding, cfg, paramsOut, listener, stop)
                    : PipelineRender.render(
                            input, output, encoding, cfg, paramsOut, schedule, capacity, listener, stop);
            listener.close();
            if (!quiet) printSummary(out, s, cfg);
            if (s.interrupted()) {
                err.println("gpvoice render: interrupted; " + output + " holds the first "
                        + String.format(Locale.ROOT, "%.2f", s.audioSeconds()) + " s");
                return ExitCodes.INTERRUPTED;
            }
            if (plot == null) return ExitCodes.OK;
            List<BlockParams> blocks = ParamsCsvReader.read(paramsOut);
            return writePlot(blocks, modelTitle(cfg), out, err);
        } catch (AudioFileException e) {
            listener.close();
            err.println("gpvoice render: " + e.getMessage());
            // a problem with the input is the user's to fix (usage); one with the output file is an I/O failure
            return output.equals(e.file()) ? ExitCodes.IO : ExitCodes.USAGE;
        } catch (IOException e) {
            listener.close();
            err.println("gpvoice render: " + e.getMessage());
            return ExitCodes.IO;
        } finally {
            deleteQuietly(tempParams);
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stray file in the temporary directory is no reason to fail the render
        }
    }

    /** The baseline named {@code name}, or null for gpvoice; throws naming every choice for anything else. */
    static BaselineEngine parseEngine(String name) {
        if (name == null || name.trim().equalsIgnoreCase("gpvoice")) return null;
        try {
            return BaselineEngine.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown --engine '" + name + "': choose one of gpvoice, " + BaselineEngine.choices(), e);
        }
    }

    /** Reads the whole input, resynthesizes it with {@code baseline}, writes it; prints the summary. */
    private int renderBaseline(BaselineEngine baseline, long seed, PrintWriter out, PrintWriter err) {
        MonoClip clip;
        try {
            clip = WavReader.readAll(input);
        } catch (IOException e) {
            err.println("gpvoice render: " + e.getMessage());
            return e instanceof AudioFileException ? ExitCodes.USAGE : ExitCodes.IO;
        }
        long t0 = System.nanoTime();
        double[] y = baseline.render(clip.samples(), clip.sampleRate(), seed);
        double wall = (System.nanoTime() - t0) / 1e9;
        long clipped;
        try (WavWriter w = WavWriter.create(output, clip.sampleRate(), 1, encoding)) {
            w.write(y, 0, y.length);
            clipped = w.clippedSamples();
        } catch (IOException e) {
            err.println("gpvoice render: " + e.getMessage());
            return ExitCodes.IO;
        }
        if (!quiet) {
            double seconds = clip.durationSeconds();
            out.printf(Locale.ROOT, "input      %s%n", clip.description());
            out.printf(Locale.ROOT, "engine     %s (baseline), seed %d%n", baseline.id(), seed);
            out.printf(
                    Locale.ROOT,
                    "speed      %.2f s of audio in %.2f s: %.1fx real time (whole clip, one thread)%n",
                    seconds,
                    wall,
                    seconds / Math.max(wall, 1e-9));
            if (clipped > 0) out.printf(Locale.ROOT, "warning    %d samples clipped%n", clipped);
            out.printf(Locale.ROOT, "wrote      %s%n", output);
        }
        return plot == null
                ? ExitCodes.OK
                : writePlot(
                        List.of(),
                        input.getFileName() + " \u2192 " + output.getFileName() + "   (" + baseline.id() + " baseline)",
                        out,
                        err);
    }

    /**
     * Draws {@link #plot} from the input, the written output and {@code blocks}; prints its summary line or the
     * error. Returns the exit code.
     */
    private int writePlot(List<BlockParams> blocks, String title, PrintWriter out, PrintWriter err) {
        try {
            MonoClip in = WavReader.readAll(input), rendered = WavReader.readAll(output);
            RenderPlot.write(plot, in, rendered, blocks, title);
        } catch (IOException e) {
            err.println("gpvoice render: " + e.getMessage() + "; " + output + " is written");
            return ExitCodes.IO;
        } catch (RuntimeException e) {
            err.println("gpvoice render: " + plot + ": cannot draw plot (" + e + "); " + output + " is written");
            return ExitCodes.SOFTWARE;
        }
        if (!quiet) out.printf(Locale.ROOT, "plot       %s%n", plot);
        return ExitCodes.OK;
    }

    private String modelTitle(EngineConfig cfg) {
        String t = String.format(
                Locale.ROOT,
                "%s \u2192 %s   (gpvoice, Q=%d, %s kernel",
                input.getFileName(),
                output.getFileName(),
                cfg.fit().components(),
                cfg.fit().kernel().name().toLowerCase(Locale.ROOT));
        return t + (switchAt == null ? ")" : "; presets switched at " + switchAt + ")");
    }

    private void printSummary(PrintWriter out, OfflineRender.Summary s, EngineConfig cfg) {
        out.printf(Locale.ROOT, "input      %s%n", s.inputDescription());
        out.printf(
                Locale.ROOT,
                "model      Q=%d %s, analysis %.0f ms, %d LM steps/block%s, %s, seed %d%n",
                cfg.fit().components(),
                cfg.fit().kernel().name().toLowerCase(Locale.ROOT),
                cfg.analysis().analysisMs(),
                cfg.fit().iterations(),
                cfg.fit().jacobianSteps() > 1 ? " (" + cfg.fit().jacobianSteps() + " per Jacobian)" : "",
                cfg.sampler() == org.gpvoice.engine.SamplerKind.STATE_SPACE
                        ? "amplitude lock " + cfg.amplitudeLock()
                        : "sampler " + cfg.sampler().cliName(),
                cfg.seed());
        out.printf(
                Locale.ROOT,
                "blocks     %d x %d samples (5 ms), look-ahead %d blocks (%.1f ms algorithmic latency)%n",
                s.blocks(),
                s.blockSize(),
                s.latencyBlocks(),
                (s.latencyBlocks() + 1) * s.blockSize() * 1000.0 / s.sampleRate());
        out.printf(
                Locale.ROOT,
                "speed      %.2f s of audio in %.2f s: %.1fx real time%n",
                s.audioSeconds(),
                s.wallSeconds(),
                s.realTimeFactor());
        out.printf(
                Locale.ROOT,
                "per block  fit p50 %.0f us, p99 %.0f us; synthesis p50 %.0f us, p99 %.0f us%n",
                s.fitTimes().percentileUs(50),
                s.fitTimes().percentileUs(99),
                s.synthTimes().percentileUs(50),
                s.synthTimes().percentileUs(99));
        out.printf(
                Locale.ROOT,
                "fit        mean residual %.2f dB, failed steps %d, re-seeded components %d%n",
                s.meanResidualDb(),
                s.failedSteps(),
                s.reseeds());
        if (s.clippedSamples() > 0) out.printf(Locale.ROOT, "warning    %d samples clipped%n", s.clippedSamples());
        out.printf(Locale.ROOT, "wrote      %s%n", output);
        if (params != null) out.printf(Locale.ROOT, "params     %s%n", params);
    }

    /** Shows a progress bar for long inputs (or when asked). */
    private static final class ProgressListener implements OfflineRender.Listener {
        private final Boolean forced;
        private ProgressBar bar;

        ProgressListener(Boolean forced) {
            this.forced = forced;
        }

        @Override
        public void started(long totalBlocks, String inputDescription) {
            boolean show = forced != null ? forced : (System.console() != null && totalBlocks >= 20 * 200);
            if (show) {
                bar = new ProgressBarBuilder()
                        .setTaskName("render")
                        .setInitialMax(totalBlocks)
                        .setUnit(" s", 200)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(200)
                        .build();
            }
        }

        @Override
        public void progress(long blocksDone, long totalBlocks) {
            if (bar != null) bar.stepTo(blocksDone);
        }

        void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
