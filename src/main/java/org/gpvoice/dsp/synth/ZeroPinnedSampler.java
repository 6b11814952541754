package org.gpvoice.dsp.synth;

import java.util.Arrays;
import java.util.Objects;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;

/**
 * The seed's original sampler ({@code condition_at_zero}), kept as a reference that shows the seam artefact: every block
 * is drawn independently from its Gaussian process conditioned on its first and last samples being zero.
 *
 * <p><b>Covariance.</b> {@code r[m] = sum_q kernel.covariance(m / fs, w_q, p_q, l_q) + noiseVar [m = 0]}, {@code m =
 * 0..B-1}, {@code K = toeplitz(r)} (B, B). The block is {@code x ~ N(0, K)} conditioned on {@code x_0 = x_(B-1) = 0};
 * with {@code e = {0, B-1}} and {@code i} the interior, {@code x_i | x_e = 0 ~ N(0, K_ii - K_ie K_ee^-1 K_ei)}.
 *
 * <p><b>Computation</b> ({@code O(B^2)} per block). Draw {@code x ~ N(0, K)} with the Levinson predictors of orders
 * {@code 0..B-1} (one recursion on {@code r[0..B-1]}, {@link Levinson#extend}), then apply the Gaussian bridge
 * correction (Matheron's rule)
 *
 * <pre>
 *   x <- x - K[:, e] K_ee^-1 x_e,     K_ee = [[r0, r_(B-1)], [r_(B-1), r0]]   (2x2, solved in closed form)
 * </pre>
 *
 * which is exact: the corrected vector is independent of {@code x_e}, has covariance {@code K - K_:e K_ee^-1 K_e:}, and
 * is zero at {@code e} (written as exact zeros). Consecutive blocks meet as {@code ..., x, 0 | 0, x, ...}: the slope
 * breaks at every boundary, an audible 200 Hz buzz at 5 ms blocks.
 *
 * <p>Failures as in {@link LevinsonPredictor}, counted in {@link #faults()}; the output is always finite. No allocation
 * after construction. Not thread-safe.
 */
public final class ZeroPinnedSampler implements BlockSampler {
    private final int blockSize;
    private final LevinsonPredictor predictor;
    private final GaussianSource rng;
    /** The block being drawn, {@code (B)}. */
    private final double[] x;
    /** Innovations, {@code (B)}. */
    private final double[] eps;

    private long bridgeFaults;

    /**
     * @param sampleRateHz sample rate {@code fs}
     * @param blockSize samples per {@link #render}, {@code B >= 3}
     * @param kernel envelope family of every component
     * @param seed random seed
     */
    public ZeroPinnedSampler(double sampleRateHz, int blockSize, Kernel kernel, long seed) {
        if (blockSize < 3) throw new IllegalArgumentException("blockSize must be >= 3: " + blockSize);
        this.blockSize = blockSize;
        predictor = new LevinsonPredictor(blockSize - 1, sampleRateHz, kernel);
        rng = new GaussianSource(seed);
        x = new double[blockSize];
        eps = new double[blockSize];
    }

    /** Restarts the random sequence of {@code seed} (blocks carry no other state). */
    public void reseed(long seed) {
        rng.reseed(seed);
        predictor.reset();
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    /** Invalid parameters left out, and blocks that fell back to the previous model (or silence). */
    public long faults() {
        return predictor.faults() + bridgeFaults;
    }

    /** Blocks whose covariance needed the jitter on {@code r[0]} to pass the recursion. */
    public long jitterRetries() {
        return predictor.jittered();
    }

    /**
     * Writes the next block, independent of the others and zero at both ends, into {@code out[off .. off + B)}
     * (overwritten; nothing else is modified). {@code m} is only read.
     */
    @Override
    public void render(SmModel m, double[] out, int off) {
        Objects.checkFromIndexSize(off, blockSize, out.length);
        int status = predictor.update(m);
        if (status == LevinsonPredictor.SILENT || status == LevinsonPredictor.NONE) {
            Arrays.fill(out, off, off + blockSize, 0.0);
            return;
        }
        rng.fill(eps, 0, blockSize);
        if (!draw(predictor, eps, x)) {
            bridgeFaults++;
            Arrays.fill(out, off, off + blockSize, 0.0);
            return;
        }
        System.arraycopy(x, 0, out, off, blockSize);
    }

    /** Stationary draw of {@code x} from innovations {@code e}, then the bridge to zero ends; false if singular. */
    private boolean draw(LevinsonPredictor p, double[] e, double[] xs) {
        final int b = blockSize;
        final double[] r = p.r;
        Levinson.extend(p.table, p.err, 0, xs, 0, b, e, 0);
        double r0 = r[0];
        double rb = r[b - 1];
        double det = (r0 - rb) * (r0 + rb);
        if (!(det > 0)) return false;
        double x0 = xs[0];
        double x1 = xs[b - 1];
        double c0 = (r0 * x0 - rb * x1) / det; // K_ee^-1 x_e
        double c1 = (r0 * x1 - rb * x0) / det;
        for (int t = 1; t < b - 1; t++) xs[t] -= r[t] * c0 + r[b - 1 - t] * c1;
        xs[0] = 0.0;
        xs[b - 1] = 0.0;
        return true;
    }

    /**
     * The matrix {@code G} (B, B) row-major of the linear map {@code x = G eps} this sampler applies for model {@code m}
     * (stationary draw then bridge), so the block covariance is {@code G G^T}. Test hook: allocates, {@code O(B^3)},
     * resets the last good model.
     */
    void impliedFactor(SmModel m, double[] g) {
        predictor.reset();
        if (predictor.update(m) != LevinsonPredictor.FRESH) throw new IllegalStateException("model did not pass as is");
        int b = blockSize;
        double[] e = new double[b];
        double[] col = new double[b];
        for (int s = 0; s < b; s++) {
            Arrays.fill(e, 0.0);
            e[s] = 1.0;
            if (!draw(predictor, e, col)) throw new IllegalStateException("singular end-point covariance");
            for (int t = 0; t < b; t++) g[t * b + s] = col[t];
        }
    }
}
