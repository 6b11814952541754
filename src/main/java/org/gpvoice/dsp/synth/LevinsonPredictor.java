package org.gpvoice.dsp.synth;

import java.util.Arrays;
import java.util.Objects;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;

/**
 * A block's autocovariance and its predictor table, with the failure policy shared by the block samplers.
 *
 * <p><b>Lags.</b> From the model: {@code r[m] = sum_q kernel.covariance(m / fs, w_q, p_q, l_q) + noiseVar [m = 0]},
 * {@code m = 0..order}. A component with an invalid parameter (non-finite, {@code w < 0}, {@code l <= 0}) or an invalid
 * {@code noiseVar} is left out for the block and counted in {@link #faults}.
 *
 * <p><b>Recursion</b> ({@link Levinson#recurse}, {@code O(order^2)}), with the innovation floor {@code E_k >
 * FLOOR r[0]} so a numerically singular sequence fails instead of producing predictors dominated by rounding. On
 * failure {@code r[0]} gets the relative jitter {@code JITTER r[0]} (the seed adds {@code 1e-7 I}) and the recursion
 * runs once more: for any valid model ({@code r} positive semi-definite) the jittered Toeplitz matrix has smallest
 * eigenvalue at least {@code JITTER r[0]}, and every {@code E_k} is at least that eigenvalue, so the retry passes the
 * floor ({@code FLOOR < JITTER}) up to rounding. If it still fails, the lags of the last good model are restored and the
 * table recomputed from them (the same arithmetic that passed before), and {@link #faults} counts the event.
 *
 * <p>{@code r[0] == 0} (no component, no floor) is the silent model: valid, nothing to run.
 *
 * <p>All arrays are sized at construction; {@link #update} allocates nothing.
 */
final class LevinsonPredictor {
    /** The block's own model. */
    static final int FRESH = 0;
    /** The block's own model with the jitter on {@code r[0]}. */
    static final int JITTERED = 1;
    /** Fault: the last good model is used again. */
    static final int KEPT = 2;
    /** The model in use (the block's own or the kept one) is silent. */
    static final int SILENT = 3;
    /** Fault and no good model yet: silence. */
    static final int NONE = 4;

    /** Innovation variances must stay above this fraction of {@code r[0]}. */
    static final double FLOOR = 1e-10;
    /** Relative jitter added to {@code r[0]} for the retry. */
    static final double JITTER = 1e-9;

    /** Highest predictor order {@code p}. */
    final int order;

    private final double fs;
    private final Kernel kernel;
    /** Lags in use, {@code (order + 1)}. */
    final double[] r;
    /** Packed predictors of orders {@code 1..order}, {@code (Levinson.tableSize(order))}. */
    final double[] table;
    /** Innovation variances of orders {@code 0..order}, {@code (order + 1)}. */
    final double[] err;
    /** Lags of the last model that passed (jitter included), {@code (order + 1)}. */
    private final double[] goodR;

    private boolean haveGood;
    private long faults;
    private long jittered;

    LevinsonPredictor(int order, double sampleRateHz, Kernel kernel) {
        if (order < 0) throw new IllegalArgumentException("order must be >= 0: " + order);
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRateHz);
        }
        this.order = order;
        this.fs = sampleRateHz;
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        r = new double[order + 1];
        goodR = new double[order + 1];
        err = new double[order + 1];
        table = new double[Levinson.tableSize(order)];
    }

    /** Forgets the last good model (faults and retries stay counted). */
    void reset() {
        haveGood = false;
    }

    /** Faults: invalid parameters left out, and blocks whose model failed even with the jitter. */
    long faults() {
        return faults;
    }

    /** Blocks whose model needed the jitter. */
    long jittered() {
        return jittered;
    }

    /**
     * Fills {@link #r}, {@link #table} and {@link #err} for model {@code m} ({@code m} is only read).
     *
     * @return {@link #FRESH}, {@link #JITTERED}, {@link #KEPT} (table valid), or {@link #SILENT}, {@link #NONE} (nothing
     *     to run: the block is silence)
     */
    int update(SmModel m) {
        int count = m.count;
        if (count < 0 || count > m.capacity) throw new IllegalArgumentException("model count out of range: " + count);
        lags(m);
        int s = Levinson.recurse(r, order, FLOOR * r[0], table, err);
        if (s == Levinson.OK) return keep(FRESH);
        if (r[0] == 0.0) return keep(SILENT);
        if (r[0] > 0.0) {
            r[0] += JITTER * r[0];
            if (Levinson.recurse(r, order, FLOOR * r[0], table, err) == Levinson.OK) {
                jittered++;
                return keep(JITTERED);
            }
        }
        faults++;
        if (!haveGood) {
            Arrays.fill(r, 0.0);
            return NONE;
        }
        System.arraycopy(goodR, 0, r, 0, order + 1);
        if (r[0] == 0.0) return SILENT;
        if (Levinson.recurse(r, order, FLOOR * r[0], table, err) != Levinson.OK) {
            Arrays.fill(r, 0.0); // cannot happen: the same arithmetic passed before
            return NONE;
        }
        return KEPT;
    }

    private int keep(int status) {
        System.arraycopy(r, 0, goodR, 0, order + 1);
        haveGood = true;
        return status;
    }

    /** {@code r[0..order]} from the model; invalid parameters are left out and counted. */
    private void lags(SmModel m) {
        final double[] rr = r;
        final int p = order;
        double nv = m.noiseVar;
        if (nv >= 0 && nv < Double.POSITIVE_INFINITY) {
            rr[0] = nv;
        } else {
            faults++;
            rr[0] = 0.0;
        }
        for (int j = 1; j <= p; j++) rr[j] = 0.0;
        for (int q = 0; q < m.count; q++) {
            double w = m.weight[q];
            double f = m.freqHz[q];
            double l = m.lengthscaleS[q];
            if (!(w >= 0
                    && w < Double.POSITIVE_INFINITY
                    && Math.abs(f) < Double.POSITIVE_INFINITY
                    && l > 0
                    && l < Double.POSITIVE_INFINITY)) {
                faults++;
                continue;
            }
            if (w == 0.0) continue;
            for (int j = 0; j <= p; j++) rr[j] += kernel.covariance(j / fs, w, f, l);
        }
    }
}
