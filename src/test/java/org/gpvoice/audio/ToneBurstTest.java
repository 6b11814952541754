package org.gpvoice.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The measuring helper of the device tests, on synthetic tones: no devices needed. */
class ToneBurstTest {
    private static double[] padded(double[] tone, int before, int after) {
        double[] x = new double[before + tone.length + after];
        System.arraycopy(tone, 0, x, before, tone.length);
        return x;
    }

    @Test
    void shouldMeasureLengthAmplitudeAndPurityOfAKnownTone() {
        ToneBurst b = ToneBurst.find(padded(ToneBurst.sine(48000, 1000, 0.5, 24000), 3000, 3000), 48000, 0.05);
        assertEquals(0.5, b.seconds(), 0.001);
        assertEquals(0.5, b.amplitude(1000), 0.005);
        assertTrue(b.share(1000) > 0.99, "share " + b.share(1000));
        assertTrue(b.share(1500) < 0.01, "share at 1500 Hz " + b.share(1500));
    }

    @Test
    void shouldSeeSilenceAndAGap() {
        assertEquals(0, ToneBurst.find(new double[48000], 48000, 0.05).frames());
        double[] x = padded(ToneBurst.sine(48000, 1000, 0.5, 48000), 0, 0);
        Arrays.fill(x, 24000, 24000 + 2400, 0); // 50 ms dropped out
        ToneBurst b = ToneBurst.find(x, 48000, 0.05);
        assertEquals(1.0, b.seconds(), 0.001);
        assertTrue(b.share(1000) < 0.98, "share with a gap " + b.share(1000));
    }
}
