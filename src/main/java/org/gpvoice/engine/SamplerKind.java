package org.gpvoice.engine;

import java.util.Locale;

/** How a waveform is drawn from each block's model. */
public enum SamplerKind {
    /** Exact state-space discretisation; the state carries across blocks (default: continuous, cheapest). */
    STATE_SPACE,
    /**
     * Each block drawn from its stationary Gaussian conditioned on the previous block's samples (the original
     * method's {@code condition_on_prv}), through Levinson-Durbin in O(B^2) per block.
     */
    BLOCK_AR,
    /** The original method's independent blocks pinned to zero at both ends: a reference that shows the seams. */
    ZERO_PINNED;

    /** The command-line name: {@code state-space}, {@code block-ar}, {@code zero-pinned}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a command-line name; throws IllegalArgumentException listing the choices. */
    public static SamplerKind parse(String s) {
        for (SamplerKind k : values())
            if (k.cliName().equalsIgnoreCase(s) || k.name().equalsIgnoreCase(s)) return k;
        throw new IllegalArgumentException("unknown sampler '" + s + "': choose state-space, block-ar or zero-pinned");
    }
}
