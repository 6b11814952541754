package org.gpvoice.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.gpvoice.TestAudio;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BaselineEngineTest {
    @ParameterizedTest
    @EnumSource(BaselineEngine.class)
    void shouldKeepTheInputsLengthAndLevelAndBeDeterministicForASeed(BaselineEngine e) throws IOException {
        MonoClip c = WavReader.readAll(TestAudio.example("LJ001-0002.wav"));
        double[] x = Arrays.copyOf(c.samples(), c.samples().length - 101); // not a whole number of hops
        double[] before = x.clone();
        double[] a = e.render(x, c.sampleRate(), 4);
        assertArrayEquals(before, x, "input untouched");
        assertEquals(x.length, a.length);
        double db = 20 * Math.log10(TestAudio.rms(a) / TestAudio.rms(x));
        assertTrue(Math.abs(db) < 1, e + " level " + db + " dB");
        assertArrayEquals(a, e.render(x, c.sampleRate(), 4), "same seed, same samples");
        assertFalse(Arrays.equals(a, e.render(x, c.sampleRate(), 5)), "another seed, other samples");
    }

    @ParameterizedTest
    @EnumSource(BaselineEngine.class)
    void shouldHandleEmptyAndShortInputsAtOtherRates(BaselineEngine e) {
        assertEquals(0, e.render(new double[0], 22050, 1).length);
        double[] x = new double[300];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(0.2 * i);
        double[] y = e.render(x, 16000, 1);
        assertEquals(300, y.length);
        for (double v : y) assertTrue(Double.isFinite(v));
    }

    @Test
    void shouldParseTheCommandLineNames() {
        assertEquals(BaselineEngine.RANDOM_PHASE, BaselineEngine.parse("random-phase"));
        assertEquals(BaselineEngine.GRIFFIN_LIM, BaselineEngine.parse("griffin-lim"));
        assertEquals(BaselineEngine.FGLA, BaselineEngine.parse("FGLA"));
        assertEquals(BaselineEngine.RTPGHI, BaselineEngine.parse("rtpghi"));
        assertEquals(BaselineEngine.GRIFFIN_LIM, BaselineEngine.parse("GRIFFIN_LIM"));
        for (BaselineEngine e : BaselineEngine.values()) assertEquals(e, BaselineEngine.parse(e.id()));
    }

    @Test
    void shouldRejectAnUnknownNameListingTheChoices() {
        IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> BaselineEngine.parse("nonesuch"));
        assertTrue(ex.getMessage().contains("nonesuch"), ex.getMessage());
        assertTrue(ex.getMessage().contains("random-phase, griffin-lim, fgla, rtpghi"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BaselineEngine.parse(null));
    }
}
