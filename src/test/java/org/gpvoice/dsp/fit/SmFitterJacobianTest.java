package org.gpvoice.dsp.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.TestAudio;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;
import org.gpvoice.dsp.spectrum.AnalysisConfig;
import org.gpvoice.dsp.spectrum.BlockAnalysis;
import org.gpvoice.dsp.spectrum.BlockAnalyzer;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analytic Jacobian of the fit's log model against central finite differences, on real fitted parameters: inside
 * each peak's Jacobian span exactly, outside it (where the slopes are left out) the peak's share of the model, its
 * derivative in ln weight, is under {@link SmFitter#JACOBIAN_SHARE}.
 */
class SmFitterJacobianTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3})
    void shouldMatchFiniteDifferencesForEveryParameter(int tailOrder) throws Exception {
        double[] x = WavReader.readAll(TestAudio.example("LJ001-0001.wav")).samples();
        BlockAnalyzer an = new BlockAnalyzer(22050, AnalysisConfig.DEFAULT);
        BlockAnalysis a = an.newAnalysis();
        SmFitter f = new SmFitter(
                24, an.grid(), an.periodogram(), an.blockSize(), tailOrder, FitConfig.defaults(24, Kernel.MATERN32));
        SmModel m = new SmModel(24);
        int b = an.blockSize();
        int g = an.grid().size;
        double[] lp = new double[g], lm = new double[g], jac = new double[g];
        int[] supP = new int[2], supM = new int[2], span = new int[2];
        int checked = 0, inside = 0, outside = 0;
        for (int blk = 0; blk < 900; blk++) {
            if (!an.push(x, blk * b, a)) continue;
            f.fit(a, m);
            if (blk % 150 != 149) continue;
            for (int idx = 0; idx <= 3 * 24; idx++) {
                double h = idx % 3 == 1 && idx < 72 ? 1e-3 : 1e-6;
                f.probe(idx, h, lp, -1, null, supP);
                f.probe(idx, -h, lm, -1, null, supM);
                f.probe(idx, 0, lp.clone(), idx, jac, span);
                for (int j = 0; j < g; j++) {
                    // a support edge that moves with the parameter truncates the peak (by design, under 1% of the
                    // floor): no derivative exists there
                    boolean edge = idx < 72
                            && (j >= Math.min(supP[0], supM[0]) && j < Math.max(supP[0], supM[0])
                                    || j >= Math.min(supP[1], supM[1]) && j < Math.max(supP[1], supM[1]));
                    if (edge) continue;
                    double fd = (lp[j] - lm[j]) / (2 * h);
                    if (idx < 72 && (j < span[0] || j >= span[1])) {
                        if (idx % 3 == 0) {
                            assertTrue(
                                    Math.abs(fd) <= SmFitter.JACOBIAN_SHARE * 1.001 + 1e-9,
                                    "block " + blk + " param " + idx + " point " + j + ": share " + fd
                                            + " left out of the Jacobian");
                            outside++;
                        }
                        continue;
                    }
                    inside++;
                    double err = Math.abs(fd - jac[j]);
                    assertTrue(
                            err <= 1e-4 + 1e-3 * Math.abs(fd),
                            "block " + blk + " param " + idx + " point " + j + ": analytic " + jac[j] + " vs fd " + fd);
                }
                checked++;
            }
        }
        assertTrue(checked > 300);
        assertTrue(inside > 20 * outside / 100, inside + " points inside spans, " + outside + " outside");
    }
}
