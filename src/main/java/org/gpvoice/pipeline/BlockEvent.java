package org.gpvoice.pipeline;

import org.gpvoice.dsp.model.SmModel;

/**
 * One slot of the ring: a 5 ms block on its way through capture, fit and synthesis. Every slot is allocated once when
 * the ring is built and reused for the life of the stream.
 *
 * <p>Who writes what: capture writes {@link #in}, {@link #frames}, {@link #end}, {@link #publishedNanos} and the
 * analysis ({@link #analysis}, {@link #analysed}) before it publishes; the fit stage writes {@link #fitted}, {@link
 * #model} and {@link #modelInfo} and then advances its sequence; the synthesis stage reads those only after it has seen
 * the fit's sequence reach this slot, and writes {@link #out}; the recorder reads {@link #out} (and the model and
 * {@link #modelInfo}, for the parameters file) after the synthesis' sequence has passed. Capture reclaims a slot only
 * after the recorder has passed it.
 */
public final class BlockEvent {
    /** Input block (capture). */
    public final double[] in;
    /** Resynthesized output block (synthesis). */
    public final double[] out;
    /** The model fitted with this block, valid when {@link #fitted} (fit). */
    public final SmModel model;
    /** Valid input frames in {@link #in}: the block size, fewer at the end of a file, 0 for the trailing flush. */
    public int frames;
    /** The stream is over: this slot carries no audio. */
    public boolean end;
    /** {@link System#nanoTime()} when capture published the slot (for the hand-off latency). */
    public long publishedNanos;

    public boolean fitted;
    /** Synthesis rendered this block (false when a live stream passed it over to keep its latency down). */
    public boolean played;
    /**
     * The analysis of the input block {@code lookahead} blocks back (its {@code blockIndex}, pitch and level), valid
     * when {@link #analysed} (capture). The fit of that block is smoothed with the next block's before it is handed
     * on, so the model belongs to the block before it ({@link #modelInfo}).
     */
    public final org.gpvoice.dsp.spectrum.BlockAnalysis analysis;
    /** Capture analysed a block when it published this one (false while the look-ahead fills). */
    public boolean analysed;

    /** The block {@link #model} is the model of, its pitch, level and fit residual; valid when {@link #fitted}. */
    public final org.gpvoice.engine.FitStage.BlockInfo modelInfo = new org.gpvoice.engine.FitStage.BlockInfo();

    BlockEvent(int blockSize, int capacity, org.gpvoice.dsp.spectrum.BlockAnalysis analysis) {
        this.analysis = analysis;
        in = new double[blockSize];
        out = new double[blockSize];
        model = new SmModel(capacity);
    }
}
