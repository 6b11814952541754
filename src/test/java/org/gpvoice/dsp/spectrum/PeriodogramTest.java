package org.gpvoice.dsp.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PeriodogramTest {

    @ParameterizedTest
    @CsvSource({"8000,HANN", "22050,HANN", "48000,HANN", "8000,GAUSSIAN", "22050,GAUSSIAN", "48000,GAUSSIAN"})
    void shouldScaleWhiteNoiseToVarianceOverSampleRate(int fs, Periodogram.Window shape) {
        int w = (int) Math.round(0.03 * fs);
        Periodogram pg = new Periodogram(fs, w, shape);
        double variance = 0.37;
        SplittableRandom rnd = new SplittableRandom(42);
        double[] x = new double[w];
        int bins = pg.fftSize() / 2 + 1;
        double[] acc = new double[bins];
        int frames = 2000;
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < w; i++) x[i] = Math.sqrt(variance) * org.gpvoice.TestAudio.gauss(rnd);
            pg.compute(x, 0);
            for (int k = 0; k < bins; k++) acc[k] += pg.psd()[k];
        }
        // average over interior bins and frames: E[P] = variance / fs; the average of ~2000 x 500 (correlated)
        // exponential values has a relative standard error well under 1%
        double mean = 0;
        for (int k = 1; k < bins - 1; k++) mean += acc[k] / frames;
        mean /= bins - 2;
        assertEquals(variance / fs, mean, 0.01 * variance / fs);
    }

    @ParameterizedTest
    @EnumSource(Periodogram.Window.class)
    void shouldPutQuarterOfSquaredAmplitudeOnEachSideForASinusoid(Periodogram.Window shape) {
        int fs = 16000, w = 480;
        Periodogram pg = new Periodogram(fs, w, shape);
        double amp = 0.8, f0 = 1234.5;
        double[] x = new double[w];
        for (int i = 0; i < w; i++) x[i] = amp * Math.cos(2 * Math.PI * f0 * i / fs + 0.3);
        pg.compute(x, 0);
        double[] p = pg.psd();
        // sum of P over the main lobe times the bin width = A^2/4 (the positive-frequency half of A^2/2)
        int kc = (int) Math.round(f0 / pg.binHz());
        double sum = 0;
        for (int k = kc - 8; k <= kc + 8; k++) sum += p[k] * pg.binHz();
        assertEquals(amp * amp / 4, sum, 0.005 * amp * amp / 4);
        // the peak lies at the sinusoid's bin
        int argmax = 0;
        for (int k = 0; k < p.length; k++) if (p[k] > p[argmax]) argmax = k;
        assertEquals(kc, argmax);
    }

    @Test
    void shouldHaveHannEquivalentNoiseBandwidthOfOneAndAHalfBinsOfTheWindow() {
        Periodogram pg = new Periodogram(48000, 1440, Periodogram.Window.HANN);
        assertEquals(1.5 * 48000 / 1440, pg.enbwHz(), 1e-9);
        assertEquals(pg.enbwHz() / Math.sqrt(2 * Math.PI), pg.windowSigmaHz(), 1e-12);
    }

    @Test
    void shouldUnpackJTransformsLayoutLikeADirectDft() {
        int n = 16;
        SplittableRandom rnd = new SplittableRandom(7);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rnd.nextDouble() - 0.5;
        double[] packed = Arrays.copyOf(x, n);
        new org.jtransforms.fft.DoubleFFT_1D(n).realForward(packed);
        double[] got = new double[n / 2 + 1];
        PackedSpectrum.power(packed, n, got, 1.0);
        for (int k = 0; k <= n / 2; k++) {
            double re = 0, im = 0;
            for (int i = 0; i < n; i++) {
                re += x[i] * Math.cos(2 * Math.PI * k * i / n);
                im -= x[i] * Math.sin(2 * Math.PI * k * i / n);
            }
            assertEquals(re * re + im * im, got[k], 1e-12, "bin " + k);
        }
    }

    @Test
    void shouldNotAllocatePerFrame() {
        Periodogram pg = new Periodogram(48000, 1440, Periodogram.Window.GAUSSIAN);
        double[] x = new double[1440];
        Arrays.fill(x, 0.1);
        double perFrame = org.gpvoice.TestAudio.bytesPerCall(i -> pg.compute(x, 0), 2000);
        assertTrue(Math.abs(perFrame) < 1, "bytes allocated per frame: " + perFrame + " (one object is >= 16 bytes)");
    }
}
