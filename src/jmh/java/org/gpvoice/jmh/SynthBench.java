package org.gpvoice.jmh;

import java.util.concurrent.TimeUnit;
import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.FitStage;
import org.gpvoice.engine.SamplerKind;
import org.gpvoice.engine.SynthStage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One block of the engine's second half at 22050 Hz, as the pipeline runs it: {@link SynthStage#update} with the
 * block's freshly fitted model, then {@link SynthStage#render}. The models are real fits of the clip, one per block,
 * computed in setup (a {@link FitStage} run over the whole clip), and replayed in order, wrapping around.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SynthBench {
    static final int RATE = 22050;

    /** Synthesis state: a SynthStage and the clip's fitted models. */
    abstract static class Base {
        SynthStage synth;
        SmModel[] models;
        double[] out;
        int next;

        void init(int q, SamplerKind sampler) {
            double[] samples = Clips.samplesAt(RATE);
            EngineConfig cfg = EngineConfig.defaults()
                    .withFit(FitConfig.defaults(q, Kernel.MATERN32))
                    .withSampler(sampler);
            FitStage fit = new FitStage(RATE, cfg, q);
            int blockSize = fit.blockSize();
            int blocks = samples.length / blockSize;
            SmModel[] fitted = new SmModel[blocks];
            int n = 0;
            for (int b = 0; b < blocks; b++) {
                if (fit.push(samples, b * blockSize, true)) {
                    SmModel m = new SmModel(q);
                    m.copyFrom(fit.model());
                    fitted[n++] = m;
                }
            }
            models = java.util.Arrays.copyOf(fitted, n);
            synth = new SynthStage(RATE, cfg, q);
            out = new double[blockSize];
            // run the sampler through the clip once: its state is that of a stream in progress
            for (SmModel m : models) block(m);
        }

        final void block(SmModel m) {
            synth.update(m);
            synth.render(out, 0);
        }

        final void renderNext(Blackhole bh) {
            block(models[next]);
            if (++next == models.length) next = 0;
            bh.consume(out);
        }
    }

    /** The default state-space sampler at each component count. */
    @State(Scope.Thread)
    public static class StateSpace extends Base {
        @Param({"4", "8", "16", "24", "48"})
        public int q;

        @Setup(Level.Trial)
        public void setUp() {
            init(q, SamplerKind.STATE_SPACE);
        }
    }

    /** The block-AR sampler (Levinson-Durbin conditioning, O(B^2) per block) at the default Q = 24. */
    @State(Scope.Thread)
    public static class BlockAr extends Base {
        @Setup(Level.Trial)
        public void setUp() {
            init(EngineConfig.DEFAULT_COMPONENTS, SamplerKind.BLOCK_AR);
        }
    }

    @Benchmark
    public void stateSpace(StateSpace s, Blackhole bh) {
        s.renderNext(bh);
    }

    @Benchmark
    public void blockAr(BlockAr s, Blackhole bh) {
        s.renderNext(bh);
    }
}
