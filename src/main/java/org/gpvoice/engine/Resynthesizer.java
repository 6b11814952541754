package org.gpvoice.engine;

import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.fit.SmFitter;
import org.gpvoice.dsp.model.SmModel;
import org.gpvoice.dsp.spectrum.BlockAnalysis;

/**
 * The engine for one stream on one thread: 5 ms block in, 5 ms block of resynthesized voice out, delayed by
 * {@link #latencyBlocks()} blocks (the analysis window's look-ahead, and one block for the model smoothing to see the
 * next block's fit).
 *
 * <p>Per block: {@link #analyzeAndFit} (the {@link FitStage}: analysis of the block the newest input completes, a
 * warm-started fit, the model rescaled to the block's level), then {@link #synthesize} (the {@link SynthStage}:
 * state-space sampling, continuous across blocks, held to the block's level). The real-time pipeline runs the same two
 * stages on two threads and hands the model over through its ring; run here in one thread they are the offline
 * engine, and both give the same samples for the same seed. Allocation happens only in the constructor.
 */
public final class Resynthesizer {
    private final double sampleRateHz;
    private final FitStage fit;
    private final SynthStage synth;
    private long blocksIn;

    public Resynthesizer(double sampleRateHz, EngineConfig cfg) {
        this(sampleRateHz, cfg, FitConfig.MAX_COMPONENTS);
    }

    /** @param capacity largest component count the stream may switch to (sizes every buffer once) */
    public Resynthesizer(double sampleRateHz, EngineConfig cfg, int capacity) {
        this.sampleRateHz = sampleRateHz;
        fit = new FitStage(sampleRateHz, cfg, capacity);
        synth = new SynthStage(sampleRateHz, cfg, capacity);
    }

    /**
     * Takes the newest input block {@code in[off .. off + blockSize)}; when it completes the look-ahead of an older
     * block, analyses and fits that block and returns true.
     */
    public boolean analyzeAndFit(double[] in, int off) {
        blocksIn++;
        if (!fit.push(in, off, true)) return false;
        synth.update(fit.model());
        return true;
    }

    /** Writes one output block into {@code out[off .. off + blockSize)}: silence until the first model exists. */
    public void synthesize(double[] out, int off) {
        synth.render(out, off);
    }

    /** Both halves for one block: the offline engine. */
    public void process(double[] in, int inOff, double[] out, int outOff) {
        analyzeAndFit(in, inOff);
        synthesize(out, outOff);
    }

    /** Changes the fit settings at the next block (component count up to the capacity, iterations, weights). */
    public void configure(FitConfig c) {
        fit.configure(c);
    }

    public int blockSize() {
        return fit.blockSize();
    }

    /**
     * The block fitted when input block n is taken is {@code n - fitLagBlocks()}: a change of fit settings made before
     * input block n applies from that block's fit on.
     */
    public int fitLagBlocks() {
        return fit.fitLagBlocks();
    }

    /** Output block n is the resynthesis of input block {@code n - latencyBlocks()}. */
    public int latencyBlocks() {
        return fit.lookaheadBlocks();
    }

    public double sampleRateHz() {
        return sampleRateHz;
    }

    public SmModel model() {
        return fit.model();
    }

    public BlockAnalysis analysis() {
        return fit.analysis();
    }

    /** The block {@link #model()} is the model of (one block older than {@link #analysis()}). */
    public FitStage.BlockInfo modelInfo() {
        return fit.modelInfo();
    }

    public SmFitter fitter() {
        return fit.fitter();
    }

    public long blocksIn() {
        return blocksIn;
    }
}
