package org.gpvoice.pipeline;

/** Where the synthesis stage sends its blocks: the output device, or nowhere (render). Synthesis thread only. */
public interface BlockSink extends AutoCloseable {
    /** Writes {@code block[0 .. n)}, blocking while the device buffer is full (this paces a file to real time). */
    void write(double[] block, int n);

    /**
     * How long synthesis may wait for a late fit before the device would run dry, ns; {@link Long#MAX_VALUE} for no
     * device (the fit is then always waited for, which makes the pipeline deterministic).
     */
    long budgetNanos();

    /** Frames written but not played yet (the output device's latency now), or 0. */
    default long queuedFrames() {
        return 0;
    }

    /** Times the device buffer was found empty when a block arrived. */
    default long underruns() {
        return 0;
    }

    /** Waits until everything written has been played (end of stream). */
    default void drain() {}

    @Override
    default void close() {}

    /** No device: the pipeline runs as fast as it can. */
    BlockSink NONE = new BlockSink() {
        @Override
        public void write(double[] block, int n) {}

        @Override
        public long budgetNanos() {
            return Long.MAX_VALUE;
        }
    };
}
