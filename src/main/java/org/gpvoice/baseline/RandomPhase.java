package org.gpvoice.baseline;

import java.util.SplittableRandom;

/**
 * The magnitude with uniformly random phases, inverted by overlap-add: {@code Y[m, k] = M[m, k] exp(i theta)}, {@code
 * theta ~ U[0, 2 pi)} independently per coefficient, {@code y = ISTFT(Y)}.
 *
 * <p>This is the observation the original blog post started from: the short-time magnitude alone carries the
 * envelope and the spectral shape, and random phase makes it sound like a whisper through a fan. Each frame's
 * inverse is a noise burst spread over the whole frame instead of a windowed segment, so the overlap-added
 * signal's short-time magnitude is smeared ({@code |STFT(y)|} far from {@code M}) while its frame energies follow
 * the input.
 *
 * <p>Level: the bursts of neighbouring frames add incoherently, which loses about 6 dB with a Hann window at 75%
 * overlap ({@code mean(w^2) / sum_m w^2 = 0.375 / 1.5}). {@link #reconstruct} restores the energy the magnitude
 * itself implies (Parseval; see {@link Stft#matchEnergy}), one gain for the whole clip.
 */
public final class RandomPhase {
    private RandomPhase() {}

    /**
     * Writes the random-phase reconstruction of {@code mag} (shape {@code (stft.frames(L), stft.bins())}) into {@code
     * y} (length {@code L}, overwritten). Deterministic for a seed.
     */
    public static void reconstruct(Stft stft, double[] mag, long seed, double[] y) {
        int size = stft.size(y.length);
        double[] re = new double[size], im = new double[size];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            double theta = 2 * Math.PI * rng.nextDouble();
            re[i] = mag[i] * Math.cos(theta);
            im[i] = mag[i] * Math.sin(theta);
        }
        stft.inverse(re, im, y);
        stft.matchEnergy(mag, y);
    }
}
