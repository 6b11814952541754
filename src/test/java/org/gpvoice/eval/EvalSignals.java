package org.gpvoice.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import org.gpvoice.TestAudio;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;

/** Test signals of the eval tests: the shipped speech clips and seeded manipulations of them. */
final class EvalSignals {
    private EvalSignals() {}

    /** A shipped example clip (22050 Hz). */
    static MonoClip speech(String name) {
        try {
            return WavReader.readAll(TestAudio.example(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** LJ001-0001, 9.66 s. */
    static MonoClip longSpeech() {
        return speech("LJ001-0001.wav");
    }

    /** LJ001-0002, 1.90 s. */
    static MonoClip shortSpeech() {
        return speech("LJ001-0002.wav");
    }

    static double meanSquare(double[] x) {
        double acc = 0;
        for (double v : x) acc += v * v;
        return acc / x.length;
    }

    /** {@code x} plus seeded white Gaussian noise at {@code snrDb} below {@code x}'s mean square (a new array). */
    static double[] withNoise(double[] x, double snrDb, long seed) {
        Random rng = new Random(seed);
        double sigma = Math.sqrt(meanSquare(x) * Math.pow(10, -snrDb / 10));
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] + sigma * rng.nextGaussian();
        return y;
    }

    /** Seeded white Gaussian noise of unit variance. */
    static double[] whiteNoise(int n, long seed) {
        Random rng = new Random(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = rng.nextGaussian();
        return y;
    }

    /** {@code lag} zeros, then {@code x} (a new array, {@code lag} samples longer). */
    static double[] delayed(double[] x, int lag) {
        double[] y = new double[x.length + lag];
        System.arraycopy(x, 0, y, lag, x.length);
        return y;
    }

    static double[] scaled(double[] x, double gain) {
        double[] y = Arrays.copyOf(x, x.length);
        for (int i = 0; i < y.length; i++) y[i] *= gain;
        return y;
    }

    /**
     * A voiced-speech-like test signal: 12 harmonics of amplitude 1/k of an F0 that glides {@code 110 -> 220 -> 140}
     * Hz times {@code 2^(cents / 1200)}, under a syllable-like envelope (4 Hz), {@code seconds} long.
     */
    static double[] harmonicGlide(int fs, double seconds, double cents) {
        int n = (int) Math.round(seconds * fs);
        double[] y = new double[n];
        double shift = Math.pow(2, cents / 1200);
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double u = i / (double) n;
            double f0 = (u < 0.5 ? 110 + 220 * u : 220 - 160 * (u - 0.5)) * shift;
            phase += 2 * Math.PI * f0 / fs;
            double v = 0;
            for (int k = 1; k <= 12; k++) v += Math.sin(k * phase) / k;
            double env = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * i / fs);
            y[i] = 0.2 * env * v;
        }
        return y;
    }
}
