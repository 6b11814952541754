package org.gpvoice.dsp.synth;

/** How {@link StateSpaceSampler} realises the squared-exponential ({@code gaussian}) envelope in state space. */
public enum SeMethod {
    /**
     * Repeated-pole Matern-(n-1/2) cascade with the Gaussian's FWHM ({@link MaternSde}, order 1..6): cheap (lower
     * triangular transition), 4.6% to 9.7% worst PSD error within the FWHM at n = 6 and 3.
     */
    CASCADE,
    /**
     * Order-N spectral factorisation of the reciprocal Taylor polynomial ({@link TaylorSeSde}, order 1..10, default 6):
     * 0.30% worst PSD error within the FWHM at N = 6, at the cost of a full N x N transition.
     */
    TAYLOR;

    /** Parses {@code cascade} or {@code taylor} (case-insensitive). */
    public static SeMethod parse(String s) {
        for (SeMethod m : values()) if (m.name().equalsIgnoreCase(s.trim())) return m;
        throw new IllegalArgumentException("SE method must be cascade or taylor: " + s);
    }
}
