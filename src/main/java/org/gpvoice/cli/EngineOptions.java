package org.gpvoice.cli;

import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.spectrum.AnalysisConfig;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.SamplerKind;
import org.gpvoice.preset.Preset;
import org.gpvoice.preset.PresetCatalog;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Model and fit options shared by every mode that runs the engine.
 *
 * <p>Precedence, lowest first: the built-in defaults, then {@code --preset}, then every option given explicitly on
 * the command line (an option left out keeps the preset's value, even where the preset differs from the option's
 * default). Without {@code --preset}, {@link #toConfig()} is exactly the options' values over the defaults.
 */
public final class EngineOptions {
    /** The command this mixin is part of: its parse result tells which options the user gave. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--preset",
            paramLabel = "NAME|PATH",
            description = "Start from a preset: a shipped one (list them with `gpvoice presets`: breathy-4, sparse-8, "
                    + "voice-16, default-24, fast-24, rich-32, full-64, seed) or the path of your own .json file (format in "
                    + "presets/README.md). Options given on the command line override the preset's values.")
    String preset;

    private String loadedFrom;
    private Preset loaded;

    @Option(
            names = {"-q", "--components"},
            paramLabel = "Q",
            description = "Spectral-mixture components per block, 1 to 64 (default: ${DEFAULT-VALUE}). "
                    + "More components = a richer, more voiced sound and more CPU.",
            defaultValue = "24")
    int components;

    @Option(
            names = {"-k", "--kernel"},
            paramLabel = "KERNEL",
            description = "Peak shape of each component: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "matern12 = damped phasor (cheapest, Lorentzian peaks), matern32 = smoother peaks, "
                    + "gaussian = the original method's kernel, sampled through a Matern cascade of order --se-order.",
            defaultValue = "matern32")
    Kernel kernel;

    @Option(
            names = {"-w", "--analysis-ms"},
            paramLabel = "MS",
            description =
                    "Analysis window in ms, centred on each 5 ms block (its shape: --window) (default: ${DEFAULT-VALUE}). "
                            + "Longer resolves harmonics of low voices better but adds look-ahead latency.",
            defaultValue = "30")
    double analysisMs;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            description = "Levenberg-Marquardt steps per block, warm-started (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int iterations;

    @Option(
            names = "--jacobian-steps",
            paramLabel = "N",
            description = "How many of a block's steps share one Jacobian: 1 (default) evaluates it after every "
                    + "accepted step; N > 1 evaluates it once per N steps and takes the steps between on the same "
                    + "matrix (the chord method): each step is cheaper, each gains less. --iterations 3 "
                    + "--jacobian-steps 3 fits a block in about 0.7 of the time (preset fast-24).",
            defaultValue = "1")
    int jacobianSteps;

    @Option(
            names = "--smoothness",
            paramLabel = "MU",
            description = "Pull of each block's fit toward the previous block's spectrum, 0 to 100 "
                    + "(default: ${DEFAULT-VALUE}). Higher = steadier, less warbly sound, slower to follow changes.",
            defaultValue = "0.3")
    double smoothness;

    @Option(
            names = "--se-order",
            paramLabel = "N",
            description = "Order of the state-space stand-in for the gaussian kernel: cascade 1 to 6 (default 3), "
                    + "taylor 1 to 10 (default 6). Higher = closer to the true Gaussian peak, more CPU.",
            defaultValue = "3")
    int seOrder;

    @Option(
            names = "--se-method",
            paramLabel = "HOW",
            description = "How the state-space sampler draws the gaussian kernel: cascade (default: a Matern cascade "
                    + "with the Gaussian's width; order 3 is 9.7%% off the Gaussian peak at worst, cheap) or taylor "
                    + "(the order-N spectral factorisation of the Gaussian, Hartikainen and Sarkka: 0.3%% off at "
                    + "order 6, about 5x the synthesis cost). Only the gaussian kernel uses it.",
            defaultValue = "cascade")
    String seMethod;

    @Option(
            names = {"-s", "--seed"},
            paramLabel = "N",
            description = "Random seed: the same seed and input give the same output (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(
            names = "--level-tracking",
            paramLabel = "X",
            description = "How firmly the output follows the input's 5 ms level, and the input's balance of bands "
                    + "above 2.4 kHz, 0 (a pure GP sample: its level wanders by chance) to 1 (held to it block by "
                    + "block; default: ${DEFAULT-VALUE}).",
            defaultValue = "0.8")
    double levelTracking;

    @Option(
            names = "--amplitude-lock",
            paramLabel = "X",
            description = "How firmly each component holds its fitted level, 0 (a pure sample of the fitted process: "
                    + "each narrow component swells and fades by chance, a wobbling voice) to 1 (only its phase "
                    + "wanders). State-space sampler only (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + EngineConfig.DEFAULT_AMPLITUDE_LOCK)
    double amplitudeLock;

    @Option(
            names = "--narrowing",
            paramLabel = "HZ",
            description = "Line narrowing: every component is sampled narrower than fitted, its half-power width W "
                    + "taken to sqrt(W^2 - HZ^2) (at most 4 times narrower), so harmonics hold together instead of "
                    + "swelling and fading by chance; broad bands barely change. 0 samples the fitted widths. "
                    + "State-space sampler only (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + EngineConfig.DEFAULT_NARROWING_HZ)
    double narrowingHz;

    @Option(
            names = "--sampler",
            paramLabel = "HOW",
            description = "How each block's waveform is drawn: state-space (default: exact, the state carries across "
                    + "blocks, no seams), block-ar (each block conditioned on the previous one, the original method's "
                    + "autoregressive recursion, via Levinson-Durbin), zero-pinned (the original method's independent "
                    + "blocks pinned to zero at both ends: seams, kept as a reference).",
            defaultValue = "state-space")
    String sampler;

    @Option(
            names = "--window",
            paramLabel = "SHAPE",
            description = "Analysis window: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). The fit models a "
                    + "gaussian window's response exactly; hann is the classic choice.",
            defaultValue = "gaussian")
    org.gpvoice.dsp.spectrum.Periodogram.Window window;

    /**
     * Builds the validated engine configuration: defaults, then the preset if one was given, then the options given
     * explicitly. Throws IllegalArgumentException with a readable message (a {@link
     * org.gpvoice.preset.PresetException} for a preset that cannot be found or read, or has a bad field).
     */
    public EngineConfig toConfig() {
        Preset p = preset();
        EngineConfig base = p == null ? EngineConfig.defaults() : p.toConfig(seed);
        boolean all = p == null; // no preset: every option's value counts, given or default
        FitConfig f = base.fit();
        FitConfig fit = new FitConfig(
                all || given("--components") ? components : f.components(),
                all || given("--kernel") ? kernel : f.kernel(),
                all || given("--iterations") ? iterations : f.iterations(),
                all || given("--smoothness") ? smoothness : f.smoothness(),
                f.peakWeight(),
                f.harmonicFraction(),
                f.harmonicMaxHz(),
                f.minWidthHz(),
                f.floorCutoffHz(),
                all || given("--jacobian-steps") ? jacobianSteps : f.jacobianSteps());
        AnalysisConfig a = base.analysis();
        AnalysisConfig analysis = new AnalysisConfig(
                all || given("--analysis-ms") ? analysisMs : a.analysisMs(),
                a.erbFraction(),
                a.minF0Hz(),
                a.maxF0Hz(),
                a.yinThreshold(),
                all || given("--window") ? window : a.window(),
                a.envelopeMs());
        org.gpvoice.dsp.synth.SeMethod method =
                all || given("--se-method") ? org.gpvoice.dsp.synth.SeMethod.parse(seMethod) : base.seMethod();
        int order;
        if (given("--se-order")) order = seOrder;
        else if (method == org.gpvoice.dsp.synth.SeMethod.TAYLOR)
            order = base.seMethod() == method ? base.seOrder() : 6; // taylor's own default
        else order = all ? seOrder : base.seOrder();
        return new EngineConfig(
                analysis,
                fit,
                order,
                seed,
                all || given("--level-tracking") ? levelTracking : base.levelTracking(),
                all || given("--sampler") ? SamplerKind.parse(sampler) : base.sampler(),
                method,
                all || given("--amplitude-lock") ? amplitudeLock : base.amplitudeLock(),
                all || given("--narrowing") ? narrowingHz : base.narrowingHz());
    }

    /**
     * The name of the preset given with {@code --preset} (the {@code name} inside the file for a path), or null
     * when none was given. Throws like {@link #toConfig()} when the preset cannot be read.
     */
    public String presetName() {
        Preset p = preset();
        return p == null ? null : p.name();
    }

    /** The preset named by {@code --preset}, read once; null when none was given. */
    private Preset preset() {
        if (preset == null) return null;
        if (!preset.equals(loadedFrom)) {
            loaded = PresetCatalog.resolve(preset);
            loadedFrom = preset;
        }
        return loaded;
    }

    /** True when the user gave option {@code name} on the command line (false when not parsed by picocli). */
    private boolean given(String name) {
        if (mixee == null) return false;
        ParseResult pr =
                mixee.commandLine() == null ? null : mixee.commandLine().getParseResult();
        return pr != null && pr.hasMatchedOption(name);
    }
}
