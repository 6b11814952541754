package org.gpvoice.eval;

/**
 * Small helpers shared by the metrics: windows, JTransforms' packed real-spectrum layout, Pearson correlation.
 *
 * <p>JTransforms' {@code realForward} on an even length {@code n} leaves {@code a[0] = Re X[0]}, {@code a[1] = Re
 * X[n/2]} (both real) and {@code a[2k] = Re X[k]}, {@code a[2k+1] = Im X[k]} for {@code 0 < k < n/2}; the two methods
 * that read that layout are the only places that know it.
 */
final class Spectra {
    private Spectra() {}

    /** Periodic Hann window of length {@code n}: {@code w[i] = 0.5 - 0.5 cos(2 pi i / n)}. */
    static double[] hannPeriodic(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        return w;
    }

    /**
     * MATLAB's {@code hanning(n)} (numpy's {@code hanning(n + 2)[1:-1]}): {@code w[i] = 0.5 - 0.5 cos(2 pi (i + 1) /
     * (n + 1))}, no zero end points. The window of the STOI reference implementation.
     */
    static double[] hannMatlab(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 1) / (n + 1));
        return w;
    }

    /** Smallest power of two {@code >= n} (n >= 1). */
    static int nextPow2(long n) {
        if (n > (1 << 30)) throw new IllegalArgumentException("signal too long for one FFT: " + n + " samples");
        int p = 1;
        while (p < n) p <<= 1;
        return p;
    }

    /**
     * Pearson correlation of {@code a[aOff .. aOff + n)} and {@code b[bOff .. bOff + n)}; NaN when {@code n < 2} or
     * either has zero variance.
     */
    static double pearson(double[] a, int aOff, double[] b, int bOff, int n) {
        if (n < 2) return Double.NaN;
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[aOff + i];
            mb += b[bOff + i];
        }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[aOff + i] - ma, db = b[bOff + i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (!(saa > 0) || !(sbb > 0)) return Double.NaN;
        return sab / Math.sqrt(saa * sbb);
    }

    /** Mean square of each frame of {@code frame} samples, hop {@code hop}; frames that fit entirely only. */
    static double[] meanSquareFrames(double[] x, int frame, int hop) {
        int count = x.length < frame ? 0 : (x.length - frame) / hop + 1;
        double[] e = new double[count];
        for (int f = 0; f < count; f++) {
            double acc = 0;
            int off = f * hop;
            for (int i = 0; i < frame; i++) acc += x[off + i] * x[off + i];
            e[f] = acc / frame;
        }
        return e;
    }
}
