package org.gpvoice.dsp.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gpvoice.TestAudio;
import org.gpvoice.dsp.model.TrimBands;
import org.junit.jupiter.api.Test;

class BandTrimFilterTest {
    static final double FS = 22050;
    static final int BLOCK = 110, N = 1024;

    /** Each band's share of a spectrum given on the Welch bins, measured the way the fit measures the block's. */
    static double[] shares(TrimBands t, double[] psd) {
        double[] s = new double[t.bands()], m = new double[t.bands()];
        double total = 0;
        for (int k = 1; k < psd.length; k++) {
            t.magnitudes(k * FS / N, m);
            for (int b = 0; b < m.length; b++) s[b] += psd[k] * m[b] * m[b];
            total += psd[k];
        }
        for (int b = 0; b < s.length; b++) s[b] /= total;
        return s;
    }

    /** A voice-like tilt: flat to 1.5 kHz, then falling 12 dB per octave, with a 15 dB dip at 5 to 6.5 kHz. */
    static double tilt(double f) {
        double p = 1 / (1 + (f / 1500) * (f / 1500));
        return f >= 5000 && f < 6500 ? p * 0.03 : p;
    }

    /** White noise through the filter for 4 s, {@code shares} the target of every block; the last 3 s returned. */
    static double[] run(BandTrimFilter f, double[] shares) {
        SplittableRandom r = new SplittableRandom(7);
        int blocks = (int) (4 * FS / BLOCK), skip = (int) (FS / BLOCK);
        double[] out = new double[(blocks - skip) * BLOCK], buf = new double[BLOCK];
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < BLOCK; i++) buf[i] = TestAudio.gauss(r);
            f.process(buf, 0, BLOCK, shares);
            if (b >= skip) System.arraycopy(buf, 0, out, (b - skip) * BLOCK, BLOCK);
        }
        return out;
    }

    @Test
    void shouldLeaveTheSpectrumAsItIsAtStrengthZero() {
        // every band at gain 1: the chain of crossovers and all-passes is an all-pass
        for (double fHz : new double[] {50, 1000, 2400, 3100, 5300, 5800, 8000, 10500}) {
            BandTrimFilter f = new BandTrimFilter(FS, BLOCK, 0, 0.25);
            double[] buf = new double[BLOCK], shares = new double[TrimBands.MAX_BANDS];
            double in = 0, out = 0;
            for (int b = 0; b < 400; b++) {
                for (int i = 0; i < BLOCK; i++) buf[i] = Math.sin(2 * Math.PI * fHz * (b * BLOCK + i) / FS);
                double[] x = buf.clone();
                f.process(buf, 0, BLOCK, shares);
                if (b < 200) continue;
                for (int i = 0; i < BLOCK; i++) {
                    in += x[i] * x[i];
                    out += buf[i] * buf[i];
                }
            }
            assertEquals(1, out / in, 0.002, "power gain at " + fHz + " Hz");
        }
    }

    @Test
    void shouldHoldEachBandToItsShareOfTheTargetSpectrum() {
        BandTrimFilter f = new BandTrimFilter(FS, BLOCK, 1, 0.25);
        TrimBands t = f.bands();
        double[] want = new double[N / 2 + 1];
        for (int k = 0; k < want.length; k++) want[k] = tilt(k * FS / N);
        double[] target = Arrays.copyOf(shares(t, want), TrimBands.MAX_BANDS);
        double[] got = shares(t, TestAudio.welch(run(f, target), N));
        double[] white = shares(t, TestAudio.welch(run(new BandTrimFilter(FS, BLOCK, 0, 0.25), target), N));
        // each band's gain is set from its own share before the gains, and neighbouring bands overlap, so a band in a
        // deep dip keeps some of its neighbours' power: within 1 dB, or within 40% of where the noise started
        for (int b = 0; b < t.bands(); b++) {
            double db = Math.abs(10 * Math.log10(got[b] / target[b]));
            double untrimmed = Math.abs(10 * Math.log10(white[b] / target[b]));
            assertTrue(db <= Math.max(1, 0.4 * untrimmed), "band " + b + ": " + db + " dB off, untrimmed " + untrimmed);
        }
        // and the spectrum itself follows the tilt (relative to 1 kHz) away from the dip, which is narrower than the
        // bands around it can cut
        double[] psd = TestAudio.welch(run(new BandTrimFilter(FS, BLOCK, 1, 0.25), target), N);
        int ref = (int) Math.round(1000 * N / FS);
        for (double fHz : new double[] {3100, 4300, 7300, 8500, 10000}) {
            int k = (int) Math.round(fHz * N / FS);
            double db = 10 * Math.log10((psd[k] / psd[ref]) / (want[k] / want[ref]));
            assertEquals(0, db, 3.5, "spectrum at " + fHz + " Hz against the target's, dB");
        }
    }

    @Test
    void shouldGoPartWayAtPartStrength() {
        BandTrimFilter full = new BandTrimFilter(FS, BLOCK, 1, 0.25), half = new BandTrimFilter(FS, BLOCK, 0.5, 0.25);
        TrimBands t = full.bands();
        double[] want = new double[N / 2 + 1];
        for (int k = 0; k < want.length; k++) want[k] = tilt(k * FS / N);
        double[] target = Arrays.copyOf(shares(t, want), TrimBands.MAX_BANDS);
        run(full, target);
        run(half, target);
        for (int b = 1; b < t.bands(); b++) {
            double dbFull = 20 * Math.log10(full.gain(b) / full.gain(0)),
                    dbHalf = 20 * Math.log10(half.gain(b) / half.gain(0));
            assertEquals(0.5 * dbFull, dbHalf, 0.15 * Math.abs(dbFull) + 0.3, "band " + b + " gain, dB");
        }
    }

    @Test
    void shouldKeepItsGainsThroughABlockWithoutTarget() {
        BandTrimFilter f = new BandTrimFilter(FS, BLOCK, 1, 0.25);
        double[] want = new double[N / 2 + 1];
        for (int k = 0; k < want.length; k++) want[k] = tilt(k * FS / N);
        double[] target = Arrays.copyOf(shares(f.bands(), want), TrimBands.MAX_BANDS);
        run(f, target);
        double[] before = new double[f.bands().bands()];
        for (int b = 0; b < before.length; b++) before[b] = f.gain(b);
        double[] none = new double[TrimBands.MAX_BANDS];
        Arrays.fill(none, Double.NaN);
        double[] buf = new double[BLOCK];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < BLOCK; i++) buf[i] = TestAudio.gauss(r);
        f.process(buf, 0, BLOCK, none);
        for (int b = 0; b < before.length; b++) assertEquals(before[b], f.gain(b), 0, "band " + b);
        for (double v : buf) assertTrue(Double.isFinite(v));
        Arrays.fill(buf, 0); // and silence with a target leaves the gains alone too
        f.process(buf, 0, BLOCK, target);
        for (int b = 0; b < before.length; b++) assertEquals(before[b], f.gain(b), 0, "band " + b + " in silence");
    }

    @Test
    void shouldRampTheGainsAcrossABlockWithoutAStepAtTheSeam() {
        // a tone of 8 samples a period (2.76 kHz, band 1) through a new random target every block: its envelope,
        // demodulated over one period, never changes faster than a gain ramped across a block can change it, from
        // the least gain to the largest in one block (gains applied as steps would make it jump at every boundary)
        BandTrimFilter f = new BandTrimFilter(FS, BLOCK, 1, 0);
        SplittableRandom r = new SplittableRandom(5);
        int blocks = 1000, p = 8;
        double[] target = new double[TrimBands.MAX_BANDS], y = new double[blocks * BLOCK];
        for (int i = 0; i < y.length; i++) y[i] = Math.sin(2 * Math.PI * i / p);
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < f.bands().bands(); k++) target[k] = 0.01 + r.nextDouble();
            f.process(y, b * BLOCK, BLOCK, target);
        }
        double last = 0, fastest = 0;
        for (int i = 10 * BLOCK; i < y.length; i++) {
            double re = 0, im = 0;
            for (int j = i - p + 1; j <= i; j++) {
                re += y[j] * Math.cos(2 * Math.PI * j / p);
                im += y[j] * Math.sin(2 * Math.PI * j / p);
            }
            double e = 2 * Math.hypot(re, im) / p, change = Math.abs(e - last);
            last = e;
            if (i == 10 * BLOCK) continue;
            fastest = Math.max(fastest, change);
        }
        double ramp = (BandTrimFilter.MAX_GAIN - BandTrimFilter.MIN_GAIN) / BLOCK;
        assertTrue(fastest <= ramp, "envelope's fastest change per sample " + fastest + ", a ramp's at most " + ramp);
    }

    @Test
    void shouldAllocateNothingPerBlock() {
        BandTrimFilter f = new BandTrimFilter(48000, 240, 0.8, 0.25);
        double[] buf = new double[240], target = new double[TrimBands.MAX_BANDS];
        Arrays.fill(target, 1.0 / 7);
        SplittableRandom r = new SplittableRandom(1);
        double bytes = TestAudio.bytesPerCall(
                i -> {
                    for (int k = 0; k < 240; k++) buf[k] = TestAudio.gauss(r);
                    f.process(buf, 0, 240, target);
                },
                20_000);
        assertEquals(0, bytes, 0.5);
    }
}
