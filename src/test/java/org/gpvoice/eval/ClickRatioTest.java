package org.gpvoice.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClickRatioTest {
    @Test
    void shouldBeOneForWhiteNoise() {
        double[] x = EvalSignals.whiteNoise(60 * 22050, 19);
        assertEquals(1, ClickRatio.of(x, ClickRatio.blockSamples(5, 22050)), 0.05);
    }

    @Test
    void shouldExceedTwoWhenEveryBlockEdgeHasAStep() {
        int block = ClickRatio.blockSamples(5, 22050);
        double[] x = EvalSignals.scaled(EvalSignals.whiteNoise(10 * 22050, 23), 0.01);
        Random rng = new Random(29);
        double offset = 0;
        for (int i = 0; i < x.length; i++) {
            if (i % block == 0) offset = 0.02 * rng.nextGaussian();
            x[i] += offset;
        }
        double ratio = ClickRatio.of(x, block);
        assertTrue(ratio > 2, "click ratio with steps at block edges: " + ratio);
    }

    @Test
    void shouldRoundTheBlockToWholeSamplesAndRejectBlocksTooShort() {
        assertEquals(110, ClickRatio.blockSamples(5, 22050));
        assertEquals(240, ClickRatio.blockSamples(5, 48000));
        assertEquals(441, ClickRatio.blockSamples(20, 22050));
        assertThrows(IllegalArgumentException.class, () -> ClickRatio.blockSamples(0.05, 22050));
    }
}
