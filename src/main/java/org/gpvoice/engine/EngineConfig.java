package org.gpvoice.engine;

import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.spectrum.AnalysisConfig;
import org.gpvoice.dsp.synth.SeMethod;

/**
 * Everything that decides what the engine computes.
 *
 * @param analysis per-block analysis settings
 * @param fit incremental fit settings
 * @param seOrder order of the state-space stand-in for the Gaussian kernel in the sampler (cascade 1 to 6, taylor 1 to
 *     10)
 * @param seed random seed of the sampler: same seed and input give identical output
 * @param levelTracking how firmly the output is held to the input's block level, and its bands above 2.4 kHz to
 *     the input's shares (the band balance), 0 (a pure GP sample) to 1
 * @param sampler how each block's waveform is drawn from its model
 * @param seMethod how the state-space sampler realises the Gaussian kernel: a Matern cascade or the order-N Taylor
 *     spectral factorisation (Hartikainen and Sarkka)
 * @param amplitudeLock how firmly each component of the state-space sampler holds its fitted weight, 0 (a pure sample
 *     of the fitted process) to 1 (only the phase wanders); see {@code StateSpaceSampler#setAmplitudeLock}
 * @param narrowingHz line narrowing of the state-space sampler, Hz (0 = the fitted widths); see {@code
 *     StateSpaceSampler#setNarrowing}
 */
public record EngineConfig(
        AnalysisConfig analysis,
        FitConfig fit,
        int seOrder,
        long seed,
        double levelTracking,
        SamplerKind sampler,
        SeMethod seMethod,
        double amplitudeLock,
        double narrowingHz) {
    public static final int DEFAULT_COMPONENTS = 24;
    /**
     * The engine's amplitude lock: 1, now that its strength falls with a component's coherence across a block and its
     * gain keeps a narrow component's mean power (docs/BENCHMARKS.md, "The fifth round"). Before those two, 0.5 had
     * the same gain as 1 with the smaller change to the process.
     */
    public static final double DEFAULT_AMPLITUDE_LOCK = 1.0;
    /**
     * The engine's line narrowing, Hz: with it default-24 went from STOI 0.876 to 0.897 and log-mel 5.22 to 5.06 dB on
     * the quality clips (docs/BENCHMARKS.md, "The fifth round"); 15 and 25 Hz measured no better.
     */
    public static final double DEFAULT_NARROWING_HZ = 20;
    /** Largest line narrowing accepted, Hz. */
    public static final double MAX_NARROWING_HZ = 500;
    /**
     * Level tracking 0.8, not 1: holding each 5 ms block to the input's level scales every band by the block's
     * measured power, which the strongest components' random swings dominate; 0.8 leaves a fifth of that swing to the
     * process and measured 5.17 against 5.26 dB log-mel, STOI 0.871 against 0.866 on the quality clips
     * (docs/BENCHMARKS.md). Lower still is better on those two and worse on the envelope, and lets the presets' own
     * level differences through at a switch.
     */
    public static final double DEFAULT_LEVEL_TRACKING = 0.8;

    public EngineConfig {
        if (seMethod == null) throw new IllegalArgumentException("SE method missing");
        int maxOrder = seMethod == SeMethod.TAYLOR ? 10 : 6;
        if (seOrder < 1 || seOrder > maxOrder)
            throw new IllegalArgumentException(
                    "Gaussian approximation order (" + seMethod.name().toLowerCase(java.util.Locale.ROOT)
                            + ") must be 1 to " + maxOrder + ", got " + seOrder);
        if (!(levelTracking >= 0 && levelTracking <= 1))
            throw new IllegalArgumentException("level tracking must be 0 to 1, got " + levelTracking);
        if (sampler == null) throw new IllegalArgumentException("sampler missing");
        if (!(amplitudeLock >= 0 && amplitudeLock <= 1))
            throw new IllegalArgumentException("amplitude lock must be 0 to 1, got " + amplitudeLock);
        if (!(narrowingHz >= 0 && narrowingHz <= MAX_NARROWING_HZ))
            throw new IllegalArgumentException(
                    "line narrowing must be 0 to " + (int) MAX_NARROWING_HZ + " Hz, got " + narrowingHz);
    }

    /** With the Matern cascade for the Gaussian kernel and the default amplitude lock. */
    public EngineConfig(
            AnalysisConfig analysis, FitConfig fit, int seOrder, long seed, double levelTracking, SamplerKind sampler) {
        this(
                analysis,
                fit,
                seOrder,
                seed,
                levelTracking,
                sampler,
                SeMethod.CASCADE,
                DEFAULT_AMPLITUDE_LOCK,
                DEFAULT_NARROWING_HZ);
    }

    public static EngineConfig defaults() {
        return new EngineConfig(
                AnalysisConfig.DEFAULT,
                FitConfig.defaults(DEFAULT_COMPONENTS, Kernel.MATERN32),
                3,
                1L,
                DEFAULT_LEVEL_TRACKING,
                SamplerKind.STATE_SPACE);
    }

    public EngineConfig withFit(FitConfig f) {
        return new EngineConfig(
                analysis, f, seOrder, seed, levelTracking, sampler, seMethod, amplitudeLock, narrowingHz);
    }

    public EngineConfig withSampler(SamplerKind k) {
        return new EngineConfig(analysis, fit, seOrder, seed, levelTracking, k, seMethod, amplitudeLock, narrowingHz);
    }

    public EngineConfig withSeed(long s) {
        return new EngineConfig(
                analysis, fit, seOrder, s, levelTracking, sampler, seMethod, amplitudeLock, narrowingHz);
    }

    /** With the Gaussian kernel realised by {@code method} at {@code order}. */
    public EngineConfig withSe(SeMethod method, int order) {
        return new EngineConfig(analysis, fit, order, seed, levelTracking, sampler, method, amplitudeLock, narrowingHz);
    }

    public EngineConfig withAmplitudeLock(double lock) {
        return new EngineConfig(analysis, fit, seOrder, seed, levelTracking, sampler, seMethod, lock, narrowingHz);
    }

    public EngineConfig withNarrowing(double hz) {
        return new EngineConfig(analysis, fit, seOrder, seed, levelTracking, sampler, seMethod, amplitudeLock, hz);
    }
}
