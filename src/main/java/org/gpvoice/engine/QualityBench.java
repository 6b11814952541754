package org.gpvoice.engine;

import java.util.ArrayList;
import java.util.List;
import org.gpvoice.eval.EvalReport;
import org.gpvoice.eval.Evaluator;
import org.gpvoice.io.MonoClip;

/**
 * Quality against cost: renders each clip with an engine (a gpvoice preset or a baseline), evaluates the result
 * against the clip with {@link Evaluator}, and averages every metric over the clips (weighted equally per clip).
 */
public final class QualityBench {
    /** Something that turns a clip into its resynthesis, of the same length and rate. */
    public interface Engine {
        String name();

        double[] render(double[] x, int sampleRate);
    }

    /**
     * Mean metrics over the clips, plus the real-time factor of the renders (audio seconds over wall seconds, one
     * thread) and, for gpvoice, the per-block cost.
     */
    public record Row(
            String engine,
            int clips,
            double logMelDb,
            double mcdDb,
            double stoi,
            double voicingAgreement,
            double f0MedianCents,
            double grossPitchErrorRate,
            double envelopeCorrelation,
            double levelDb,
            double clickRatio,
            double realTimeFactor,
            Bench.Row cost) {}

    private QualityBench() {}

    /** @param cost the engine's per-block cost if it is block-based (gpvoice), else null */
    public static Row run(Engine e, List<MonoClip> clips, Bench.Row cost) {
        double[] sum = new double[9];
        int[] n = new int[9];
        double audio = 0, wall = 0;
        for (MonoClip c : clips) {
            long t0 = System.nanoTime();
            double[] y = e.render(c.samples(), c.sampleRate());
            wall += (System.nanoTime() - t0) / 1e9;
            audio += c.durationSeconds();
            EvalReport r =
                    Evaluator.evaluate(c.samples(), c.sampleRate(), y, c.sampleRate(), Evaluator.Options.defaults());
            double[] v = {
                r.logMelDistanceDb(),
                r.melCepstralDistortionDb(),
                r.stoi(),
                r.pitch().voicingAgreement(),
                r.pitch().medianCents(),
                r.pitch().grossErrorRate(),
                r.envelopeCorrelation(),
                r.levelDifferenceDb(),
                r.clickRatio()
            };
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i])) {
                    sum[i] += v[i];
                    n[i]++;
                }
            }
        }
        double[] m = new double[sum.length];
        for (int i = 0; i < m.length; i++) m[i] = n[i] == 0 ? Double.NaN : sum[i] / n[i];
        return new Row(
                e.name(), clips.size(), m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], audio / wall, cost);
    }

    /** gpvoice with {@code cfg} on one thread: the offline engine, output aligned with the input. */
    public static Engine gpvoice(String name, EngineConfig cfg) {
        return new Engine() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double[] render(double[] x, int fs) {
                Resynthesizer e = new Resynthesizer(fs, cfg, cfg.fit().components());
                int b = e.blockSize(), l = e.latencyBlocks();
                int blocks = (x.length + b - 1) / b + l;
                double[] in = new double[b], out = new double[b];
                double[] y = new double[x.length];
                for (int k = 0; k < blocks; k++) {
                    java.util.Arrays.fill(in, 0);
                    int from = k * b;
                    if (from < x.length) System.arraycopy(x, from, in, 0, Math.min(b, x.length - from));
                    e.process(in, 0, out, 0);
                    int to = (k - l) * b; // output block k is input block k - latency
                    if (to >= 0 && to < y.length) System.arraycopy(out, 0, y, to, Math.min(b, y.length - to));
                }
                return y;
            }
        };
    }

    /** Names of the metrics in {@link Row} order, for tables. */
    public static List<String> metricNames() {
        return new ArrayList<>(List.of(
                "log-mel dB",
                "MCD dB",
                "STOI",
                "voicing agreement",
                "F0 error cents (median)",
                "gross pitch errors",
                "envelope corr",
                "level dB",
                "click ratio"));
    }
}
