package org.gpvoice;

import be.tarsos.dsp.pitch.PitchDetectionResult;
import be.tarsos.dsp.pitch.Yin;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Assumptions;

/** Shared test helpers: where the data is, allocation counting, and the measurements end-to-end tests assert on. */
public final class TestAudio {
    private TestAudio() {}

    /** The shipped example clip (public domain), always present in the repository. */
    public static Path example(String name) {
        return Path.of("docs", "examples", name);
    }

    /** A clip of the shared corpus ({@code -Dgpvoice.data}); skips the test with a message when it is absent. */
    public static Path shared(String relative) {
        Path p = Path.of(System.getProperty("gpvoice.data", "../shared/data"), "speech", relative);
        Assumptions.assumeTrue(
                Files.exists(p),
                "shared corpus not found at " + p.toAbsolutePath() + " (set -Dgpvoice.data=...): skipped");
        return p;
    }

    /**
     * Bytes allocated per call of {@code step} in steady state, differentially: runs {@code n} warm-up calls, then
     * measures {@code n} calls and {@code 3n} calls and divides the difference by {@code 2n}. The fixed cost of the
     * measurement itself (a few hundred bytes on some JVMs) cancels; any per-call allocation does not.
     */
    public static double bytesPerCall(java.util.function.IntConsumer step, int n) {
        int i = 0;
        for (int k = 0; k < n; k++) step.accept(i++);
        long a0 = allocatedBytes();
        for (int k = 0; k < n; k++) step.accept(i++);
        long a1 = allocatedBytes();
        for (int k = 0; k < 3 * n; k++) step.accept(i++);
        long a2 = allocatedBytes();
        return ((a2 - a1) - (a1 - a0)) / (2.0 * n);
    }

    /** A standard normal draw (Box-Muller) from a seeded test generator. */
    public static double gauss(java.util.SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    public static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * Block-boundary click ratio: mean squared second difference at the samples on either side of each block edge,
     * over the same everywhere else. A seam raises it above 1.
     */
    public static double clickRatio(double[] x, int blockSize) {
        double[] sums = new double[4];
        clickSums(x, 0, x.length, blockSize, sums);
        return clickRatio(sums);
    }

    /** The click ratio of sums that {@link #clickSums} pooled. */
    public static double clickRatio(double[] sums) {
        return (sums[0] / sums[1]) / (sums[2] / sums[3]);
    }

    /**
     * Adds the click ratio's parts over {@code x[from, to)} to {@code sums}: squared second differences at block edges
     * and their count, then elsewhere and their count; several stretches pool into one ratio.
     */
    public static void clickSums(double[] x, int from, int to, int blockSize, double[] sums) {
        for (int i = from + 1; i + 1 < to; i++) {
            double d2 = x[i + 1] - 2 * x[i] + x[i - 1];
            int pos = i % blockSize;
            int k = pos == 0 || pos == blockSize - 1 ? 0 : 2;
            sums[k] += d2 * d2;
            sums[k + 1]++;
        }
    }

    public static double rms(double[] x) {
        double acc = 0;
        for (double v : x) acc += v * v;
        return Math.sqrt(acc / x.length);
    }

    /** The seed's Bark band edges (Hz), the last band open-ended. */
    public static final double[] BARK_EDGES = {
        20, 100, 200, 300, 400, 510, 630, 770, 920, 1080, 1270, 1480, 1720, 2000, 2320, 2700, 3150, 3700, 4400, 5300,
        6400, 7700, 9500, 12000, 15500
    };

    /** Long-term energy per Bark band (Welch: 1024-point Hann frames, hop 512), bands up to {@code fs / 2}. */
    public static double[] barkBandEnergies(double[] x, double fs) {
        int n = 1024;
        double[] psd = welch(x, n);
        int bands = 0;
        while (bands + 1 < BARK_EDGES.length && BARK_EDGES[bands + 1] <= fs / 2) bands++;
        double[] e = new double[bands];
        for (int k = 0; k <= n / 2; k++) {
            double f = k * fs / n;
            for (int b = 0; b < bands; b++) if (f >= BARK_EDGES[b] && f < BARK_EDGES[b + 1]) e[b] += psd[k];
        }
        return e;
    }

    /** Long-term power spectrum, unscaled: Welch over {@code n}-point Hann frames with hop {@code n / 2}, bins 0 .. n/2. */
    public static double[] welch(double[] x, int n) {
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] psd = new double[n / 2 + 1];
        double[] a = new double[n];
        for (int start = 0; start + n <= x.length; start += n / 2) {
            for (int i = 0; i < n; i++) a[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
            fft.realForward(a);
            psd[0] += a[0] * a[0];
            psd[n / 2] += a[1] * a[1];
            for (int k = 1; k < n / 2; k++) psd[k] += a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1];
        }
        return psd;
    }

    /** Frame energies (mean square) over frames of {@code frame} samples with hop {@code hop}. */
    public static double[] frameEnergies(double[] x, int frame, int hop) {
        int n = Math.max(0, (x.length - frame) / hop + 1);
        double[] e = new double[n];
        for (int f = 0; f < n; f++) {
            double acc = 0;
            for (int i = 0; i < frame; i++) acc += x[f * hop + i] * x[f * hop + i];
            e[f] = acc / frame;
        }
        return e;
    }

    public static double correlation(double[] a, double[] b) {
        return correlation(a, b, 0, Math.min(a.length, b.length));
    }

    /** Normalised correlation, means removed, of {@code a[0, n)} with {@code b[bOff, bOff + n)}. */
    public static double correlation(double[] a, double[] b, int bOff, int n) {
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[bOff + i];
        }
        ma /= n;
        mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[bOff + i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[bOff + i] - mb) * (b[bOff + i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Pitch track from TarsosDSP's YIN (an implementation independent of gpvoice's): Hz per frame, 0 = unvoiced. */
    public static double[] pitchTrack(double[] x, float fs, int frame, int hop) {
        Yin yin = new Yin(fs, frame, 0.15);
        int n = Math.max(0, (x.length - frame) / hop + 1);
        double[] f0 = new double[n];
        float[] buf = new float[frame];
        for (int f = 0; f < n; f++) {
            for (int i = 0; i < frame; i++) buf[i] = (float) x[f * hop + i];
            PitchDetectionResult r = yin.getPitch(buf);
            f0[f] = r.isPitched() && r.getPitch() > 0 ? r.getPitch() : 0;
        }
        return f0;
    }
}
