package org.gpvoice.plot;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A power spectrogram for plotting: periodic Hann frames of {@code N = 2 round(0.023 fs)} samples (about 46 ms),
 * zero-padded to the next power of two {@code K}, hop {@code a = round(0.005 fs)} (5 ms). Frame {@code m} is centred on
 * sample {@code m a} (zeros outside the signal), so its time is {@code m a / fs}:
 *
 * <pre>
 *   P[m, k] = | sum_j w[j] x[m a - N/2 + j] exp(-2 pi i k j / K) |^2 / sum_j w[j]^2,   k = 0 .. kMax
 * </pre>
 *
 * with bin {@code k} at {@code k fs / K} Hz and {@code kMax} the last bin at or below the requested top frequency.
 * Frame-major storage, shape (M, kMax + 1). Offline only: it allocates.
 */
public final class Spectrogram {
    /** Analysis frame (s), before rounding to an even number of samples. */
    public static final double FRAME_S = 0.046;
    /** Hop between frame centres (s), before rounding to samples. */
    public static final double HOP_S = 0.005;

    private final int sampleRate;
    private final int hop; // samples
    private final int fftSize;
    private final int frames;
    private final int bins;
    private final double[] power; // (frames, bins)

    private Spectrogram(int sampleRate, int hop, int fftSize, int frames, int bins, double[] power) {
        this.sampleRate = sampleRate;
        this.hop = hop;
        this.fftSize = fftSize;
        this.frames = frames;
        this.bins = bins;
        this.power = power;
    }

    /** The spectrogram of {@code x} (not modified) at {@code sampleRate}, from 0 to {@code maxHz}. */
    public static Spectrogram of(double[] x, int sampleRate, double maxHz) {
        int n = Math.max(8, 2 * (int) Math.round(FRAME_S / 2 * sampleRate));
        int hop = Math.max(1, (int) Math.round(HOP_S * sampleRate));
        int k = Integer.highestOneBit(n);
        if (k < n) k *= 2;
        int bins = Math.min(k / 2, (int) Math.floor(maxHz * k / sampleRate)) + 1;
        int frames = x.length / hop + 1;
        double[] w = new double[n];
        double wss = 0;
        for (int j = 0; j < n; j++) {
            w[j] = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / n);
            wss += w[j] * w[j];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(k);
        double[] buf = new double[k];
        double[] p = new double[frames * bins];
        for (int m = 0; m < frames; m++) {
            java.util.Arrays.fill(buf, 0);
            int start = m * hop - n / 2;
            for (int j = Math.max(0, -start); j < n && start + j < x.length; j++) buf[j] = w[j] * x[start + j];
            fft.realForward(buf);
            int row = m * bins;
            for (int b = 0; b < bins; b++) {
                double re, im;
                if (b == 0) {
                    re = buf[0];
                    im = 0;
                } else if (b == k / 2) {
                    re = buf[1];
                    im = 0;
                } else {
                    re = buf[2 * b];
                    im = buf[2 * b + 1];
                }
                p[row + b] = (re * re + im * im) / wss;
            }
        }
        return new Spectrogram(sampleRate, hop, k, frames, bins, p);
    }

    /** M, the number of frames. */
    public int frames() {
        return frames;
    }

    /** The number of bins kept, from 0 Hz up. */
    public int bins() {
        return bins;
    }

    /** Seconds between frame centres; frame {@code m} is centred at {@code m hopSeconds()}. */
    public double hopSeconds() {
        return hop / (double) sampleRate;
    }

    /** Hz between bins; bin {@code k} is at {@code k binHz()}. */
    public double binHz() {
        return sampleRate / (double) fftSize;
    }

    /** Power of frame {@code m}, bin {@code k}. */
    public double power(int m, int k) {
        return power[m * bins + k];
    }

    /** The largest power anywhere (0 for silence). */
    public double maxPower() {
        double max = 0;
        for (double v : power) max = Math.max(max, v);
        return max;
    }

    /**
     * Frame energy in dB (full scale: a full-scale square wave reads 0 dB) on the same hop: {@code 10 log10(mean x^2)}
     * over a rectangular {@code frameS} window centred on each frame time, floored at -150 dB. Shape (M) for a signal
     * of {@code x.length} samples at this hop.
     */
    public static double[] energyDb(double[] x, int sampleRate, double frameS) {
        int hop = Math.max(1, (int) Math.round(HOP_S * sampleRate));
        int half = Math.max(1, (int) Math.round(frameS * sampleRate / 2));
        int frames = x.length / hop + 1;
        double[] prefix = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) prefix[i + 1] = prefix[i] + x[i] * x[i];
        double[] out = new double[frames];
        for (int m = 0; m < frames; m++) {
            int a = Math.max(0, m * hop - half), b = Math.min(x.length, m * hop + half);
            double ms = b > a ? (prefix[b] - prefix[a]) / (2.0 * half) : 0;
            out[m] = Math.max(-150, 10 * Math.log10(ms + 1e-300));
        }
        return out;
    }
}
