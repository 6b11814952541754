package org.gpvoice.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gpvoice.dsp.model.TrimBands;
import org.gpvoice.dsp.spectrum.AnalysisConfig;
import org.gpvoice.dsp.synth.BandTrimFilter;
import org.gpvoice.dsp.synth.LowShelfFilter;
import org.gpvoice.dsp.synth.SubBandSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One block of the synthesis's post-filters: the band balance ({@link BandTrimFilter}, six crossovers at 22.05 and
 * 48 kHz), the low shelf ({@link LowShelfFilter}, one biquad) and the band below the voice ({@link SubBandSource}, a
 * three-state process, three Gaussian draws a sample), on noise with changing targets.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class BandBalanceBench {
    @Param({"22050", "48000"})
    public int rate;

    BandTrimFilter balance;
    LowShelfFilter shelf;
    SubBandSource subBand;
    double[] noise, buf;
    final double[][] shares = new double[2][TrimBands.MAX_BANDS];
    int block;

    @Setup
    public void setup() {
        int n = AnalysisConfig.blockSize(rate);
        balance = new BandTrimFilter(rate, n, 0.8, 0.25);
        shelf = new LowShelfFilter(rate, 100);
        subBand = new SubBandSource(rate, 1);
        SplittableRandom r = new SplittableRandom(1);
        noise = new double[n];
        for (int i = 0; i < n; i++) noise[i] = r.nextDouble() - 0.5;
        buf = new double[n];
        for (int s = 0; s < 2; s++)
            for (int b = 0; b < TrimBands.MAX_BANDS; b++) shares[s][b] = 0.05 + 0.1 * s + 0.02 * b;
    }

    @Benchmark
    public double[] bandBalance() {
        System.arraycopy(noise, 0, buf, 0, buf.length);
        balance.process(buf, 0, buf.length, shares[block++ & 1]);
        return buf;
    }

    @Benchmark
    public double[] lowShelf() {
        System.arraycopy(noise, 0, buf, 0, buf.length);
        shelf.process(buf, 0, buf.length, (block++ & 1) == 0 ? 0.5 : 0.8);
        return buf;
    }

    @Benchmark
    public double[] subBand() {
        System.arraycopy(noise, 0, buf, 0, buf.length);
        subBand.add(buf, 0, buf.length, (block++ & 1) == 0 ? 1e-4 : 2e-4);
        return buf;
    }
}
