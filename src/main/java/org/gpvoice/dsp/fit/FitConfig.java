package org.gpvoice.dsp.fit;

import org.gpvoice.dsp.model.Kernel;

/**
 * Settings of the incremental spectral-mixture fit.
 *
 * @param components number of SM components Q (1 to 64)
 * @param kernel the kernel family the fitted widths are expressed in
 * @param iterations Levenberg-Marquardt steps per block (warm-started from the previous block)
 * @param smoothness weight of the seed's smoothness term toward the previous block's log spectrum (0 = none)
 * @param peakWeight extra weight on each cell's strongest point, in units of the point's own weight (the seed's
 *     Bark-band-maximum emphasis)
 * @param harmonicFraction at most this fraction of the components sits on harmonics in voiced blocks
 * @param harmonicMaxHz harmonics are modelled one component each up to this frequency
 * @param minWidthHz lower bound of a peak's spectral standard deviation (long coherence = voiced sound)
 * @param floorCutoffHz the noise floor is white above this frequency and rolls off below it ({@code FloorShape})
 * @param jacobianSteps how many of a block's steps share one Jacobian: 1 re-evaluates it after every accepted step
 *     (Levenberg-Marquardt proper); more evaluates it once per that many steps and takes the steps between on the same
 *     normal matrix with a fresh right-hand side (the chord method), cheaper per step and slower to converge
 */
public record FitConfig(
        int components,
        Kernel kernel,
        int iterations,
        double smoothness,
        double peakWeight,
        double harmonicFraction,
        double harmonicMaxHz,
        double minWidthHz,
        double floorCutoffHz,
        int jacobianSteps) {
    public static final int MAX_COMPONENTS = 64;

    public static FitConfig defaults(int components, Kernel kernel) {
        return new FitConfig(components, kernel, 3, 0.3, 2.0, 0.6, 5000, 1.0, 100, 1);
    }

    public FitConfig {
        if (components < 1 || components > MAX_COMPONENTS)
            throw new IllegalArgumentException("components must be 1 to " + MAX_COMPONENTS + ", got " + components);
        if (kernel == null) throw new IllegalArgumentException("kernel missing");
        if (iterations < 1 || iterations > 50)
            throw new IllegalArgumentException("fit iterations must be 1 to 50, got " + iterations);
        if (!(smoothness >= 0 && smoothness <= 100))
            throw new IllegalArgumentException("smoothness must be 0 to 100, got " + smoothness);
        if (!(peakWeight >= 0 && peakWeight <= 1000))
            throw new IllegalArgumentException("peak weight must be 0 to 1000, got " + peakWeight);
        if (!(harmonicFraction >= 0 && harmonicFraction <= 1))
            throw new IllegalArgumentException("harmonic fraction must be 0 to 1, got " + harmonicFraction);
        if (!(harmonicMaxHz >= 0)) throw new IllegalArgumentException("harmonic limit must be >= 0 Hz");
        if (!(minWidthHz > 0 && minWidthHz <= 100))
            throw new IllegalArgumentException("minimum width must be in (0, 100] Hz, got " + minWidthHz);
        if (!(floorCutoffHz > 0 && floorCutoffHz <= 1000))
            throw new IllegalArgumentException("floor cut-off must be in (0, 1000] Hz, got " + floorCutoffHz);
        if (jacobianSteps < 1 || jacobianSteps > 50)
            throw new IllegalArgumentException("steps per Jacobian must be 1 to 50, got " + jacobianSteps);
    }

    public FitConfig withComponents(int q) {
        return new FitConfig(
                q,
                kernel,
                iterations,
                smoothness,
                peakWeight,
                harmonicFraction,
                harmonicMaxHz,
                minWidthHz,
                floorCutoffHz,
                jacobianSteps);
    }

    /** Lowest centre frequency of any component, Hz: the floor of the voice range (the lowest pitch searched). */
    public double lowestHz() {
        return 70;
    }

    public FitConfig withSmoothness(double mu) {
        return new FitConfig(
                components,
                kernel,
                iterations,
                mu,
                peakWeight,
                harmonicFraction,
                harmonicMaxHz,
                minWidthHz,
                floorCutoffHz,
                jacobianSteps);
    }

    public FitConfig withJacobianSteps(int n) {
        return new FitConfig(
                components,
                kernel,
                iterations,
                smoothness,
                peakWeight,
                harmonicFraction,
                harmonicMaxHz,
                minWidthHz,
                floorCutoffHz,
                n);
    }

    public FitConfig withIterations(int it) {
        return new FitConfig(
                components,
                kernel,
                it,
                smoothness,
                peakWeight,
                harmonicFraction,
                harmonicMaxHz,
                minWidthHz,
                floorCutoffHz,
                jacobianSteps);
    }
}
