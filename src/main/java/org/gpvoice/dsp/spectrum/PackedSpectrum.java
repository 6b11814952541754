package org.gpvoice.dsp.spectrum;

/**
 * The one place that reads JTransforms' packed real-FFT layout. For an even length {@code n}, {@code realForward}
 * leaves {@code a[0] = Re X_0} and {@code a[1] = Re X_{n/2}} (both real), and {@code a[2k] = Re X_k},
 * {@code a[2k+1] = Im X_k} for {@code 0 < k < n/2}. Allocation-free; outputs are caller-owned.
 */
public final class PackedSpectrum {
    private PackedSpectrum() {}

    /**
     * {@code out[k] = scale |X_k|^2} for {@code 0 <= k <= n/2}. {@code out} (length at least {@code n/2 + 1}) is
     * overwritten; {@code packed} is not modified.
     */
    public static void power(double[] packed, int n, double[] out, double scale) {
        out[0] = packed[0] * packed[0] * scale;
        out[n / 2] = packed[1] * packed[1] * scale;
        for (int k = 1; k < n / 2; k++) {
            double re = packed[2 * k], im = packed[2 * k + 1];
            out[k] = (re * re + im * im) * scale;
        }
    }

    /**
     * {@code a <- a * conj(b)} for two packed spectra of length {@code n}; {@code b} is not modified. The inverse
     * transform of the result is the circular cross-correlation {@code c[L] = sum_j b_j a_{j+L}} (the correlation
     * theorem holds for either sign convention of the transform, so only the layout matters).
     */
    public static void multiplyConjugate(double[] a, double[] b, int n) {
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 2; k < n; k += 2) {
            double ar = a[k], ai = a[k + 1];
            double br = b[k], bi = b[k + 1];
            a[k] = ar * br + ai * bi;
            a[k + 1] = ai * br - ar * bi;
        }
    }
}
