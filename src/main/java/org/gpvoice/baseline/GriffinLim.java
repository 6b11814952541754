package org.gpvoice.baseline;

import java.util.SplittableRandom;

/**
 * Griffin-Lim phase retrieval (Griffin and Lim 1984) and its fast variant FGLA (Perraudin, Balazs and Sondergaard
 * 2013), alternating projections between the set of spectrograms with magnitude {@code M} and the set of consistent
 * spectrograms (those that are the STFT of some signal):
 *
 * <pre>
 *   c_0 = M exp(i theta),  theta ~ U[0, 2 pi)           (seeded random start)
 *   t_n = P_M(STFT(ISTFT(c_{n-1})))                      P_M(X) = M X / |X|  (phase kept, magnitude replaced)
 *   c_n = t_n + alpha (t_n - t_{n-1})                    alpha = 0: plain GLA;  alpha = 0.99: FGLA   (t_0 = c_0)
 *   y   = ISTFT(c_N)
 * </pre>
 *
 * <p>With {@code alpha = 0} the spectral convergence {@code || |STFT(y_n)| - M || / || M ||} never increases
 * (Griffin and Lim's monotonicity); the momentum term trades that guarantee for much faster progress in practice.
 * Where {@code |X| = 0} the phase is taken as 0.
 *
 * <p>Level: 32 iterations leave the spectrogram slightly inconsistent, and the least-squares inverse loses a little
 * energy where frames disagree; {@link #reconstruct} restores the energy the magnitude implies ({@link
 * Stft#matchEnergy}), one gain for the clip, as every baseline does.
 */
public final class GriffinLim {
    /** Iterations of the baselines, GLA and FGLA alike. */
    public static final int DEFAULT_ITERATIONS = 32;
    /** FGLA's momentum, as recommended by Perraudin et al. */
    public static final double FGLA_MOMENTUM = 0.99;

    private final Stft stft;
    private final int iterations;
    private final double momentum;

    /**
     * @param iterations {@code N >= 0} projections (0 gives the random-phase start)
     * @param momentum {@code alpha} in {@code [0, 1)}: 0 for GLA, {@link #FGLA_MOMENTUM} for FGLA
     */
    public GriffinLim(Stft stft, int iterations, double momentum) {
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0: " + iterations);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1)");
        this.stft = stft;
        this.iterations = iterations;
        this.momentum = momentum;
    }

    /** Plain Griffin-Lim, {@link #DEFAULT_ITERATIONS} iterations. */
    public static GriffinLim plain(Stft stft) {
        return new GriffinLim(stft, DEFAULT_ITERATIONS, 0);
    }

    /** FGLA, {@link #DEFAULT_ITERATIONS} iterations, momentum {@link #FGLA_MOMENTUM}. */
    public static GriffinLim fast(Stft stft) {
        return new GriffinLim(stft, DEFAULT_ITERATIONS, FGLA_MOMENTUM);
    }

    public int iterations() {
        return iterations;
    }

    public double momentum() {
        return momentum;
    }

    /**
     * Writes the reconstruction of {@code mag} (shape {@code (stft.frames(L), stft.bins())}) into {@code y} (length
     * {@code L}, overwritten). Deterministic for a seed.
     *
     * @param trace null, or an array of at least {@code iterations + 1} elements, overwritten with the spectral
     *     convergence of {@code ISTFT(c_n)} for {@code n = 0 .. N} (before the final level match, which does not
     *     change it much); costs one extra STFT
     */
    public void reconstruct(double[] mag, long seed, double[] y, double[] trace) {
        int size = stft.size(y.length);
        double[] re = new double[size], im = new double[size]; // c_n, then the working STFT
        double[] tRe = new double[size], tIm = new double[size]; // t_{n-1} (FGLA only)
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            double theta = 2 * Math.PI * rng.nextDouble();
            re[i] = mag[i] * Math.cos(theta);
            im[i] = mag[i] * Math.sin(theta);
        }
        if (momentum > 0) {
            System.arraycopy(re, 0, tRe, 0, size);
            System.arraycopy(im, 0, tIm, 0, size);
        }
        for (int it = 0; it < iterations; it++) {
            stft.inverse(re, im, y);
            stft.forward(y, re, im);
            double num = 0, den = 0;
            for (int i = 0; i < size; i++) {
                double a = re[i], b = im[i];
                double r = Math.hypot(a, b);
                if (trace != null) {
                    num += (r - mag[i]) * (r - mag[i]);
                    den += mag[i] * mag[i];
                }
                double pr, pi; // t_n = P_M(X)
                if (r > 0) {
                    pr = mag[i] * a / r;
                    pi = mag[i] * b / r;
                } else {
                    pr = mag[i];
                    pi = 0;
                }
                if (momentum > 0) {
                    re[i] = pr + momentum * (pr - tRe[i]);
                    im[i] = pi + momentum * (pi - tIm[i]);
                    tRe[i] = pr;
                    tIm[i] = pi;
                } else {
                    re[i] = pr;
                    im[i] = pi;
                }
            }
            if (trace != null) trace[it] = den > 0 ? Math.sqrt(num / den) : 0;
        }
        stft.inverse(re, im, y);
        if (trace != null) {
            stft.magnitude(y, tRe);
            trace[iterations] = Stft.spectralConvergence(tRe, mag, size);
        }
        stft.matchEnergy(mag, y);
    }
}
