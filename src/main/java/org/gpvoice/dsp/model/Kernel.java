package org.gpvoice.dsp.model;

/**
 * The envelope family of one spectral-mixture component.
 *
 * <p>A component has weight {@code w = s^2}, centre frequency {@code p} (Hz) and lengthscale {@code l} (s). Its
 * covariance is {@code K(r) = w * k(r) * cos(2 pi p r)} with a unit-variance envelope {@code k}; with the transform
 * {@code S(f) = integral K(r) exp(-2 pi i f r) dr} its two-sided power spectral density per Hz is
 *
 * <pre>
 *   S(f) = w/2 * [E(f - p) + E(f + p)],     integral of E over all f = k(0) = 1, so integral of S = w = K(0).
 * </pre>
 *
 * <table>
 *   <caption>Envelopes and their spectra</caption>
 *   <tr><th>kernel</th><th>k(r)</th><th>E(f)</th><th>FWHM of E (Hz)</th></tr>
 *   <tr><td>{@link #GAUSSIAN}</td><td>exp(-(r/l)^2)</td><td>sqrt(pi) l exp(-pi^2 l^2 f^2)</td>
 *       <td>2 sqrt(ln 2) / (pi l) = 0.530 / l</td></tr>
 *   <tr><td>{@link #MATERN12}</td><td>exp(-|r|/l)</td><td>2 l / (1 + (2 pi f l)^2)</td>
 *       <td>1 / (pi l) = 0.318 / l</td></tr>
 *   <tr><td>{@link #MATERN32}</td><td>(1 + lam |r|) exp(-lam |r|), lam = sqrt(3)/l</td>
 *       <td>4 lam^3 / (lam^2 + 4 pi^2 f^2)^2</td><td>lam sqrt(sqrt(2) - 1) / pi = 0.355 / l</td></tr>
 * </table>
 *
 * <p>The Matern-3/2 half maximum: {@code (lam^2 + 4 pi^2 f^2)^2 = 2 lam^4} gives {@code f = lam sqrt(sqrt 2 - 1)/(2
 * pi)}. Every FWHM is a constant over {@code l}, so {@link #lengthscaleForFwhm} is exact.
 */
public enum Kernel {
    /** Squared-exponential envelope (the original method's kernel). */
    GAUSSIAN(2.0 * Math.sqrt(Math.log(2.0)) / Math.PI),
    /** Exponential envelope: a damped phasor, Lorentzian peak. */
    MATERN12(1.0 / Math.PI),
    /** Matern-3/2 envelope. */
    MATERN32(Math.sqrt(3.0) * Math.sqrt(Math.sqrt(2.0) - 1.0) / Math.PI);

    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double SQRT3 = Math.sqrt(3.0);
    private static final double TWO_PI = 2.0 * Math.PI;

    /** {@code FWHM(E) * l}, dimensionless. */
    private final double fwhmTimesLength;

    Kernel(double fwhmTimesLength) {
        this.fwhmTimesLength = fwhmTimesLength;
    }

    /** Unit-variance envelope {@code k(r)} at lag {@code rS} seconds for lengthscale {@code lS} seconds. */
    public double envelope(double rS, double lS) {
        double u = Math.abs(rS) / lS;
        switch (this) {
            case GAUSSIAN:
                return Math.exp(-u * u);
            case MATERN12:
                return Math.exp(-u);
            case MATERN32:
                double z = SQRT3 * u;
                return (1.0 + z) * Math.exp(-z);
            default:
                throw new AssertionError(this);
        }
    }

    /** Envelope spectral density {@code E(f)} per Hz at {@code fHz} for lengthscale {@code lS} seconds. */
    public double envelopePsd(double fHz, double lS) {
        switch (this) {
            case GAUSSIAN:
                double a = Math.PI * lS * fHz;
                return SQRT_PI * lS * Math.exp(-a * a);
            case MATERN12:
                double b = TWO_PI * fHz * lS;
                return 2.0 * lS / (1.0 + b * b);
            case MATERN32:
                double lam = SQRT3 / lS;
                double d = lam * lam + TWO_PI * TWO_PI * fHz * fHz;
                return 4.0 * lam * lam * lam / (d * d);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Covariance of one component: {@code K(r) = w k(r) cos(2 pi p r)}.
     *
     * @param rS lag in seconds
     * @param w weight {@code s^2} (signal units squared)
     * @param pHz centre frequency in Hz
     * @param lS lengthscale in seconds
     */
    public double covariance(double rS, double w, double pHz, double lS) {
        return w * envelope(rS, lS) * Math.cos(TWO_PI * pHz * rS);
    }

    /**
     * Two-sided power spectral density per Hz of one component: {@code S(f) = w/2 [E(f - p) + E(f + p)]}.
     *
     * @param fHz frequency in Hz (any sign)
     * @param w weight {@code s^2}
     * @param pHz centre frequency in Hz
     * @param lS lengthscale in seconds
     */
    public double psd(double fHz, double w, double pHz, double lS) {
        return 0.5 * w * (envelopePsd(fHz - pHz, lS) + envelopePsd(fHz + pHz, lS));
    }

    /** Full width at half maximum of the envelope spectrum {@code E}, in Hz, for lengthscale {@code lS} seconds. */
    public double fwhmHz(double lS) {
        return fwhmTimesLength / lS;
    }

    /** The lengthscale (s) whose envelope spectrum has full width at half maximum {@code fwhmHz} (inverse of fwhmHz). */
    public static double lengthscaleForFwhm(Kernel k, double fwhmHz) {
        return k.fwhmTimesLength / fwhmHz;
    }
}
