package org.gpvoice.jmh;

import java.util.concurrent.TimeUnit;
import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.FitStage;
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
 * One block of the engine's first half at 22050 Hz: {@link FitStage#push push(in, off, true)}, that is the block's
 * analysis (as in {@link PeriodogramBench}) plus the warm-started Levenberg-Marquardt fit of Q components and the
 * rescale to the block level. The fitter is warmed over the whole clip in setup, so each measured block starts from
 * the previous block's parameters as it does in a stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FitBench {
    static final int RATE = 22050;

    @Param({"4", "8", "16", "24", "48"})
    public int q;

    private double[] samples;
    private FitStage fit;
    private int blockSize;
    private int off;

    @Setup(Level.Trial)
    public void setUp() {
        samples = Clips.samplesAt(RATE);
        EngineConfig cfg = EngineConfig.defaults().withFit(FitConfig.defaults(q, Kernel.MATERN32));
        fit = new FitStage(RATE, cfg, q);
        blockSize = fit.blockSize();
        // one pass over the clip: history filled, fitter warm, back at the start of the clip
        do {
            fit.push(samples, off, true);
            off = Clips.next(off, blockSize, samples.length);
        } while (off != 0);
    }

    @Benchmark
    public void fitBlock(Blackhole bh) {
        bh.consume(fit.push(samples, off, true));
        off = Clips.next(off, blockSize, samples.length);
        bh.consume(fit.model().noiseVar);
    }
}
