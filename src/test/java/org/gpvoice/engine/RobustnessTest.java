package org.gpvoice.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.gpvoice.TestAudio;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.Resampling;
import org.gpvoice.io.WavReader;
import org.gpvoice.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile input and the ends of the sample-rate range: the engine never emits NaN or Inf and keeps the level. */
class RobustnessTest {
    @TempDir
    Path tmp;

    static double[] run(double[] x, int fs, EngineConfig cfg) {
        Resynthesizer e = new Resynthesizer(fs, cfg, cfg.fit().components());
        int b = e.blockSize();
        double[] y = new double[(x.length / b) * b];
        for (int i = 0; i + b <= y.length; i += b) e.process(x, i, y, i);
        return y;
    }

    @Test
    void shouldStayFiniteOnSilenceNanAndFullScaleSquareWaves() {
        int fs = 16000;
        double[] x = new double[fs * 3];
        for (int i = fs / 2; i < fs; i++) x[i] = Double.NaN; // a burst of NaN after silence
        for (int i = fs; i < 2 * fs; i++) x[i] = (i / 40) % 2 == 0 ? 1 : -1; // full-scale 200 Hz square wave
        for (int i = 2 * fs; i < 3 * fs; i++) x[i] = Math.sin(2 * Math.PI * 7999 * i / fs); // near Nyquist
        double[] y = run(x, fs, EngineConfig.defaults());
        for (int i = 0; i < y.length; i++) assertTrue(Double.isFinite(y[i]), "sample " + i + " is " + y[i]);
        double sq = 0;
        for (int i = fs + fs / 4; i < 2 * fs; i++) sq += y[i] * y[i];
        double db = 10 * Math.log10(sq / (0.75 * fs));
        assertEquals(0, db, 2, "the square wave's level (0 dBFS) is kept: " + db + " dB");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 44100, 96000})
    void shouldRenderSpeechAtTheEndsOfTheRateRange(int fs) throws IOException {
        MonoClip c = WavReader.readAll(TestAudio.example("LJ001-0002.wav"));
        double[] x = Resampling.resample(c.samples(), c.sampleRate(), fs);
        Path in = tmp.resolve("in" + fs + ".wav"), out = tmp.resolve("out" + fs + ".wav");
        try (WavWriter w = WavWriter.create(in, fs, 1, WavWriter.Encoding.FLOAT32)) {
            w.write(x, 0, x.length);
        }
        OfflineRender.Summary s = OfflineRender.render(
                in,
                out,
                WavWriter.Encoding.FLOAT32,
                EngineConfig.defaults(),
                null,
                new OfflineRender.Listener() {},
                null);
        double[] y = WavReader.readAll(out).samples();
        assertEquals(x.length, y.length);
        assertEquals(Math.round(0.005 * fs), s.blockSize());
        for (double v : y) assertTrue(Double.isFinite(v));
        double db = 20 * Math.log10(TestAudio.rms(y) / TestAudio.rms(x));
        assertEquals(0, db, 2, "level at " + fs + " Hz: " + db + " dB");
        assertEquals(0, s.failedSteps());
    }
}
