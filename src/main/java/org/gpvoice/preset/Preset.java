package org.gpvoice.preset;

import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.spectrum.AnalysisConfig;
import org.gpvoice.dsp.spectrum.Periodogram;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.SamplerKind;

/**
 * A named, validated set of engine settings: what a {@code presets/*.json} file holds (see {@code presets/README.md}
 * for every field, its unit, range and default). Immutable; built on the control thread only.
 *
 * <p>A preset covers the settings a user chooses between sounds with. What it does not cover (the random seed, the
 * pitch range, the fit grid's resolution, the noise floor's cut-off) comes from the base configuration it is applied
 * to, by default {@link EngineConfig#defaults()}.
 *
 * @param name lower-case words joined by dashes, e.g. {@code voice-16}
 * @param description one line for the user: what it sounds like, what it costs
 * @param components spectral-mixture components Q, 1 to 64
 * @param kernel peak shape of every component
 * @param analysisMs analysis window length, ms (10 to 200)
 * @param window analysis window shape
 * @param envelopeMs span of the level envelope's smoothing, ms (5 to 200; the engine caps it at its look-ahead)
 * @param iterations Levenberg-Marquardt steps per block, 1 to 50
 * @param jacobianSteps steps taken on one Jacobian, 1 (every step its own) to 50 ({@link FitConfig})
 * @param smoothness pull toward the previous block's log spectrum, 0 to 100
 * @param peakWeight extra weight on each cell's strongest point, 0 to 1000
 * @param minWidthHz smallest spectral standard deviation of a peak, Hz, in (0, 100]
 * @param harmonicFraction at most this fraction of the components sits on harmonics in voiced blocks (0 = Bark-band
 *     initialisation only)
 * @param harmonicMaxHz harmonics are modelled up to this frequency, Hz
 * @param sampler how each block's waveform is drawn
 * @param seOrder order of the Matern cascade standing in for the gaussian kernel in the sampler, 1 to 6
 * @param levelTracking how firmly the output follows the input's level, 0 to 1
 * @param amplitudeLock how firmly each component holds its fitted level in the state-space sampler, 0 to 1
 * @param narrowingHz line narrowing of the state-space sampler, Hz, 0 to {@link EngineConfig#MAX_NARROWING_HZ}
 */
public record Preset(
        String name,
        String description,
        int components,
        Kernel kernel,
        double analysisMs,
        Periodogram.Window window,
        double envelopeMs,
        int iterations,
        int jacobianSteps,
        double smoothness,
        double peakWeight,
        double minWidthHz,
        double harmonicFraction,
        double harmonicMaxHz,
        SamplerKind sampler,
        int seOrder,
        double levelTracking,
        org.gpvoice.dsp.synth.SeMethod seMethod,
        double amplitudeLock,
        double narrowingHz) {

    /** Shortest and longest envelope smoothing span a preset may ask for, ms. */
    public static final double MIN_ENVELOPE_MS = 5, MAX_ENVELOPE_MS = 200;
    /** Highest harmonic limit a preset may ask for, Hz (beyond any sample rate's Nyquist frequency). */
    public static final double MAX_HARMONIC_HZ = 100_000;

    /** Checks every value; throws IllegalArgumentException naming the first that is out of range. */
    public Preset {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("preset name missing");
        if (description == null) throw new IllegalArgumentException("preset description missing");
        if (kernel == null || window == null || sampler == null || seMethod == null)
            throw new IllegalArgumentException("preset kernel, window, sampler or SE method missing");
        if (!(envelopeMs >= MIN_ENVELOPE_MS && envelopeMs <= MAX_ENVELOPE_MS))
            throw new IllegalArgumentException("envelope span must be 5 to 200 ms, got " + envelopeMs);
        if (!(harmonicMaxHz <= MAX_HARMONIC_HZ))
            throw new IllegalArgumentException("harmonic limit must be at most 100000 Hz, got " + harmonicMaxHz);
        // the engine's own range checks (a compact constructor sees its parameters, not yet its fields)
        build(
                EngineConfig.defaults(),
                components,
                kernel,
                analysisMs,
                window,
                envelopeMs,
                iterations,
                jacobianSteps,
                smoothness,
                peakWeight,
                minWidthHz,
                harmonicFraction,
                harmonicMaxHz,
                sampler,
                seOrder,
                levelTracking,
                seMethod,
                amplitudeLock,
                narrowingHz);
    }

    /** The preset that reproduces {@code c}'s preset-covered settings exactly (the seed and the rest are not kept). */
    public static Preset of(String name, String description, EngineConfig c) {
        FitConfig f = c.fit();
        AnalysisConfig a = c.analysis();
        return new Preset(
                name,
                description,
                f.components(),
                f.kernel(),
                a.analysisMs(),
                a.window(),
                a.envelopeMs(),
                f.iterations(),
                f.jacobianSteps(),
                f.smoothness(),
                f.peakWeight(),
                f.minWidthHz(),
                f.harmonicFraction(),
                f.harmonicMaxHz(),
                c.sampler(),
                c.seOrder(),
                c.levelTracking(),
                c.seMethod(),
                c.amplitudeLock(),
                c.narrowingHz());
    }

    /** True when voiced blocks put components on the harmonics; false = Bark-band peaks only (the seed's way). */
    public boolean harmonic() {
        return harmonicFraction > 0;
    }

    /** The engine configuration of this preset on top of {@link EngineConfig#defaults()}, with the given seed. */
    public EngineConfig toConfig(long seed) {
        return applyTo(EngineConfig.defaults().withSeed(seed));
    }

    /**
     * {@code base} with every setting this preset covers replaced by the preset's; the seed, pitch range, fit-grid
     * resolution, YIN threshold and noise-floor cut-off stay {@code base}'s.
     */
    public EngineConfig applyTo(EngineConfig base) {
        return build(
                base,
                components,
                kernel,
                analysisMs,
                window,
                envelopeMs,
                iterations,
                jacobianSteps,
                smoothness,
                peakWeight,
                minWidthHz,
                harmonicFraction,
                harmonicMaxHz,
                sampler,
                seOrder,
                levelTracking,
                seMethod,
                amplitudeLock,
                narrowingHz);
    }

    private static EngineConfig build(
            EngineConfig base,
            int components,
            Kernel kernel,
            double analysisMs,
            Periodogram.Window window,
            double envelopeMs,
            int iterations,
            int jacobianSteps,
            double smoothness,
            double peakWeight,
            double minWidthHz,
            double harmonicFraction,
            double harmonicMaxHz,
            SamplerKind sampler,
            int seOrder,
            double levelTracking,
            org.gpvoice.dsp.synth.SeMethod seMethod,
            double amplitudeLock,
            double narrowingHz) {
        AnalysisConfig a = base.analysis();
        FitConfig f = base.fit();
        AnalysisConfig analysis = new AnalysisConfig(
                analysisMs, a.erbFraction(), a.minF0Hz(), a.maxF0Hz(), a.yinThreshold(), window, envelopeMs);
        FitConfig fit = new FitConfig(
                components,
                kernel,
                iterations,
                smoothness,
                peakWeight,
                harmonicFraction,
                harmonicMaxHz,
                minWidthHz,
                f.floorCutoffHz(),
                jacobianSteps);
        return new EngineConfig(
                analysis, fit, seOrder, base.seed(), levelTracking, sampler, seMethod, amplitudeLock, narrowingHz);
    }
}
