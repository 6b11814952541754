package org.gpvoice.pipeline;

import java.io.IOException;

/** Where the capture stage gets its blocks: a file or a microphone. Called on the capture thread only. */
public interface BlockSource extends AutoCloseable {
    /** Sample rate of the blocks, Hz. */
    int sampleRate();

    /**
     * Fills {@code block} with the next frames (blocking until they exist, for a device) and returns how many are
     * valid: the whole block, fewer at the end of a file (the rest is zeroed), or -1 when the source is exhausted.
     */
    int read(double[] block) throws IOException;

    /** Total frames if known (a file), else -1. */
    default long frames() {
        return -1;
    }

    /** Frames captured but not read yet (the input device's own latency), or 0. */
    default long queuedFrames() {
        return 0;
    }

    /** Called once on the capture thread before the first read (a device starts here). */
    default void start() {}

    @Override
    void close() throws IOException;
}
