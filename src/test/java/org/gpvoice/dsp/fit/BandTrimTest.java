package org.gpvoice.dsp.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gpvoice.TestAudio;
import org.gpvoice.dsp.model.TrimBands;
import org.gpvoice.dsp.spectrum.FitGrid;
import org.gpvoice.dsp.synth.BandTrimFilter;
import org.junit.jupiter.api.Test;

class BandTrimTest {
    static final double FS = 22050;
    static final FitGrid GRID = new FitGrid(FS / 1024, 513, 1.5, 0.4, 0);

    static double[] flat() {
        double[] x = new double[GRID.size];
        java.util.Arrays.fill(x, 1e-4);
        return x;
    }

    @Test
    void shouldGiveEachBandItsPowerThroughTheCrossoversOverTheBlocksPower() {
        BandTrim t = new BandTrim(GRID, FS, 0);
        TrimBands tb = new TrimBands(FS);
        assertEquals(tb.bands(), t.bands());
        double[] x = new double[GRID.size], got = new double[TrimBands.MAX_BANDS], m = new double[tb.bands()];
        // all the power at one grid point: each band's share is its squared magnitude there
        for (double fHz : new double[] {500, 3000, 5800, 9000}) {
            int j = GRID.indexAtOrAbove(fHz);
            java.util.Arrays.fill(x, 0);
            x[j] = 3;
            t.shares(x, got);
            tb.magnitudes(GRID.freqHz[j], m);
            for (int b = 0; b < tb.bands(); b++) assertEquals(m[b] * m[b], got[b], 1e-12, fHz + " Hz, band " + b);
        }
        // a flat block: shares by bandwidth, summing to less than 1 where the bands overlap
        t.shares(flat(), got);
        double sum = 0;
        for (int b = 0; b < tb.bands(); b++) sum += got[b];
        assertTrue(sum < 1 && sum > 0.4, "sum of shares " + sum); // 0.52: the narrow upper bands overlap much
        assertTrue(got[0] > got[1], "0 to 2.4 kHz holds more than 2.4 to 4 kHz");
    }

    @Test
    void shouldLeaveOutWhatLiesBelowItsFirstPoint() {
        int from = GRID.indexAtOrAbove(80);
        BandTrim t = new BandTrim(GRID, FS, from);
        double[] x = flat(), with = new double[TrimBands.MAX_BANDS], without = new double[TrimBands.MAX_BANDS];
        t.shares(x, without);
        for (int j = 0; j < from; j++) x[j] = 1; // rumble below 80 Hz, a thousand times the rest
        t.shares(x, with);
        for (int b = 0; b < t.bands(); b++) assertEquals(without[b], with[b], 1e-15, "band " + b);
    }

    @Test
    void shouldGiveNoTargetForASilentBlock() {
        BandTrim t = new BandTrim(GRID, FS, 0);
        double[] got = new double[TrimBands.MAX_BANDS];
        t.shares(new double[GRID.size], got);
        for (int b = 0; b < t.bands(); b++) assertTrue(Double.isNaN(got[b]), "band " + b + ": " + got[b]);
    }

    @Test
    void shouldAgreeWithTheSynthesisOnWhatAFlatSpectrumIs() {
        // white noise held to the shares of a flat block keeps every band's gain at 1: the fit's shares and the
        // synthesis's measure of its own output are the same quantity
        BandTrim t = new BandTrim(GRID, FS, 0);
        double[] target = new double[TrimBands.MAX_BANDS];
        t.shares(flat(), target);
        BandTrimFilter f = new BandTrimFilter(FS, 110, 1, 0.25);
        SplittableRandom r = new SplittableRandom(11);
        double[] buf = new double[110], mean = new double[t.bands()];
        int blocks = 2000;
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < buf.length; i++) buf[i] = TestAudio.gauss(r);
            f.process(buf, 0, buf.length, target);
            for (int k = 0; k < t.bands(); k++) mean[k] += 20 * Math.log10(f.gain(k)) / blocks;
        }
        for (int k = 0; k < t.bands(); k++) assertEquals(0, mean[k], 0.5, "band " + k + " mean gain, dB");
    }
}
