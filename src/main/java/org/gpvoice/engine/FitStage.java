package org.gpvoice.engine;

import org.gpvoice.dsp.fit.BandTrim;
import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.fit.LowBandTrim;
import org.gpvoice.dsp.fit.SmFitter;
import org.gpvoice.dsp.model.ModelSmoother;
import org.gpvoice.dsp.model.SmModel;
import org.gpvoice.dsp.spectrum.BlockAnalysis;
import org.gpvoice.dsp.spectrum.BlockAnalyzer;
import org.gpvoice.dsp.spectrum.FitGrid;
import org.gpvoice.dsp.synth.MaternSde;

/**
 * The first half of the engine, owned by one thread: analysis of the block the newest input completes, a fit
 * warm-started from the previous block's, the model rescaled to the block's level, and each block's model smoothed
 * with its neighbours' ({@link ModelSmoother}), so the model handed on is the previous block's. Allocation happens
 * only in the constructor and in {@link #configure} when the floor's cut-off changes.
 */
public final class FitStage {
    private final BlockAnalyzer analyzer;
    private final BlockAnalysis analysis;
    private final SmFitter fitter;
    private final SmModel fitted; // this block's fit, rescaled
    private final ModelSmoother smoother;
    private final SmModel model; // the smoothed model of the block before
    private final BlockInfo pending = new BlockInfo(), modelInfo = new BlockInfo();
    private final LowBandTrim trim;
    private final BandTrim bandTrim;
    private final int voiceFrom; // first grid point of the band the model's components cover
    private long skipped;

    /** @param capacity largest component count the stream may switch to (sizes every buffer once) */
    public FitStage(double sampleRateHz, EngineConfig cfg, int capacity) {
        analyzer = new BlockAnalyzer(sampleRateHz, cfg.analysis());
        analysis = analyzer.newAnalysis();
        fitter = new SmFitter(
                capacity, analyzer.grid(), analyzer.periodogram(), analyzer.blockSize(), tailOrder(cfg), cfg.fit());
        fitted = new SmModel(capacity);
        smoother = new ModelSmoother(capacity);
        model = new SmModel(capacity);
        trim = new LowBandTrim(analyzer.grid(), sampleRateHz);
        voiceFrom = analyzer.grid().indexAtOrAbove(cfg.fit().lowestHz());
        bandTrim = new BandTrim(analyzer.grid(), sampleRateHz, voiceFrom);
    }

    /**
     * The Matern order whose far tails the fit models for the kernel the sampler draws from: the cascade's own order;
     * none for the Taylor factorisation of the Gaussian, whose PSD stays within 3.5% of the Gaussian core the fit
     * models down to 5% of the peak (and only reaches twice the Gaussian's level near -30 dB).
     */
    static int tailOrder(EngineConfig cfg) {
        if (cfg.fit().kernel() == org.gpvoice.dsp.model.Kernel.GAUSSIAN
                && cfg.seMethod() == org.gpvoice.dsp.synth.SeMethod.TAYLOR) return 0;
        return MaternSde.order(cfg.fit().kernel(), cfg.seOrder());
    }

    /**
     * Takes the newest input block {@code in[off .. off + blockSize)}; when it completes the look-ahead of an older
     * block, analyses that block and, if {@code fit}, fits it, and returns true when {@link #model()} is new.
     *
     * @param fit false to keep the analysis history going without the fit (a pipeline that fell behind skips fits)
     */
    public boolean push(double[] in, int off, boolean fit) {
        if (!analyzer.push(in, off, analysis)) return false;
        return fit(analysis, fit);
    }

    /**
     * The analysis half of {@link #push} alone, into {@code out} (which the caller owns): for a pipeline whose
     * capture thread analyses each block as it publishes it, so the fit thread only fits. Returns true when {@code
     * out} holds a new block's analysis. Every pushed block must pass through here, in order (the analysis keeps a
     * history: the window, the level and the pitch track).
     */
    public boolean analyze(double[] in, int off, BlockAnalysis out) {
        return analyzer.push(in, off, out);
    }

    /** A new analysis for {@link #analyze}'s caller to fill. */
    public BlockAnalysis newAnalysis() {
        return analyzer.newAnalysis();
    }

    /**
     * The fit half of {@link #push}: fits {@code a} (from {@link #analyze}) unless {@code fit} is false (then counts a
     * skipped fit), and returns true when {@link #model()} is new.
     */
    public boolean fit(BlockAnalysis a, boolean fit) {
        if (!fit) {
            skipped++;
            return false;
        }
        fitter.fit(a, fitted);
        double total = fitted.totalVariance();
        double below = shareBelowVoice(a.gridPower), voice = a.envelopeVar * (1 - below);
        double scale = total > 0 ? voice / total : 0;
        for (int k = 0; k < fitted.count; k++) fitted.weight[k] *= scale;
        fitted.noiseVar *= scale;
        // the band below the voice: the block's power there beyond what the rescaled model already puts there
        double modelled = total > 0 ? voice * shareBelowVoice(fitter.modelLinear()) : 0;
        fitted.subBandVar = Math.max(0, a.envelopeVar * below - modelled);
        fitted.lowBandGain = trim.gain(a.gridPower, fitter.modelLinear());
        bandTrim.shares(a.gridPower, fitted.bandShare);
        boolean handed = smoother.push(fitted, a.blockIndex, model);
        if (handed) modelInfo.copyFrom(pending);
        pending.set(a, fitter.residualDb());
        return handed;
    }

    /** What the analysis and the fit said about one block, kept until that block's model is handed on. */
    public static final class BlockInfo {
        /** Index of the block (0 = first block of the stream). */
        public long blockIndex;
        /** Pitch estimate in Hz, 0 when unvoiced. */
        public double f0Hz;
        /** The level the synthesis must reach (signal units squared). */
        public double envelopeVar;
        /** The fit's RMS log-spectrum residual, dB. */
        public double residualDb;

        void set(BlockAnalysis a, double residual) {
            blockIndex = a.blockIndex;
            f0Hz = a.f0Hz;
            envelopeVar = a.envelopeVar;
            residualDb = residual;
        }

        public void copyFrom(BlockInfo o) {
            blockIndex = o.blockIndex;
            f0Hz = o.f0Hz;
            envelopeVar = o.envelopeVar;
            residualDb = o.residualDb;
        }
    }

    /** The block {@link #model()} is the model of: its analysis and fit residual. */
    public BlockInfo modelInfo() {
        return modelInfo;
    }

    /**
     * The share of a power spectrum on the grid ({@code (grid.size)}, per Hz) that lies below {@link
     * FitConfig#lowestHz()}, where the model has no components; 0 when it holds no power.
     *
     * <p>Of the block's observed power: the model is held to the rest of the input's level (the voice's band), not to
     * all of it. A recording's rumble below the voice (room, handling, breath on the microphone) is no component's to
     * carry, and holding the model to the whole level would pour that power into the voice's band instead: in VCTK's
     * pauses, where the rumble is most of the level, the output's mel bands stood 10 to 20 dB above the input's. That
     * power goes to the band's own process instead ({@link SmModel#subBandVar}), less the part of the model's own
     * expected periodogram that lies there (its components' tails and floor).
     */
    private double shareBelowVoice(double[] power) {
        final FitGrid grid = analyzer.grid();
        double all = 0, below = 0;
        for (int j = 0; j < grid.size; j++) {
            double e = power[j] * grid.widthHz[j];
            all += e;
            if (j < voiceFrom) below += e;
        }
        return all > 0 ? below / all : 0;
    }

    /** Changes the fit settings at a block boundary (component count, iterations, weights); see SmFitter#configure. */
    public void configure(FitConfig c) {
        fitter.configure(c);
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

    public int blockSize() {
        return analyzer.blockSize();
    }

    public int lookaheadBlocks() {
        return fitLagBlocks() + 1; // the smoother waits for the next block's fit
    }

    /**
     * How far the block being fitted lags behind the newest input block: the analysis window's look-ahead. The model
     * handed on lags one block more ({@link #lookaheadBlocks}).
     */
    public int fitLagBlocks() {
        return analyzer.lookaheadBlocks();
    }

    /** Fits skipped by {@code push(.., false)}. */
    public long skippedFits() {
        return skipped;
    }
}
