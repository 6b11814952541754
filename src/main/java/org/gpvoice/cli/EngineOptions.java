package org.gpvoice.cli;

import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.spectrum.AnalysisConfig;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.SamplerKind;
import picocli.CommandLine.Option;

/** Model and fit options shared by every mode that runs the engine. */
public final class EngineOptions {
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
            description = "Analysis window in ms, Hann, centred on each 5 ms block (default: ${DEFAULT-VALUE}). "
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
            names = "--smoothness",
            paramLabel = "MU",
            description = "Pull of each block's fit toward the previous block's spectrum, 0 to 100 "
                    + "(default: ${DEFAULT-VALUE}). Higher = steadier, less warbly sound, slower to follow changes.",
            defaultValue = "0.3")
    double smoothness;

    @Option(
            names = "--se-order",
            paramLabel = "N",
            description =
                    "Order of the Matern cascade approximating the gaussian kernel, 1 to 6 (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int seOrder;

    @Option(
            names = {"-s", "--seed"},
            paramLabel = "N",
            description = "Random seed: the same seed and input give the same output (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(
            names = "--level-tracking",
            paramLabel = "X",
            description = "How firmly the output follows the input's 5 ms level, 0 (a pure GP sample: its level "
                    + "wanders by chance) to 1 (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    double levelTracking;

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

    /** Builds the validated engine configuration; throws IllegalArgumentException with a readable message. */
    public EngineConfig toConfig() {
        FitConfig base = FitConfig.defaults(components, kernel);
        FitConfig fit = base.withIterations(iterations).withSmoothness(smoothness);
        AnalysisConfig analysis =
                AnalysisConfig.DEFAULT.withAnalysisMs(analysisMs).withWindow(window);
        return new EngineConfig(analysis, fit, seOrder, seed, levelTracking, SamplerKind.parse(sampler));
    }
}
