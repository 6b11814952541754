package org.gpvoice.dsp.synth;

import java.util.Arrays;
import java.util.Objects;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;

/**
 * Block-conditioned (autoregressive) sampling, the seed's {@code condition_on_prv}: each block is drawn from its Gaussian
 * process conditioned on the previous block's samples, computed through the Toeplitz structure in {@code O(B^2)} per
 * block instead of dense {@code O(B^3)} algebra.
 *
 * <p><b>Covariance.</b> The block's model gives the stationary autocovariance at lags {@code m = 0..2B-1} samples
 *
 * <pre>
 *   r[m] = sum_q kernel.covariance(m / fs, w_q, p_q, l_q) + noiseVar [m = 0],       K = toeplitz(r[0..2B-1])  (2B, 2B)
 * </pre>
 *
 * and the previous block {@code y} (B) and this block {@code x} (B) are taken as jointly {@code N(0, K)} under the
 * CURRENT block's model. The draw is the Gaussian conditional
 *
 * <pre>
 *   x | y ~ N( K21 K11^-1 y,  K22 - K21 K11^-1 K12 ).
 * </pre>
 *
 * <p><b>Computation.</b> By the chain rule the conditional factors into one-sample conditionals, and sample {@code t} of
 * the block is conditioned on exactly the {@code B + t} samples before it in the window {@code (y, x)}: that is the
 * order-{@code (B + t)} forward predictor of {@link Levinson},
 *
 * <pre>
 *   x_t = sum_(j=1..B+t) a_(B+t)[j] z_(B+t-j) + sqrt(E_(B+t)) eps_t,      z = (y, x) (2B),  eps ~ N(0, I),
 * </pre>
 *
 * so one recursion on {@code r[0..2B-1]} ({@code O(B^2)}, all predictors kept in a packed table of {@code B (2B-1)}
 * values) and {@code sum_t (B + t) = O(B^2)} multiply-adds per block give the exact conditional. Written as {@code x =
 * mean + L eps}, {@code L} (B, B) lower triangular, {@code L L^T} is the conditional covariance and {@code L} its
 * Cholesky factor. The first block after construction or {@link #reseed} has no history and is drawn from the
 * stationary {@code N(0, K22)} with the predictors of orders {@code 0..B-1}.
 *
 * <p><b>Properties.</b> With a constant model the output is stationary with the exact covariance at every lag up to
 * {@code 2B-1} (adjacent blocks have exactly the joint {@code K}), including lags that straddle block boundaries: no
 * seam. Longer lags are those of a block-Markov approximation. When the model changes, the previous block is treated as
 * if drawn from the new model (as in the seed); {@link SmModel#reborn} is not used.
 *
 * <p><b>Failures</b> (policy in {@link LevinsonPredictor}): a model whose recursion breaks down is retried with a
 * relative jitter {@code 1e-9 r[0]} on {@code r[0]}; if that fails the previous block's model is used again and {@link
 * #faults()} counts it; invalid parameters are left out and counted. A silent model ({@code r[0] = 0}) writes zeros,
 * which become the history.
 *
 * <p><b>Model changes and the bound.</b> The conditional mean {@code K21 K11^-1 y} is only tame when {@code y} is
 * plausible under the new model. After an abrupt change to a smooth spectrum with little floor (a Gaussian peak, or a
 * Matern-3/2 one, whose {@code K11} is ill-conditioned), {@code K11^-1} amplifies the part of {@code y} the new model
 * considers unlikely, and block after block the amplitude can grow without limit (the seed's method has the same
 * property). So a conditioned block whose peak {@code max_t |x_t|} is not finite or exceeds both {@code 16} standard
 * deviations of the larger of this and the previous block's model ({@link #LIMIT}) and the previous block's peak is
 * drawn again, from the same innovations, unconditioned (stationary, orders {@code 0..B-1}): that block boundary is a
 * seam, counted in {@link #restarts()} and {@link #faults()}. A transient above 16 sigma may decay (a loud block
 * followed by a quiet model) but never grow, so every block's peak stays below {@code 16} times the largest model
 * standard deviation seen: the output is always finite and bounded.
 *
 * <p>No allocation after construction; same seed and same models give bit-identical output. Not thread-safe.
 */
public final class BlockArSampler implements BlockSampler {
    /**
     * Bound on a conditioned block, in standard deviations of the larger of this and the previous block's model (a
     * Gaussian sample exceeds 16 sigma with probability 1e-57); beyond it a block may only decay from the previous one.
     */
    static final double LIMIT = 16.0;

    private final int blockSize;
    private final LevinsonPredictor predictor;
    private final GaussianSource rng;
    /** Window: the previous block in {@code [0, B)}, this block in {@code [B, 2B)}, {@code (2B)}. */
    private final double[] z;
    /** Innovations for one block, {@code (B)}. */
    private final double[] eps;
    /** A block has been written since construction or {@link #reseed}: {@code z[0, B)} is history. */
    private boolean primed;
    /** Standard deviation {@code sqrt(r[0])} of the model the previous block was drawn with (0 for silence). */
    private double prevStd;
    /** {@code max |x|} over the previous block. */
    private double prevPeak;

    private long restarts;

    /**
     * @param sampleRateHz sample rate {@code fs}
     * @param blockSize samples per {@link #render}, {@code B >= 1}
     * @param kernel envelope family of every component
     * @param seed random seed
     */
    public BlockArSampler(double sampleRateHz, int blockSize, Kernel kernel, long seed) {
        if (blockSize < 1) throw new IllegalArgumentException("blockSize must be >= 1: " + blockSize);
        this.blockSize = blockSize;
        predictor = new LevinsonPredictor(2 * blockSize - 1, sampleRateHz, kernel);
        rng = new GaussianSource(seed);
        z = new double[2 * blockSize];
        eps = new double[blockSize];
    }

    /** Restarts with no history (the next block is a stationary draw) and the random sequence of {@code seed}. */
    public void reseed(long seed) {
        rng.reseed(seed);
        primed = false;
        prevStd = 0.0;
        prevPeak = 0.0;
        predictor.reset();
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    /** Invalid parameters left out, blocks that fell back to the previous model (or silence), and {@link #restarts}. */
    public long faults() {
        return predictor.faults() + restarts;
    }

    /** Conditioned blocks that exceeded the bound and were drawn again unconditioned (a seam). */
    public long restarts() {
        return restarts;
    }

    /** Blocks whose covariance needed the jitter on {@code r[0]} to pass the recursion. */
    public long jitterRetries() {
        return predictor.jittered();
    }

    /**
     * Writes the next {@code B} samples, conditioned on the previous block, into {@code out[off .. off + B)}
     * (overwritten; nothing else is modified). {@code m} is only read.
     */
    @Override
    public void render(SmModel m, double[] out, int off) {
        Objects.checkFromIndexSize(off, blockSize, out.length);
        final int b = blockSize;
        int status = predictor.update(m);
        double std = 0.0;
        double pk = 0.0;
        if (status == LevinsonPredictor.SILENT || status == LevinsonPredictor.NONE) {
            for (int t = b; t < 2 * b; t++) z[t] = 0.0;
        } else {
            std = Math.sqrt(predictor.r[0]);
            rng.fill(eps, 0, b);
            Levinson.extend(predictor.table, predictor.err, primed ? b : 0, z, b, b, eps, 0);
            pk = peak();
            if (primed && !(pk <= Math.max(LIMIT * Math.max(std, prevStd), prevPeak))) {
                // the history is implausible under this model and the conditional amplified it: start afresh
                restarts++;
                Levinson.extend(predictor.table, predictor.err, 0, z, b, b, eps, 0);
                pk = peak();
            }
        }
        System.arraycopy(z, b, out, off, b);
        System.arraycopy(z, b, z, 0, b);
        prevStd = std;
        prevPeak = pk;
        primed = true;
    }

    /** {@code max |x|} over this block, NaN if a sample is NaN. */
    private double peak() {
        double p = 0.0;
        for (int t = blockSize; t < 2 * blockSize; t++) {
            double a = Math.abs(z[t]);
            if (!(a <= p)) p = a; // NaN propagates
        }
        return p;
    }

    // ---------------------------------------------------------------- for tests: the implied conditional

    /**
     * The conditional mean this sampler draws around for model {@code m} after previous block {@code prev} (B): the
     * block rendered with zero innovations. Test hook: allocates, and resets the last good model.
     */
    void impliedMean(SmModel m, double[] prev, double[] mean) {
        LevinsonPredictor p = predictorFor(m);
        double[] w = new double[2 * blockSize];
        System.arraycopy(prev, 0, w, 0, blockSize);
        Levinson.extend(p.table, p.err, blockSize, w, blockSize, blockSize, new double[blockSize], 0);
        System.arraycopy(w, blockSize, mean, 0, blockSize);
    }

    /**
     * The factor {@code L} (B, B) row-major of the draw {@code x = mean + L eps} for model {@code m}: conditioned on a
     * previous block when {@code conditioned}, else the stationary first block. Column {@code s} is the block rendered
     * from a zero history with the unit innovation {@code eps_s = 1}. Test hook: allocates, {@code O(B^3)}.
     */
    void impliedFactor(SmModel m, boolean conditioned, double[] l) {
        LevinsonPredictor p = predictorFor(m);
        int b = blockSize;
        double[] w = new double[2 * b];
        double[] e = new double[b];
        for (int s = 0; s < b; s++) {
            Arrays.fill(w, 0.0);
            Arrays.fill(e, 0.0);
            e[s] = 1.0;
            Levinson.extend(p.table, p.err, conditioned ? b : 0, w, b, b, e, 0);
            for (int t = 0; t < b; t++) l[t * b + s] = w[b + t];
        }
    }

    /** This sampler's predictor, filled for {@code m}; the model must pass without the jitter. */
    private LevinsonPredictor predictorFor(SmModel m) {
        predictor.reset();
        if (predictor.update(m) != LevinsonPredictor.FRESH) throw new IllegalStateException("model did not pass as is");
        return predictor;
    }
}
