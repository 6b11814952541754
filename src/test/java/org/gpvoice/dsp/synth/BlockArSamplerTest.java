package org.gpvoice.dsp.synth;

import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.allocatedBytesPerCall;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.autocovariance;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.chol;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.cholSolve;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.clickRatio;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.covariance;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.lags;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.model;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.outer;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.relDiff;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.render;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.straddlingAutocovariance;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.threePeaks;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.toeplitz;
import static org.gpvoice.dsp.synth.BlockSamplerTestSupport.worstPeakBandError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockArSamplerTest {
    private static final double FS = 16000.0;
    private static final int B = 80;
    private static final double GARBAGE = 1e300;

    // ---------------------------------------------------------------- the implied conditional (deterministic)

    /**
     * The conditional the sampler implements for block n given block n-1, against the dense Gaussian conditional on the
     * 2B x 2B Toeplitz matrix (EJML Cholesky): mean {@code K21 K11^-1 y} (the block rendered with zero innovations) and
     * covariance {@code K22 - K21 K11^-1 K12} ({@code L L^T}, {@code L} rebuilt from the per-order predictors); also
     * {@code L} against the Cholesky factor itself, and the stationary first block against {@code K22}. Relative
     * tolerance 1e-9 (max abs difference over max abs reference); measured worst over the kernels (Gaussian): mean
     * 1.0e-13, covariance 3.6e-14, factor 2.2e-13, stationary 1.1e-14.
     */
    @ParameterizedTest
    @EnumSource(Kernel.class)
    void shouldImplyTheDenseGaussianConditional(Kernel k) {
        SmModel m = threePeaks();
        BlockArSampler s = new BlockArSampler(FS, B, k, 1L);
        double[] r = lags(k, m, FS, 2 * B);
        DMatrixRMaj kk = toeplitz(r, 2 * B);
        DMatrixRMaj k11 = CommonOps_DDRM.extract(kk, 0, B, 0, B);
        DMatrixRMaj k12 = CommonOps_DDRM.extract(kk, 0, B, B, 2 * B);
        DMatrixRMaj k22 = CommonOps_DDRM.extract(kk, B, 2 * B, B, 2 * B);

        // a previous block drawn from the model (the stationary factor of K11)
        DMatrixRMaj e = new DMatrixRMaj(B, 1);
        GaussianSource g = new GaussianSource(99L);
        for (int i = 0; i < B; i++) e.set(i, 0, g.next());
        DMatrixRMaj y = new DMatrixRMaj(B, 1);
        CommonOps_DDRM.mult(chol(k11), e, y);

        DMatrixRMaj meanRef = new DMatrixRMaj(B, 1);
        CommonOps_DDRM.multTransA(k12, cholSolve(k11, y), meanRef);
        double[] mean = new double[B];
        Arrays.fill(mean, GARBAGE);
        s.impliedMean(m, y.data, mean);
        double dMean = relDiff(mean, meanRef.data);

        DMatrixRMaj covRef = new DMatrixRMaj(B, B);
        CommonOps_DDRM.multTransA(k12, cholSolve(k11, k12), covRef);
        CommonOps_DDRM.subtract(k22, covRef, covRef);
        DMatrixRMaj l = new DMatrixRMaj(B, B);
        s.impliedFactor(m, true, l.data);
        double dCov = relDiff(outer(l), covRef);
        double dChol = relDiff(l, chol(covRef));

        DMatrixRMaj l0 = new DMatrixRMaj(B, B);
        s.impliedFactor(m, false, l0.data);
        double dStat = relDiff(outer(l0), k22);

        String msg = k + ": mean " + dMean + ", cov " + dCov + ", chol " + dChol + ", stationary " + dStat;
        assertTrue(dMean < 1e-9 && dCov < 1e-9 && dChol < 1e-9 && dStat < 1e-9, msg);
    }

    // ---------------------------------------------------------------- long-run statistics (Monte Carlo)

    /**
     * Constant model (three Matern-3/2 peaks, total variance 1.01), 20000 blocks (1.6e6 samples): the empirical
     * autocovariance at lags 0..2B matches the kernel within 0.03 (Monte Carlo standard error about 0.005 here), both
     * over all pairs and over only the pairs that straddle a block boundary (lags 1..B-1); and the click ratio (second
     * differences at the two samples either side of each boundary over elsewhere) stays within [0.9, 1.1]. Measured:
     * worst error 0.0056 (all pairs), 0.0093 (straddling), click ratio 1.0009.
     */
    @Test
    void shouldMatchTheKernelAcrossBlockBoundariesWithoutASeam() {
        Kernel k = Kernel.MATERN32;
        SmModel m = threePeaks();
        BlockArSampler s = new BlockArSampler(FS, B, k, 42L);
        double[] x = render(s, m, 20_000);
        double worst = 0;
        for (int lag = 0; lag <= 2 * B; lag++) {
            worst = Math.max(worst, Math.abs(autocovariance(x, lag, B) - covariance(k, m, lag / FS)));
        }
        double worstX = 0;
        for (int lag = 1; lag < B; lag++) {
            worstX = Math.max(worstX, Math.abs(straddlingAutocovariance(x, lag, B) - covariance(k, m, lag / FS)));
        }
        double ratio = clickRatio(x, B, 1);
        assertTrue(worst < 0.03, "all pairs: worst error " + worst);
        assertTrue(worstX < 0.03, "straddling pairs: worst error " + worstX);
        assertTrue(ratio >= 0.9 && ratio <= 1.1, "click ratio " + ratio);
        assertEquals(0, s.faults());
    }

    /**
     * The model on which the zero-pinned sampler clicks hardest (one noise-free Matern-3/2 peak, w 0.8, 440 Hz, 5 ms:
     * ratio 54) gives a click ratio within [0.9, 1.1] here (measured 0.99 over 20000 blocks).
     */
    @Test
    void shouldNotClickWhereTheZeroPinnedSamplerDoes() {
        SmModel peak = model(0.0, 0.8, 440.0, 0.005);
        double ratio = clickRatio(render(new BlockArSampler(FS, B, Kernel.MATERN32, 4L), peak, 20_000), B, 1);
        assertTrue(ratio >= 0.9 && ratio <= 1.1, "click ratio " + ratio);
    }

    /**
     * Welch PSD (Hann, 4096 points, 50% overlap) of 25000 blocks (2e6 samples) against the discrete-time PSD of the
     * kernel, over 4-bin (15.6 Hz) bands within 2 FWHM of each of the three peaks: every band within 10% (measured
     * worst 5.7%; sampling error per band about 1.7%).
     */
    @Test
    void shouldMatchTheKernelPsdAroundThePeaks() {
        Kernel k = Kernel.MATERN32;
        SmModel m = threePeaks();
        double[] x = render(new BlockArSampler(FS, B, k, 7L), m, 25_000);
        double err = worstPeakBandError(x, k, m, FS, 2.0);
        assertTrue(err < 0.10, "worst band error " + err);
    }

    // ---------------------------------------------------------------- determinism, contract, failures

    @Test
    void shouldReproduceOutputForTheSameSeedAndDifferForAnother() {
        SmModel m = threePeaks();
        double[] a = render(new BlockArSampler(FS, B, Kernel.MATERN32, 3L), m, 50);
        double[] b = render(new BlockArSampler(FS, B, Kernel.MATERN32, 3L), m, 50);
        double[] c = render(new BlockArSampler(FS, B, Kernel.MATERN32, 4L), m, 50);
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c));
        BlockArSampler s = new BlockArSampler(FS, B, Kernel.MATERN32, 4L);
        render(s, m, 10);
        s.reseed(3L);
        assertArrayEquals(a, render(s, m, 50), 0.0, "reseed restarts the stream");
    }

    @Test
    void shouldWriteExactlyItsBlockAndOnlyFiniteValues() {
        BlockArSampler s = new BlockArSampler(FS, B, Kernel.GAUSSIAN, 5L);
        double[] out = new double[3 * B];
        for (int i = 0; i < 20; i++) {
            Arrays.fill(out, GARBAGE);
            s.render(threePeaks(), out, B);
            for (int t = 0; t < B; t++) assertEquals(GARBAGE, out[t], 0.0);
            for (int t = 2 * B; t < 3 * B; t++) assertEquals(GARBAGE, out[t], 0.0);
            for (int t = B; t < 2 * B; t++) assertTrue(Double.isFinite(out[t]) && Math.abs(out[t]) < 20.0);
        }
        assertEquals(B, s.blockSize());
        assertThrows(IndexOutOfBoundsException.class, () -> s.render(threePeaks(), out, 2 * B + 1));
        SmModel bad = threePeaks();
        bad.count = 4;
        assertThrows(IllegalArgumentException.class, () -> s.render(bad, out, 0));
    }

    /**
     * Two components of weight 1e308 overflow {@code r[0]} to infinity (the retry with jitter cannot help): the block is
     * drawn with the previous block's model, bit-identical to a sampler that was given that model, and counted.
     */
    @Test
    void shouldKeepThePreviousModelWhenTheCovarianceBreaksDown() {
        SmModel good = threePeaks();
        SmModel overflow = model(0.0, 1e308, 300.0, 0.005, 1e308, 400.0, 0.005);
        BlockArSampler s = new BlockArSampler(FS, B, Kernel.MATERN32, 8L);
        BlockArSampler t = new BlockArSampler(FS, B, Kernel.MATERN32, 8L);
        double[] x = new double[6 * B];
        double[] y = new double[6 * B];
        for (int i = 0; i < 6; i++) {
            s.render(i == 3 ? overflow : good, x, i * B);
            t.render(good, y, i * B);
        }
        assertArrayEquals(y, x, 0.0);
        assertEquals(1, s.faults());
        assertEquals(0, t.faults());

        // with no good model yet: silence, then the stream continues from it
        BlockArSampler u = new BlockArSampler(FS, B, Kernel.MATERN32, 8L);
        double[] z = new double[2 * B];
        Arrays.fill(z, GARBAGE);
        u.render(overflow, z, 0);
        u.render(good, z, B);
        for (int i = 0; i < B; i++) assertEquals(0.0, z[i], 0.0);
        for (int i = B; i < 2 * B; i++) assertTrue(Double.isFinite(z[i]));
        assertEquals(1, u.faults());
    }

    /**
     * A noise-free Gaussian mixture with 20 ms lengthscales is numerically singular at order 159 (innovation variances
     * fall under the floor 1e-10 r[0]); the retry with the jitter 1e-9 r[0] passes. Invalid parameters are left out and
     * counted; an empty model is silence.
     */
    @Test
    void shouldRetryWithJitterAndLeaveOutInvalidParameters() {
        BlockArSampler s = new BlockArSampler(FS, B, Kernel.GAUSSIAN, 9L);
        double[] out = new double[B];
        s.render(model(0.0, 1.0, 200.0, 0.02, 0.5, 700.0, 0.02), out, 0);
        assertEquals(1, s.jitterRetries());
        assertEquals(0, s.faults());
        for (double v : out) assertTrue(Double.isFinite(v) && Math.abs(v) < 10);

        s.render(model(0.01, Double.NaN, 300.0, 0.005, 0.5, 300.0, -1.0, 0.5, 500.0, 0.005), out, 0);
        assertEquals(2, s.faults());
        for (double v : out) assertTrue(Double.isFinite(v));

        Arrays.fill(out, GARBAGE);
        s.render(model(0.0), out, 0);
        for (double v : out) assertEquals(0.0, v, 0.0);
        assertEquals(2, s.faults());
    }

    /**
     * A noise-free Gaussian peak alternating between 440 and 520 Hz every block: {@code K11} is numerically singular
     * (every block needs the jitter) and the conditional mean amplifies the previous block, which the other model finds
     * implausible, without limit. The bound restarts such blocks unconditioned (about 30% of the blocks, a seam
     * each); every sample stays finite and within 16 standard deviations.
     */
    @Test
    void shouldStayFiniteAndBoundedWhenTheModelJumps() {
        SmModel lo = model(0.0, 0.8, 440.0, 0.005);
        SmModel hi = model(0.0, 0.8, 520.0, 0.005);
        BlockArSampler s = new BlockArSampler(FS, B, Kernel.GAUSSIAN, 12L);
        double[] out = new double[B];
        double bound = BlockArSampler.LIMIT * Math.sqrt(0.8 * (1 + 1e-9));
        for (int i = 0; i < 2000; i++) {
            s.render((i & 1) == 0 ? lo : hi, out, 0);
            for (double v : out) assertTrue(Math.abs(v) <= bound, "block " + i + ": " + v);
        }
        assertTrue(s.restarts() > 0);
        assertEquals(s.restarts(), s.faults());
        assertEquals(2000, s.jitterRetries());
    }

    /**
     * A level step of -20 dB (same spectrum): the loud previous block's conditional tail decays in the quiet blocks
     * above 16 of their standard deviations, which the bound allows (a peak may exceed it only by decaying): no
     * restart in 2000 blocks of steps every 20 blocks, click ratio within [0.9, 1.1].
     */
    @Test
    void shouldLetALoudTailDecayAfterALevelStep() {
        SmModel loud = model(1e-3, 0.8, 300.0, 0.005);
        SmModel quiet = model(1e-5, 0.008, 300.0, 0.005);
        BlockArSampler s = new BlockArSampler(FS, B, Kernel.GAUSSIAN, 13L);
        double[] x = new double[2000 * B];
        for (int i = 0; i < 2000; i++) s.render((i / 20) % 2 == 0 ? loud : quiet, x, i * B);
        assertEquals(0, s.restarts());
        double ratio = clickRatio(x, B, 1);
        assertTrue(ratio >= 0.9 && ratio <= 1.1, "click ratio " + ratio);
    }

    /**
     * 24 components at 48 kHz, B = 240, the model changing every block (one of them overflowing, so the fault path
     * runs too): allocation per block, measured differentially ({@code (A(3n) - A(n)) / 2n}, n = 300), is below 1 byte.
     */
    @Test
    void shouldNotAllocatePerBlock() {
        int b = 240;
        BlockArSampler s = new BlockArSampler(48000.0, b, Kernel.MATERN32, 10L);
        SmModel[] models = varyingModels(24, 5);
        models[2].weight[0] = 1e308;
        models[2].weight[1] = 1e308;
        double[] out = new double[2 * b];
        int[] i = {0};
        Runnable block = () -> {
            s.render(models[i[0] % models.length], out, (i[0] & 1) * b);
            i[0]++;
        };
        double perBlock = allocatedBytesPerCall(block, 300);
        assertTrue(perBlock < 1.0, "allocated " + perBlock + " bytes per block");
        assertTrue(s.faults() > 0, "the fault path ran");
        for (double v : out) assertTrue(Double.isFinite(v));
    }

    /** {@code n} models of {@code q} components spread over 100 Hz - 8 kHz, each different. */
    static SmModel[] varyingModels(int q, int n) {
        SmModel[] ms = new SmModel[n];
        GaussianSource g = new GaussianSource(123L);
        for (int i = 0; i < n; i++) {
            SmModel m = new SmModel(q);
            m.count = q;
            for (int c = 0; c < q; c++) {
                m.weight[c] = 0.5 / q * (1 + 0.5 * g.nextUniform());
                m.freqHz[c] = 100.0 + 7900.0 * c / q + 50 * g.nextUniform();
                m.lengthscaleS[c] = 0.002 + 0.008 * g.nextUniform();
            }
            m.noiseVar = 1e-3;
            ms[i] = m;
        }
        return ms;
    }
}
