package org.gpvoice.dsp.spectrum;

/**
 * The frequency points the spectral-mixture fit sees: periodogram bins grouped so that no group is wider than a
 * fraction of an equivalent rectangular bandwidth, {@code ERB(f) = 24.7 (4.37 f / 1000 + 1)} Hz (Glasberg and Moore
 * 1990). Below about 1 kHz every bin is its own point (harmonics stay resolved); higher up, bins are averaged, which
 * is where hearing integrates them too. This is both the perceptual frequency weighting and what keeps the fit cheap:
 * about 100 to 200 points at any sample rate instead of up to 1025 bins.
 *
 * <p>Point {@code j} averages bins {@code [binStart[j], binEnd[j])}; its value is the mean power, its frequency the
 * mean bin frequency. A mean of {@code K} bins {@code b} Hz apart smooths what it sees like a discrete uniform of
 * variance {@code b^2 (K^2 - 1) / 12}, so a Gaussian peak of variance {@code v} seen at point {@code j} has about
 * variance {@code v + boxVar[j]} ({@link #boxVar}). The log of a mean of {@code K} independent exponential bins is biased by
 * {@code psi(K) - ln K} ({@code -0.577} nepers, -2.5 dB, for one bin); {@link #logBias} holds that bias per point with
 * {@code K} reduced by the window's bin correlation.
 *
 * <p>The base weight of a point is its width over its ERB: equal weight per ERB, the usual perceptual weighting.
 */
public final class FitGrid {
    /** Number of points. */
    public final int size;

    public final int[] binStart; // (size)
    public final int[] binEnd; // (size)
    public final double[] freqHz; // (size)
    public final double[] widthHz; // (size)
    public final double[] boxVar; // (size) Hz^2
    public final double[] logBias; // (size) nepers, <= 0
    public final double[] baseWeight; // (size)

    private final double halfBinHz;
    private final int[] firstAtOrAbove; // [m]: the first point at or above m half-bins

    /**
     * @param binHz periodogram bin spacing
     * @param nBins number of one-sided bins ({@code N/2 + 1})
     * @param enbwBins window equivalent noise bandwidth in bins (1.5 for Hann): bins closer than this are correlated
     * @param erbFraction largest group width as a fraction of the ERB (e.g. 0.4)
     * @param minHz lowest frequency fitted (bin 0, DC, is always left out)
     */
    public FitGrid(double binHz, int nBins, double enbwBins, double erbFraction, double minHz) {
        int first = Math.max(1, (int) Math.ceil(minHz / binHz));
        int last = nBins - 2; // leave out Nyquist
        int[] s = new int[nBins], e = new int[nBins];
        int n = 0;
        int b = first;
        while (b <= last) {
            int end = b + 1;
            while (end <= last) {
                double fc = 0.5 * (b + end) * binHz; // centre if bin `end` were included
                double width = (end - b + 1) * binHz;
                if (width > erbFraction * erb(fc)) break;
                end++;
            }
            s[n] = b;
            e[n] = end;
            n++;
            b = end;
        }
        size = n;
        binStart = new int[n];
        binEnd = new int[n];
        freqHz = new double[n];
        widthHz = new double[n];
        boxVar = new double[n];
        logBias = new double[n];
        baseWeight = new double[n];
        for (int j = 0; j < n; j++) {
            binStart[j] = s[j];
            binEnd[j] = e[j];
            int k = e[j] - s[j];
            freqHz[j] = 0.5 * (s[j] + e[j] - 1) * binHz;
            widthHz[j] = k * binHz;
            boxVar[j] = binHz * binHz * (k * k - 1) / 12.0; // variance of k bins spaced binHz apart
            double kEff = Math.max(1.0, k / enbwBins);
            logBias[j] = digamma(kEff) - Math.log(kEff);
            baseWeight[j] = widthHz[j] / erb(freqHz[j]);
        }
        halfBinHz = 0.5 * binHz;
        firstAtOrAbove = new int[nBins * 2 + 2];
        for (int m = 0, j = 0; m < firstAtOrAbove.length; m++) {
            while (j < n && freqHz[j] < m * halfBinHz) j++;
            firstAtOrAbove[m] = j;
        }
    }

    /**
     * Averages the periodogram {@code psd (N/2+1)} onto the grid: {@code out[j] = mean(psd[binStart[j] ..
     * binEnd[j]))}. Writes {@code out[0 .. size)}.
     */
    public void reduce(double[] psd, double[] out) {
        for (int j = 0; j < size; j++) {
            double acc = 0;
            for (int b = binStart[j]; b < binEnd[j]; b++) acc += psd[b];
            out[j] = acc / (binEnd[j] - binStart[j]);
        }
    }

    /**
     * Index of the first point whose frequency is {@code >= fHz} ({@code size} if none). Points sit on multiples of
     * half a bin, so a table on that step gives the answer up to a rounding tie, settled by a step either way.
     */
    public int indexAtOrAbove(double fHz) {
        double m = fHz / halfBinHz;
        int j = firstAtOrAbove[m > 0 ? (int) Math.min(m, firstAtOrAbove.length - 1) : 0];
        while (j > 0 && freqHz[j - 1] >= fHz) j--;
        while (j < size && freqHz[j] < fHz) j++;
        return j;
    }

    /** Equivalent rectangular bandwidth in Hz at {@code fHz} (Glasberg and Moore 1990). */
    public static double erb(double fHz) {
        return 24.7 * (4.37e-3 * fHz + 1);
    }

    /** Digamma function for {@code x >= 1} (recurrence to x >= 10, then the asymptotic series; error < 1e-13). */
    static double digamma(double x) {
        double r = 0;
        while (x < 10) {
            r -= 1 / x;
            x += 1;
        }
        double f = 1 / (x * x);
        return r + Math.log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240))));
    }
}
