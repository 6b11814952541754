package org.gpvoice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.dsp.model.SmModel;
import org.junit.jupiter.api.Test;

class SynthStageTest {
    private static final double FS = 16000;

    /** No level tracking and no amplitude lock: the sampler's own output, a sample of the model. */
    private static SynthStage stage() {
        EngineConfig d = EngineConfig.defaults();
        EngineConfig cfg = new EngineConfig(d.analysis(), d.fit(), d.seOrder(), 5L, 0.0, SamplerKind.STATE_SPACE)
                .withAmplitudeLock(0);
        return new SynthStage(FS, cfg, 4);
    }

    private static SmModel single(boolean reborn) {
        SmModel m = new SmModel(4);
        m.count = 1;
        m.weight[0] = 1;
        m.freqHz[0] = 700;
        m.lengthscaleS[0] = 0.005;
        m.reborn[0] = reborn;
        return m;
    }

    /**
     * A model with a reborn component, sampled block after block with no newer model (a skipped fit does this): the
     * rebirth happens once, so after the crossfade every block starts at full power. Were it acted on at every render,
     * each block would start a new incarnation from silence (about an eighth of the power at a block's start).
     */
    @Test
    void shouldActOnARebirthOnceWhenAModelIsSampledAgain() {
        SynthStage s = stage();
        s.update(single(false));
        int b = org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(FS);
        double[] out = new double[b];
        for (int i = 0; i < 50; i++) s.render(out, 0);
        s.update(single(true));
        double head = 0, all = 0;
        int blocks = 4000, n = 0;
        for (int i = 0; i < blocks; i++) {
            s.render(out, 0);
            if (i < 10) continue; // the crossfade
            n++;
            for (int j = 0; j < b; j++) {
                all += out[j] * out[j];
                if (j < b / 4) head += out[j] * out[j];
            }
        }
        assertFalse(s.model().reborn[0], "the flag is spent by the first render");
        assertEquals(1.0, all / (n * b), 0.08, "mean power");
        assertTrue(head / (n * (b / 4)) > 0.8, "power over each block's first quarter " + head / (n * (b / 4)));
    }

    /** A model replaced before it was rendered (a block passed over) hands its rebirths on to the next. */
    @Test
    void shouldKeepTheRebirthsOfAModelReplacedBeforeItWasRendered() {
        SynthStage s = stage();
        int b = org.gpvoice.dsp.spectrum.AnalysisConfig.blockSize(FS);
        double[] out = new double[b];
        s.update(single(false));
        s.render(out, 0);
        s.update(single(true));
        s.update(single(false));
        assertTrue(s.model().reborn[0], "pending rebirth kept");
        s.render(out, 0);
        assertFalse(s.model().reborn[0]);
        s.update(single(false));
        assertFalse(s.model().reborn[0], "and spent once rendered");
    }

    /**
     * A model no fit has seen (its band shares unset) renders at its own level under full level tracking: the band
     * balance has no target and leaves the bands alone. Were unset shares read as zero, every band would be pulled to
     * the balance's floor (-24 dB), more than the level tracker may give back (+18 dB).
     */
    @Test
    void shouldRenderAModelWithoutBandSharesAtItsLevel() {
        EngineConfig d = EngineConfig.defaults();
        SynthStage s = new SynthStage(
                FS, new EngineConfig(d.analysis(), d.fit(), d.seOrder(), 5L, 1.0, SamplerKind.STATE_SPACE), 4);
        SmModel m = single(false);
        m.count = 2;
        m.weight[1] = 0.5;
        m.freqHz[1] = 3500;
        m.lengthscaleS[1] = 0.002;
        s.update(m);
        double[] out = new double[80];
        double sum = 0;
        int blocks = 400, counted = 0;
        for (int b = 0; b < blocks; b++) {
            s.render(out, 0);
            if (b < 100) continue;
            for (double v : out) sum += v * v;
            counted += out.length;
        }
        double db = 10 * Math.log10(sum / counted / m.totalVariance());
        assertEquals(0, db, 1, "output level against the model's, dB");
    }
}
