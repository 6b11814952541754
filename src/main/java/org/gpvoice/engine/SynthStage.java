package org.gpvoice.engine;

import java.util.Arrays;
import org.gpvoice.dsp.fit.LowBandTrim;
import org.gpvoice.dsp.model.FloorShape;
import org.gpvoice.dsp.model.SmModel;
import org.gpvoice.dsp.synth.BandTrimFilter;
import org.gpvoice.dsp.synth.BlockArSampler;
import org.gpvoice.dsp.synth.BlockSampler;
import org.gpvoice.dsp.synth.LevelTracker;
import org.gpvoice.dsp.synth.LowShelfFilter;
import org.gpvoice.dsp.synth.StateSpaceSampler;
import org.gpvoice.dsp.synth.SubBandSource;
import org.gpvoice.dsp.synth.ZeroPinnedSampler;

/**
 * The second half of the engine, owned by one thread: keeps its own copy of the newest model and draws a continuous
 * waveform from it block after block (the sampler's state carries across blocks), held to the model's level. With no
 * new model for a block it keeps sampling the last one. Allocation happens only in the constructor.
 *
 * <p>A model's {@link SmModel#reborn} flags mark the change from the model before it, so they are acted on once: the
 * first render of a model clears them (sampled again when a fit is skipped, the model would otherwise restart its
 * reborn components' crossfades every block), and a model replaced before it was rendered (a block passed over)
 * hands its flags on to the next (otherwise those components would jump to a new frequency without a crossfade).
 */
public final class SynthStage {
    private final BlockSampler sampler;
    private final LevelTracker level;
    private final LowShelfFilter shelf;
    private final BandTrimFilter bandTrim;
    private final SubBandSource subBand;
    private final SmModel model;
    private final boolean[] pendingReborn; // rebirths of models not yet rendered
    private final int blockSize;
    private boolean haveModel;

    public SynthStage(double sampleRateHz, EngineConfig cfg, int capacity) {
        blockSize = org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(sampleRateHz);
        sampler = switch (cfg.sampler()) {
            case STATE_SPACE -> {
                StateSpaceSampler ss = new StateSpaceSampler(
                        capacity,
                        sampleRateHz,
                        blockSize,
                        cfg.fit().kernel(),
                        cfg.seMethod(),
                        cfg.seOrder(),
                        cfg.seed());
                ss.setFloorShape(new FloorShape(sampleRateHz, cfg.fit().floorCutoffHz()));
                ss.setAmplitudeLock(cfg.amplitudeLock());
                ss.setNarrowing(cfg.narrowingHz());
                ss.setDecimation(true); // narrow components' envelopes advance every D samples (exact), interpolated
                yield ss;
            }
            case BLOCK_AR -> new BlockArSampler(
                    sampleRateHz, blockSize, cfg.fit().kernel(), cfg.seed());
            case ZERO_PINNED -> new ZeroPinnedSampler(
                    sampleRateHz, blockSize, cfg.fit().kernel(), cfg.seed());
        };
        model = new SmModel(capacity);
        pendingReborn = new boolean[capacity];
        shelf = new LowShelfFilter(sampleRateHz, LowBandTrim.CUTOFF_HZ);
        bandTrim = new BandTrimFilter(sampleRateHz, blockSize, cfg.levelTracking(), 0.25);
        level = new LevelTracker(cfg.levelTracking(), 0.5);
        subBand = new SubBandSource(sampleRateHz, cfg.seed());
    }

    /** Takes a newly fitted model (copied; {@code fresh} is not kept). */
    public void update(SmModel fresh) {
        for (int k = 0; k < fresh.count; k++) pendingReborn[k] |= fresh.reborn[k];
        model.copyFrom(fresh);
        System.arraycopy(pendingReborn, 0, model.reborn, 0, model.count);
        haveModel = true;
    }

    /** Writes one output block into {@code out[off .. off + blockSize)}: silence until the first model exists. */
    public void render(double[] out, int off) {
        if (!haveModel) {
            Arrays.fill(out, off, off + blockSize, 0);
            return;
        }
        sampler.render(model, out, off);
        Arrays.fill(pendingReborn, false);
        Arrays.fill(model.reborn, false);
        shelf.process(out, off, blockSize, model.lowBandGain);
        bandTrim.process(out, off, blockSize, model.bandShare);
        level.apply(out, off, blockSize, model.totalVariance());
        subBand.add(out, off, blockSize, model.subBandVar);
    }

    public boolean hasModel() {
        return haveModel;
    }

    public SmModel model() {
        return model;
    }
}
