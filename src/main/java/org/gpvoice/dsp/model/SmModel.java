package org.gpvoice.dsp.model;

/**
 * One block's spectral-mixture model: the hand-off between the fitter and the sampler.
 *
 * <p>Covariance of the process: {@code K(r) = sum_q weight[q] * env_kernel(r; lengthscaleS[q]) * cos(2 pi freqHz[q] r) +
 * noiseVar * delta(r)}, where {@code env_kernel} is the {@link Kernel}'s unit-variance envelope. The two-sided power
 * spectral density per Hz is {@code sum_q weight[q]/2 * [E(f - p) + E(f + p)] + noiseVar / fs}.
 *
 * <p>Arrays are sized once for {@link #capacity} components; {@link #count} components are active. Not thread-safe:
 * one thread writes it, and it is handed over through the ring (or copied with {@link #copyFrom}).
 */
public final class SmModel {
    /** Largest number of components this instance can hold. */
    public final int capacity;
    /** Active components, {@code 0 <= count <= capacity}. */
    public int count;
    /** Component variance {@code s_q^2} (signal units squared), {@code (capacity)}. */
    public final double[] weight;
    /** Component centre frequency {@code p_q} in Hz, {@code (capacity)}. */
    public final double[] freqHz;
    /** Kernel lengthscale {@code l_q} in seconds (the kernel's own parametrisation), {@code (capacity)}. */
    public final double[] lengthscaleS;
    /**
     * Component {@code q} was re-seeded in this block (moved to a new place, not continued): the sampler fades it in
     * instead of gliding its frequency from the old place.
     */
    public final boolean[] reborn;
    /** White-noise floor: variance per sample (signal units squared). */
    public double noiseVar;
    /**
     * Gain of the sampler's low shelf, {@code [0, 1]}: how much of the output below the shelf's corner (100 Hz) is kept,
     * so that the components' tails put no more power there than the block held ({@link
     * org.gpvoice.dsp.fit.LowBandTrim}). 1 leaves the output as the components and floor make it.
     */
    public double lowBandGain = 1;
    /**
     * Variance (signal units squared) of the recording's own band below the voice, {@link
     * org.gpvoice.dsp.fit.FitConfig#lowestHz()} and under: what the block holds there beyond the components' and
     * floor's share (room rumble, handling, breath on the microphone). The sampler adds it as a process of its own
     * ({@link org.gpvoice.dsp.synth.SubBandSource}); 0 adds nothing.
     */
    public double subBandVar;
    /**
     * Each band's share of the block's power, {@code (TrimBands.MAX_BANDS)}, for the bands of {@link TrimBands} at
     * the stream's rate (the rest NaN): the balance the synthesis holds its output's bands to ({@link
     * org.gpvoice.dsp.fit.BandTrim}). NaN: no target (a silent block, or a model no fit has set), and the synthesis
     * keeps its band gains.
     */
    public final double[] bandShare = new double[TrimBands.MAX_BANDS];

    public SmModel(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        this.capacity = capacity;
        weight = new double[capacity];
        freqHz = new double[capacity];
        lengthscaleS = new double[capacity];
        reborn = new boolean[capacity];
        java.util.Arrays.fill(bandShare, Double.NaN);
    }

    /** Copies {@code src} into this model (no allocation). {@code src.count} must fit this capacity. */
    public void copyFrom(SmModel src) {
        if (src.count > capacity) throw new IllegalArgumentException("model of " + src.count + " > " + capacity);
        count = src.count;
        System.arraycopy(src.weight, 0, weight, 0, count);
        System.arraycopy(src.freqHz, 0, freqHz, 0, count);
        System.arraycopy(src.lengthscaleS, 0, lengthscaleS, 0, count);
        System.arraycopy(src.reborn, 0, reborn, 0, count);
        noiseVar = src.noiseVar;
        lowBandGain = src.lowBandGain;
        subBandVar = src.subBandVar;
        System.arraycopy(src.bandShare, 0, bandShare, 0, bandShare.length);
    }

    /** Total variance of the process: {@code sum_q weight[q] + noiseVar}. */
    public double totalVariance() {
        double v = noiseVar;
        for (int q = 0; q < count; q++) v += weight[q];
        return v;
    }
}
