package org.gpvoice.dsp.model;

/**
 * Smooths each component's trajectory across blocks with the blocks either side: the model handed on for block
 * {@code n} is block {@code n}'s fit with, for every component that continues from {@code n - 1} through {@code n + 1},
 * its log weight, centre frequency and log lengthscale averaged with weights 1/4, 1/2, 1/4 (a component that was
 * reborn in between is averaged only over the blocks where it is the same component, with the weights renormalised).
 * It is handed on one block later than the fit, which is what it costs.
 *
 * <p>Why: consecutive 5 ms blocks are fitted on 30 ms windows that overlap by 25 ms, yet a few LM steps leave each
 * harmonic's weight jittering by about 1.3 dB from block to block, independently of its neighbours (LJ001-0001: the
 * standard deviation of the block-to-block change of a harmonic's log weight is 0.3, and of the log ratio of two
 * harmonics' weights 0.4). The sampler ramps its gains linearly between blocks, so that jitter is amplitude modulation
 * at the block rate: it moves a narrow harmonic's power out to 100-200 Hz either side, into the valleys between
 * harmonics and under the fundamental. The three-block average removes most of the jitter above 100 Hz (its response is
 * {@code cos^2(pi f / 200 Hz)}) while following the voice's own level changes without lag.
 *
 * <p>No allocation after construction. One instance per stream, on the fit's thread.
 */
public final class ModelSmoother {
    private static final double[] TAPS = {0.25, 0.5, 0.25};
    private final SmModel[] raw = new SmModel[3]; // raw[0] oldest; raw[2] newest
    // ln weight and ln lengthscale of each raw model, taken once when it is pushed (NaN where not positive)
    private final double[][] lnW = new double[3][], lnL = new double[3][];
    private final long[] index = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};

    public ModelSmoother(int capacity) {
        for (int i = 0; i < 3; i++) {
            raw[i] = new SmModel(capacity);
            lnW[i] = new double[capacity];
            lnL[i] = new double[capacity];
        }
    }

    /**
     * Takes the fit of block {@code block} (blocks arrive in increasing order; a block may be missing when its fit was
     * skipped) and, when the block before it was fitted too, writes that block's smoothed model into {@code out} and
     * returns true.
     */
    public boolean push(SmModel fit, long block, SmModel out) {
        SmModel oldest = rotate(raw);
        double[] oldW = rotate(lnW), oldL = rotate(lnL);
        index[0] = index[1];
        index[1] = index[2];
        index[2] = block;
        oldest.copyFrom(fit);
        for (int k = 0; k < fit.count; k++) {
            oldW[k] = fit.weight[k] > 0 ? Math.log(fit.weight[k]) : Double.NaN;
            oldL[k] = fit.lengthscaleS[k] > 0 ? Math.log(fit.lengthscaleS[k]) : Double.NaN;
        }
        if (index[1] != block - 1) return false;
        smooth(out);
        return true;
    }

    /** Forgets every block pushed (a new stream, or a reset). */
    public void clear() {
        java.util.Arrays.fill(index, Long.MIN_VALUE);
    }

    private void smooth(SmModel out) {
        final SmModel prev = raw[0], mid = raw[1], next = raw[2];
        final double[] wPrev = lnW[0], wMid = lnW[1], wNext = lnW[2], lPrev = lnL[0], lMid = lnL[1], lNext = lnL[2];
        final boolean havePrev = index[0] == index[1] - 1;
        out.copyFrom(mid);
        // the trim's gains: a plain average over the blocks there are
        final double t0 = havePrev ? TAPS[0] : 0, norm = 1 / (t0 + TAPS[1] + TAPS[2]);
        out.lowBandGain = average(t0, prev.lowBandGain, mid.lowBandGain, next.lowBandGain, norm);
        out.subBandVar = average(t0, prev.subBandVar, mid.subBandVar, next.subBandVar, norm);
        for (int b = 0; b < out.bandShare.length; b++)
            out.bandShare[b] = average(t0, prev.bandShare[b], mid.bandShare[b], next.bandShare[b], norm);
        for (int k = 0; k < mid.count; k++) {
            if (Double.isNaN(wMid[k]) || Double.isNaN(lMid[k])) continue;
            double sum = TAPS[1], lw = TAPS[1] * wMid[k], p = TAPS[1] * mid.freqHz[k], ll = TAPS[1] * lMid[k];
            // the previous block's component k is this one unless k was reborn in this block
            if (havePrev && k < prev.count && !mid.reborn[k] && !Double.isNaN(wPrev[k]) && !Double.isNaN(lPrev[k])) {
                sum += TAPS[0];
                lw += TAPS[0] * wPrev[k];
                p += TAPS[0] * prev.freqHz[k];
                ll += TAPS[0] * lPrev[k];
            }
            // the next block's component k is this one unless k was reborn in the next block
            if (k < next.count && !next.reborn[k] && !Double.isNaN(wNext[k]) && !Double.isNaN(lNext[k])) {
                sum += TAPS[2];
                lw += TAPS[2] * wNext[k];
                p += TAPS[2] * next.freqHz[k];
                ll += TAPS[2] * lNext[k];
            }
            out.weight[k] = Math.exp(lw / sum);
            out.freqHz[k] = p / sum;
            out.lengthscaleS[k] = Math.exp(ll / sum);
        }
    }

    /** {@code (t0 prev + TAPS[1] mid + TAPS[2] next) norm}, without the block before when {@code t0 = 0}. */
    private static double average(double t0, double prev, double mid, double next, double norm) {
        double s = TAPS[1] * mid + TAPS[2] * next;
        if (t0 != 0) s += t0 * prev;
        return s * norm;
    }

    /** Moves the three entries of {@code a} one place down, the oldest to the end, and returns it (to be rewritten). */
    private static <T> T rotate(T[] a) {
        T oldest = a[0];
        a[0] = a[1];
        a[1] = a[2];
        a[2] = oldest;
        return oldest;
    }
}
