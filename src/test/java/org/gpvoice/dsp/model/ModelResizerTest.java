package org.gpvoice.dsp.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gpvoice.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelResizerTest {
    private static final double REL = 1e-12;

    /** A speech-like sorted model: harmonics of 120 Hz, then broad bands up to 10 kHz; seeded. */
    static SmModel speechLike(int capacity, int count, long seed, Kernel k) {
        SplittableRandom r = new SplittableRandom(seed);
        SmModel m = new SmModel(capacity);
        m.count = count;
        int harmonics = count / 2;
        for (int q = 0; q < count; q++) {
            double f, sigma;
            if (q < harmonics) {
                f = 120 * (q + 1) * (1 + 0.01 * (r.nextDouble() - 0.5));
                sigma = 1 + 4 * r.nextDouble();
            } else {
                double lo = 120 * (harmonics + 1), frac = (q - harmonics + r.nextDouble()) / (count - harmonics);
                f = lo * Math.pow(10_000 / lo, frac);
                sigma = 50 + 300 * r.nextDouble();
            }
            m.freqHz[q] = f;
            m.lengthscaleS[q] = ModelResizer.lengthscaleS(k, sigma);
            m.weight[q] = Math.exp(-3 * r.nextDouble()) / (1 + f / 1000);
        }
        m.noiseVar = 1e-3;
        return m;
    }

    static double centroidHz(SmModel m) {
        double sw = 0, swf = 0;
        for (int q = 0; q < m.count; q++) {
            sw += m.weight[q];
            swf += m.weight[q] * m.freqHz[q];
        }
        return swf / sw;
    }

    /** {@code sum w (sigma^2 + p^2)}: the second moment of the (Gaussian-equivalent) spectrum, Hz^2. */
    static double secondMoment(SmModel m, Kernel k) {
        double acc = 0;
        for (int q = 0; q < m.count; q++) {
            double s = ModelResizer.sigmaHz(k, m.lengthscaleS[q]);
            acc += m.weight[q] * (s * s + m.freqHz[q] * m.freqHz[q]);
        }
        return acc;
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void shouldPreserveTotalVarianceWhenGrowingAndShrinking(Kernel k) {
        for (int target : new int[] {1, 4, 23, 25, 64}) {
            SmModel m = speechLike(64, 24, 7, k);
            double before = m.totalVariance();
            ModelResizer.resize(m, target, k);
            assertEquals(target, m.count);
            assertEquals(before, m.totalVariance(), REL * before, "24 -> " + target);
        }
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void shouldPreserveCentroidWhenMergingAndSplitting(Kernel k) {
        for (int target : new int[] {1, 5, 16, 40, 64}) {
            SmModel m = speechLike(64, 24, 11, k);
            double before = centroidHz(m);
            ModelResizer.resize(m, target, k);
            assertEquals(before, centroidHz(m), REL * before, "24 -> " + target);
        }
    }

    @Test
    void shouldPreserveSpectralSpreadWhenMerging() {
        Kernel k = Kernel.GAUSSIAN; // sigma <-> lengthscale is exact for every kernel, but Gaussian is the model
        SmModel m = speechLike(64, 24, 13, k);
        double before = secondMoment(m, k);
        ModelResizer.resize(m, 6, k);
        assertEquals(before, secondMoment(m, k), 1e-9 * before);
    }

    @Test
    void shouldMergeTheClosestPairOnTheBarkScaleAndKeepTheRest() {
        Kernel k = Kernel.MATERN32;
        SmModel m = new SmModel(8);
        double[] f = {120, 240, 3000, 3500, 9000};
        for (int q = 0; q < f.length; q++) {
            m.freqHz[q] = f[q];
            m.weight[q] = 1 + q;
            m.lengthscaleS[q] = ModelResizer.lengthscaleS(k, 10);
        }
        m.count = f.length;
        ModelResizer.resize(m, 4, k);
        // 120 and 240 Hz are 1.2 Bark apart, 3000 and 3500 Hz only 0.8: the high pair goes first
        assertArrayEquals(new double[] {120, 240, (3 * 3000 + 4 * 3500) / 7.0, 9000}, copy(m.freqHz, 4), 1e-9);
        assertArrayEquals(new double[] {1, 2, 7, 5}, copy(m.weight, 4), 0);
        assertArrayEquals(new boolean[] {false, false, true, true}, copy(m.reborn, 4));
        assertTrue(ModelResizer.sigmaHz(k, m.lengthscaleS[2]) > 200, "the merged width covers the pair");
    }

    @Test
    void shouldSplitTheHeaviestWidestComponentIntoTwoHalvesAroundIt() {
        Kernel k = Kernel.GAUSSIAN;
        SmModel m = new SmModel(8);
        double[] f = {200, 1000, 4000};
        double[] sigma = {5, 200, 100};
        double[] w = {3, 1, 1};
        for (int q = 0; q < 3; q++) {
            m.freqHz[q] = f[q];
            m.weight[q] = w[q];
            m.lengthscaleS[q] = ModelResizer.lengthscaleS(k, sigma[q]);
        }
        m.count = 3;
        ModelResizer.resize(m, 4, k);
        assertArrayEquals(new double[] {200, 900, 1100, 4000}, copy(m.freqHz, 4), 1e-9);
        assertArrayEquals(new double[] {3, 0.5, 0.5, 1}, copy(m.weight, 4), 0);
        assertEquals(Math.sqrt(200 * 200 - 100 * 100), ModelResizer.sigmaHz(k, m.lengthscaleS[1]), 1e-9);
        assertArrayEquals(new boolean[] {false, true, true, true}, copy(m.reborn, 4));
    }

    @Test
    void shouldNotSplitPastANeighbourOrBelowZeroHz() {
        Kernel k = Kernel.MATERN32;
        SmModel m = new SmModel(4);
        m.freqHz[0] = 50;
        m.freqHz[1] = 60;
        m.weight[0] = 10;
        m.weight[1] = 1;
        m.lengthscaleS[0] = ModelResizer.lengthscaleS(k, 400);
        m.lengthscaleS[1] = ModelResizer.lengthscaleS(k, 1);
        m.count = 2;
        ModelResizer.resize(m, 3, k);
        assertTrue(m.freqHz[0] > 0);
        assertTrue(m.freqHz[0] <= m.freqHz[1] && m.freqHz[1] <= m.freqHz[2], "still sorted");
        assertEquals(60, m.freqHz[2], 0);
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void shouldKeepEveryValueFiniteAndInRangeThroughA4To24To64To8Chain(Kernel k) {
        for (long seed = 1; seed <= 20; seed++) {
            SmModel m = speechLike(64, 4, seed, k);
            double total = m.totalVariance(), centroid = centroidHz(m);
            for (int target : new int[] {24, 64, 8, 1, 64, 4}) {
                ModelResizer.resize(m, target, k);
                assertEquals(target, m.count);
                for (int q = 0; q < m.count; q++) {
                    String at = "seed " + seed + ", Q=" + target + ", q=" + q;
                    assertTrue(m.weight[q] >= 0 && Double.isFinite(m.weight[q]), at);
                    assertTrue(m.freqHz[q] > 0 && m.freqHz[q] < 20_000, at + ": " + m.freqHz[q]);
                    assertTrue(m.lengthscaleS[q] > 0 && Double.isFinite(m.lengthscaleS[q]), at);
                    if (q > 0) assertTrue(m.freqHz[q] >= m.freqHz[q - 1], at + ": sorted");
                }
                assertEquals(total, m.totalVariance(), REL * total);
                assertEquals(centroid, centroidHz(m), REL * centroid);
            }
        }
    }

    @Test
    void shouldMergeTheGloballyClosestPairOfAnUnsortedModel() {
        Kernel k = Kernel.MATERN32;
        SmModel m = new SmModel(4);
        double[] f = {3000, 120, 3100, 1000};
        for (int q = 0; q < 4; q++) {
            m.freqHz[q] = f[q];
            m.weight[q] = 1;
            m.lengthscaleS[q] = ModelResizer.lengthscaleS(k, 20);
        }
        m.count = 4;
        ModelResizer.resize(m, 3, k);
        assertArrayEquals(new double[] {3050, 120, 1000}, copy(m.freqHz, 3), 1e-9);
        assertFalse(m.reborn[1]);
    }

    @Test
    void shouldResizeIntoASeparateModelLeavingTheSourceAlone() {
        Kernel k = Kernel.MATERN32;
        SmModel src = speechLike(24, 24, 3, k), dst = new SmModel(64);
        double[] before = src.freqHz.clone();
        ModelResizer.resize(src, 40, k, dst);
        assertEquals(40, dst.count);
        assertEquals(24, src.count);
        assertArrayEquals(before, src.freqHz, 0);
    }

    @Test
    void shouldRejectCountsOutsideOneToCapacityAndEmptyModels() {
        SmModel m = speechLike(8, 4, 1, Kernel.MATERN32);
        assertThrows(IllegalArgumentException.class, () -> ModelResizer.resize(m, 0, Kernel.MATERN32));
        assertThrows(IllegalArgumentException.class, () -> ModelResizer.resize(m, 9, Kernel.MATERN32));
        m.count = 0;
        assertThrows(IllegalArgumentException.class, () -> ModelResizer.resize(m, 4, Kernel.MATERN32));
    }

    @Test
    void shouldAllocateNothingPerResize() {
        Kernel k = Kernel.MATERN32;
        SmModel start = speechLike(64, 24, 5, k), m = new SmModel(64);
        int[] targets = {4, 24, 64, 8, 1, 32};
        double bytes = TestAudio.bytesPerCall(
                i -> {
                    m.copyFrom(start);
                    ModelResizer.resize(m, targets[i % targets.length], k);
                },
                20_000);
        assertEquals(0, bytes, 0.01, "bytes allocated per resize");
    }

    private static double[] copy(double[] a, int n) {
        return java.util.Arrays.copyOf(a, n);
    }

    private static boolean[] copy(boolean[] a, int n) {
        return java.util.Arrays.copyOf(a, n);
    }
}
