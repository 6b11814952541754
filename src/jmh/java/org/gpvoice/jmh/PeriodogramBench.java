package org.gpvoice.jmh;

import java.util.concurrent.TimeUnit;
import org.gpvoice.dsp.spectrum.AnalysisConfig;
import org.gpvoice.dsp.spectrum.BlockAnalysis;
import org.gpvoice.dsp.spectrum.BlockAnalyzer;
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
 * Analysis of one 5 ms block: {@link BlockAnalyzer#push} (history shift, periodogram of the 30 ms window, reduction
 * to the fit grid, YIN pitch, envelope), stepping through the clip block by block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PeriodogramBench {
    @Param({"22050", "48000"})
    public int rate;

    private double[] samples;
    private BlockAnalyzer analyzer;
    private BlockAnalysis analysis;
    private int blockSize;
    private int off;

    @Setup(Level.Trial)
    public void setUp() {
        samples = Clips.samplesAt(rate);
        analyzer = new BlockAnalyzer(rate, AnalysisConfig.DEFAULT);
        analysis = analyzer.newAnalysis();
        blockSize = analyzer.blockSize();
        // fill the history (look-ahead) so that every measured push produces an analysis
        for (int i = 0; i <= analyzer.lookaheadBlocks(); i++) {
            analyzer.push(samples, off, analysis);
            off = Clips.next(off, blockSize, samples.length);
        }
    }

    @Benchmark
    public void analyzeBlock(Blackhole bh) {
        bh.consume(analyzer.push(samples, off, analysis));
        off = Clips.next(off, blockSize, samples.length);
        bh.consume(analysis.f0Hz);
        bh.consume(analysis.envelopeVar);
    }
}
