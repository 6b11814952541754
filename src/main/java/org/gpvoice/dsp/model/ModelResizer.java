package org.gpvoice.dsp.model;

/**
 * Carries a fitted {@link SmModel} over to another component count, in place and without allocation, so that a
 * switch of component count (a preset change) continues from the current spectrum instead of starting afresh.
 *
 * <h2>Widths</h2>
 *
 * A component's width is its Gaussian-equivalent spectral standard deviation {@code sigma = FWHM / (2 sqrt(2 ln 2))},
 * with {@code FWHM = kernel.fwhmHz(l)} (exact for every {@link Kernel}; for {@link Kernel#GAUSSIAN} {@code sigma = 1 /
 * (sqrt 2 pi l)}, the same convention as the fitter's). The matching is done on {@code (w, p, sigma^2)} as if each peak
 * were Gaussian; a Matern peak's true variance is larger or infinite, so its half-maximum width stands in for it.
 *
 * <h2>Shrinking: merge</h2>
 *
 * Repeatedly, the two components closest in frequency (on the Bark scale, {@code z(f) = 26.81 f / (1960 + f) - 0.53},
 * so that two harmonics 100 Hz apart are not merged before two high bands 800 Hz apart) become one by moment
 * matching:
 *
 * <pre>
 *   w = w1 + w2,   p = (w1 p1 + w2 p2) / w,   sigma^2 = [w1 (sigma1^2 + (p1 - p)^2) + w2 (sigma2^2 + (p2 - p)^2)] / w
 * </pre>
 *
 * so the total weight, the weighted mean frequency (spectral centroid) and the spread are kept; the width grows to
 * cover the pair. On sorted input the closest pair is adjacent and the merged centre lies between them.
 *
 * <h2>Growing: split</h2>
 *
 * Repeatedly, the component with the largest {@code w * FWHM} (the most power spread over the most bandwidth: the one
 * a richer fit would model with more peaks) becomes two of weight {@code w / 2} at {@code p -+ d}, with {@code d =
 * sigma / 2} (less if that would cross a neighbour's centre or reach 0 Hz) and {@code sigma'^2 = sigma^2 - d^2}: the
 * same weight, mean and variance. A zero-weight or zero-width component splits into two copies of half weight.
 *
 * <h2>Invariants</h2>
 *
 * {@code noiseVar} is untouched and every step keeps {@code sum w} (halving and adding are exact in floating point up
 * to one rounding per merge), so {@link SmModel#totalVariance()} is preserved to rounding. The weighted mean frequency
 * is kept by both steps. A model sorted by frequency stays sorted: new halves go next to their parent and neighbours
 * shift up or down.
 *
 * <h2>Reborn</h2>
 *
 * Samplers track components by slot. Every slot whose content is not the continuation of what it held before (a split
 * half, a merged component, or a component that moved to another slot to keep the order) is marked {@link
 * SmModel#reborn}, so the sampler crossfades it instead of gliding a slot's frequency from an unrelated component's.
 * Slots below the first change keep their flags.
 */
public final class ModelResizer {
    private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

    private ModelResizer() {}

    /**
     * Resizes {@code m} in place to {@code count} components. Modifies every array of {@code m} from the first changed
     * slot up, and {@code m.count}; allocates nothing.
     *
     * @param m the model, with {@code m.count >= 1} (an empty model has nothing to split)
     * @param count the new component count, 1 to {@code m.capacity}
     * @param kernel the kernel {@code m.lengthscaleS} is expressed in
     * @throws IllegalArgumentException if {@code count} is out of range or {@code m} is empty
     */
    public static void resize(SmModel m, int count, Kernel kernel) {
        if (count < 1 || count > m.capacity)
            throw new IllegalArgumentException("component count must be 1 to " + m.capacity + ", got " + count);
        if (m.count < 1) throw new IllegalArgumentException("cannot resize an empty model");
        if (kernel == null) throw new IllegalArgumentException("kernel missing");
        boolean sorted = isSorted(m);
        while (m.count > count) merge(m, kernel, sorted);
        while (m.count < count) split(m, kernel);
    }

    /**
     * Resizes a copy: {@code dst} becomes {@code src} resized to {@code count}. {@code src} is not modified; {@code
     * dst} may be {@code src} (then this is {@link #resize(SmModel, int, Kernel)}).
     *
     * @throws IllegalArgumentException if {@code src} does not fit {@code dst} or {@code count} exceeds its capacity
     */
    public static void resize(SmModel src, int count, Kernel kernel, SmModel dst) {
        if (dst != src) dst.copyFrom(src);
        resize(dst, count, kernel);
    }

    /** Gaussian-equivalent spectral standard deviation of a component of lengthscale {@code lS}, Hz. */
    static double sigmaHz(Kernel k, double lS) {
        return k.fwhmHz(lS) / FWHM_PER_SIGMA;
    }

    /** Inverse of {@link #sigmaHz}. */
    static double lengthscaleS(Kernel k, double sigmaHz) {
        return Kernel.lengthscaleForFwhm(k, FWHM_PER_SIGMA * sigmaHz);
    }

    /** Traunmueller's Bark scale. */
    static double bark(double fHz) {
        return 26.81 * fHz / (1960 + fHz) - 0.53;
    }

    private static boolean isSorted(SmModel m) {
        for (int q = 1; q < m.count; q++) if (!(m.freqHz[q] >= m.freqHz[q - 1])) return false;
        return true;
    }

    /** Merges the two components closest on the Bark scale into the lower slot; the slots above move down by one. */
    private static void merge(SmModel m, Kernel k, boolean sorted) {
        int n = m.count;
        int a = 0, b = 1;
        double best = Double.POSITIVE_INFINITY;
        if (sorted) {
            for (int q = 0; q + 1 < n; q++) {
                double d = bark(m.freqHz[q + 1]) - bark(m.freqHz[q]);
                if (d < best) {
                    best = d;
                    a = q;
                    b = q + 1;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                double zi = bark(m.freqHz[i]);
                for (int j = i + 1; j < n; j++) {
                    double d = Math.abs(bark(m.freqHz[j]) - zi);
                    if (d < best) {
                        best = d;
                        a = i;
                        b = j;
                    }
                }
            }
        }
        double w1 = m.weight[a], w2 = m.weight[b];
        double p1 = m.freqHz[a], p2 = m.freqHz[b];
        double s1 = sigmaHz(k, m.lengthscaleS[a]), s2 = sigmaHz(k, m.lengthscaleS[b]);
        double w = w1 + w2;
        double p, var;
        if (w > 0) {
            double f1 = w1 / w, f2 = w2 / w;
            p = f1 * p1 + f2 * p2;
            var = f1 * (s1 * s1 + (p1 - p) * (p1 - p)) + f2 * (s2 * s2 + (p2 - p) * (p2 - p));
        } else { // two silent components: keep the middle and the wider spread
            p = 0.5 * (p1 + p2);
            var = Math.max(s1 * s1, s2 * s2) + 0.25 * (p1 - p2) * (p1 - p2);
        }
        m.weight[a] = w;
        m.freqHz[a] = p;
        double sigma = Math.sqrt(var);
        if (sigma > 0) m.lengthscaleS[a] = lengthscaleS(k, sigma); // else two zero-width peaks at one place: keep
        m.reborn[a] = true;
        for (int q = b; q + 1 < n; q++) moveDown(m, q + 1);
        m.count = n - 1;
    }

    private static void moveDown(SmModel m, int from) {
        int to = from - 1;
        m.weight[to] = m.weight[from];
        m.freqHz[to] = m.freqHz[from];
        m.lengthscaleS[to] = m.lengthscaleS[from];
        m.reborn[to] = true; // a different component now plays in this slot
    }

    /** Splits the component with the largest weight x bandwidth into itself and the next slot; the rest move up. */
    private static void split(SmModel m, Kernel k) {
        int n = m.count;
        int c = 0;
        double best = -1;
        for (int q = 0; q < n; q++) {
            double score = m.weight[q] * k.fwhmHz(m.lengthscaleS[q]);
            if (score > best) { // NaN never wins; with all scores NaN the first component splits
                best = score;
                c = q;
            }
        }
        double p = m.freqHz[c];
        double s = sigmaHz(k, m.lengthscaleS[c]);
        // half the width apart, but never past a neighbour's centre (order) nor to 0 Hz or below
        double d = 0.5 * s;
        d = Math.min(d, 0.5 * Math.abs(p));
        if (c > 0 && m.freqHz[c - 1] <= p) d = Math.min(d, 0.5 * (p - m.freqHz[c - 1]));
        if (c + 1 < n && m.freqHz[c + 1] >= p) d = Math.min(d, 0.5 * (m.freqHz[c + 1] - p));
        double sNew = Math.sqrt(Math.max(0, s * s - d * d));
        double lNew = sNew > 0 ? lengthscaleS(k, sNew) : m.lengthscaleS[c];
        for (int q = n; q > c + 1; q--) {
            m.weight[q] = m.weight[q - 1];
            m.freqHz[q] = m.freqHz[q - 1];
            m.lengthscaleS[q] = m.lengthscaleS[q - 1];
            m.reborn[q] = true; // a different component now plays in this slot
        }
        double half = 0.5 * m.weight[c];
        m.weight[c] = half;
        m.weight[c + 1] = half;
        m.freqHz[c] = p - d;
        m.freqHz[c + 1] = p + d;
        m.lengthscaleS[c] = lNew;
        m.lengthscaleS[c + 1] = lNew;
        m.reborn[c] = true;
        m.reborn[c + 1] = true;
        m.count = n + 1;
    }
}
