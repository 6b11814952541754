package org.gpvoice.dsp.synth;

import org.gpvoice.dsp.model.SmModel;

/**
 * Draws a sample path of a spectral-mixture process one fixed-size block at a time, the block's model handed in per
 * call.
 *
 * <p>Contract shared by the implementations: {@link #render} overwrites exactly {@code out[off .. off + blockSize())}
 * (silence included) and nothing else, only reads {@code m}, allocates nothing, and never writes a non-finite value:
 * numerical trouble is counted by the implementation and the previous good model (or silence) is used instead. One
 * audio thread owns an instance.
 */
public interface BlockSampler {
    /**
     * Writes the next {@link #blockSize()} samples, drawn with model {@code m}, into {@code out[off .. off +
     * blockSize())}.
     *
     * @throws IllegalArgumentException if {@code m.count} is out of range
     * @throws IndexOutOfBoundsException if the block does not fit {@code out}
     */
    void render(SmModel m, double[] out, int off);

    /** Samples written per {@link #render}. */
    int blockSize();
}
