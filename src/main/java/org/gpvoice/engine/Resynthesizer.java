package org.gpvoice.engine;

import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.fit.SmFitter;
import org.gpvoice.dsp.model.SmModel;
import org.gpvoice.dsp.spectrum.BlockAnalysis;
import org.gpvoice.dsp.spectrum.BlockAnalyzer;
import org.gpvoice.dsp.synth.BlockArSampler;
import org.gpvoice.dsp.synth.BlockSampler;
import org.gpvoice.dsp.synth.LevelTracker;
import org.gpvoice.dsp.synth.StateSpaceSampler;
import org.gpvoice.dsp.synth.ZeroPinnedSampler;

/**
 * The engine for one stream: 5 ms block in, 5 ms block of resynthesized voice out, delayed by
 * {@link #latencyBlocks()} blocks (the analysis window's look-ahead).
 *
 * <p>Per block: {@link #analyzeAndFit} (analysis of the block the newest input completes, then a warm-started fit,
 * then the model rescaled to the block's level), then {@link #synthesize} (state-space sampling, continuous across
 * blocks, then held to the block's level by a {@link LevelTracker}). The two halves are separate calls so a pipeline can run them on different threads, handing the
 * {@link SmModel} over; run in one thread they are the offline engine. Allocation happens only in the constructor.
 */
public final class Resynthesizer {
    private final double sampleRateHz;
    private final BlockAnalyzer analyzer;
    private final BlockAnalysis analysis;
    private final SmFitter fitter;
    private final BlockSampler sampler;
    private final SmModel model;
    private final LevelTracker level;
    private boolean haveModel;
    private long blocksIn;

    public Resynthesizer(double sampleRateHz, EngineConfig cfg) {
        this(sampleRateHz, cfg, FitConfig.MAX_COMPONENTS);
    }

    /** @param capacity largest component count the stream may switch to (sizes every buffer once) */
    public Resynthesizer(double sampleRateHz, EngineConfig cfg, int capacity) {
        this.sampleRateHz = sampleRateHz;
        analyzer = new BlockAnalyzer(sampleRateHz, cfg.analysis());
        analysis = analyzer.newAnalysis();
        fitter = new SmFitter(
                capacity,
                analyzer.grid(),
                analyzer.periodogram(),
                analyzer.blockSize(),
                org.gpvoice.dsp.synth.MaternSde.order(cfg.fit().kernel(), cfg.seOrder()),
                cfg.fit());
        sampler = switch (cfg.sampler()) {
            case STATE_SPACE -> {
                StateSpaceSampler ss = new StateSpaceSampler(
                        capacity, sampleRateHz, analyzer.blockSize(), cfg.fit().kernel(), cfg.seOrder(), cfg.seed());
                ss.setFloorShape(new org.gpvoice.dsp.model.FloorShape(
                        sampleRateHz, cfg.fit().floorCutoffHz()));
                yield ss;
            }
            case BLOCK_AR -> new BlockArSampler(
                    sampleRateHz, analyzer.blockSize(), cfg.fit().kernel(), cfg.seed());
            case ZERO_PINNED -> new ZeroPinnedSampler(
                    sampleRateHz, analyzer.blockSize(), cfg.fit().kernel(), cfg.seed());
        };
        model = new SmModel(capacity);
        level = new LevelTracker(cfg.levelTracking(), 0.5);
    }

    /**
     * Takes the newest input block {@code in[off .. off + blockSize)}; when it completes the look-ahead of an older
     * block, analyses and fits that block and returns true.
     */
    public boolean analyzeAndFit(double[] in, int off) {
        blocksIn++;
        if (!analyzer.push(in, off, analysis)) return false;
        fitter.fit(analysis, model);
        double total = model.totalVariance();
        double scale = total > 0 ? analysis.envelopeVar / total : 0;
        for (int k = 0; k < model.count; k++) model.weight[k] *= scale;
        model.noiseVar *= scale;
        haveModel = true;
        return true;
    }

    /** Writes one output block into {@code out[off .. off + blockSize)}: silence until the first model exists. */
    public void synthesize(double[] out, int off) {
        if (!haveModel) {
            java.util.Arrays.fill(out, off, off + analyzer.blockSize(), 0);
            return;
        }
        sampler.render(model, out, off);
        level.apply(out, off, analyzer.blockSize(), model.totalVariance());
    }

    /** Both halves for one block: the offline engine. */
    public void process(double[] in, int inOff, double[] out, int outOff) {
        analyzeAndFit(in, inOff);
        synthesize(out, outOff);
    }

    public int blockSize() {
        return analyzer.blockSize();
    }

    /** Output block n is the resynthesis of input block {@code n - latencyBlocks()}. */
    public int latencyBlocks() {
        return analyzer.lookaheadBlocks();
    }

    public double sampleRateHz() {
        return sampleRateHz;
    }

    public SmModel model() {
        return model;
    }

    public BlockAnalysis analysis() {
        return analysis;
    }

    public SmFitter fitter() {
        return fitter;
    }

    public long blocksIn() {
        return blocksIn;
    }
}
