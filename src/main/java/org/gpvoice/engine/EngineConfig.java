package org.gpvoice.engine;

import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.spectrum.AnalysisConfig;

/**
 * Everything that decides what the engine computes.
 *
 * @param analysis per-block analysis settings
 * @param fit incremental fit settings
 * @param seOrder order of the Matern cascade that stands in for the Gaussian kernel in the sampler (1 to 6)
 * @param seed random seed of the sampler: same seed and input give identical output
 * @param levelTracking how firmly the output is held to the input's block level, 0 (a pure GP sample) to 1
 * @param sampler how each block's waveform is drawn from its model
 */
public record EngineConfig(
        AnalysisConfig analysis, FitConfig fit, int seOrder, long seed, double levelTracking, SamplerKind sampler) {
    public static final int DEFAULT_COMPONENTS = 24;

    public EngineConfig {
        if (seOrder < 1 || seOrder > 6)
            throw new IllegalArgumentException("Gaussian approximation order must be 1 to 6, got " + seOrder);
        if (!(levelTracking >= 0 && levelTracking <= 1))
            throw new IllegalArgumentException("level tracking must be 0 to 1, got " + levelTracking);
        if (sampler == null) throw new IllegalArgumentException("sampler missing");
    }

    public static EngineConfig defaults() {
        return new EngineConfig(
                AnalysisConfig.DEFAULT,
                FitConfig.defaults(DEFAULT_COMPONENTS, Kernel.MATERN32),
                3,
                1L,
                1.0,
                SamplerKind.STATE_SPACE);
    }

    public EngineConfig withFit(FitConfig f) {
        return new EngineConfig(analysis, f, seOrder, seed, levelTracking, sampler);
    }

    public EngineConfig withSampler(SamplerKind k) {
        return new EngineConfig(analysis, fit, seOrder, seed, levelTracking, k);
    }

    public EngineConfig withSeed(long s) {
        return new EngineConfig(analysis, fit, seOrder, s, levelTracking, sampler);
    }
}
