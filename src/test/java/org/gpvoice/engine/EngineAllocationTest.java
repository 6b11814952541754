package org.gpvoice.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.gpvoice.TestAudio;
import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole per-block path (analysis, fit, level, synthesis) allocates nothing in steady state, on real speech. */
class EngineAllocationTest {

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void shouldAllocateNothingPerBlockOnSpeech(Kernel kernel) throws IOException {
        double[] x = WavReader.readAll(TestAudio.example("LJ001-0001.wav")).samples();
        EngineConfig cfg = EngineConfig.defaults().withFit(FitConfig.defaults(24, kernel));
        Resynthesizer e = new Resynthesizer(22050, cfg, 64);
        int b = e.blockSize();
        double[] out = new double[b];
        int blocks = x.length / b;
        // one whole pass first (every code path once: voiced, unvoiced, re-seeding, silence), then the differential
        // measurement over a second and third pass (5n blocks: n more warm-up, n and 3n measured)
        for (int i = 0; i < blocks; i++) e.process(x, i * b, out, 0);
        int n = blocks / 2;
        double perBlock = TestAudio.bytesPerCall(i -> e.process(x, (i % blocks) * b, out, 0), n);
        assertTrue(Math.abs(perBlock) < 1, kernel + ": " + perBlock + " bytes per block (one object is >= 16 bytes)");
    }
}
