package org.gpvoice.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gpvoice.TestAudio;
import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.OfflineRender;
import org.gpvoice.engine.Resynthesizer;
import org.gpvoice.engine.SamplerKind;
import org.gpvoice.io.WavReader;
import org.gpvoice.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** With no device the pipeline is the offline engine on four threads: the same samples, exactly. */
class PipelineRenderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SamplerKind.class)
    void shouldWriteExactlyTheSamplesOfTheSingleThreadedEngine(SamplerKind sampler) throws Exception {
        Path in = TestAudio.example("LJ001-0002.wav");
        EngineConfig cfg = EngineConfig.defaults().withSampler(sampler).withSeed(7);
        Path a = dir.resolve("offline.wav"), b = dir.resolve("pipeline.wav");
        OfflineRender.render(in, a, WavWriter.Encoding.FLOAT32, cfg, null, new OfflineRender.Listener() {}, null);
        OfflineRender.Summary s = PipelineRender.render(
                in,
                b,
                WavWriter.Encoding.FLOAT32,
                cfg,
                null,
                java.util.List.of(),
                cfg.fit().components(),
                new OfflineRender.Listener() {},
                null);
        double[] x = WavReader.readAll(a).samples(), y = WavReader.readAll(b).samples();
        assertEquals(WavReader.readAll(in).samples().length, y.length, "output as long as the input");
        assertTrue(TestAudio.rms(y) > 0.01, "not silence");
        assertArrayEquals(x, y, 0.0);
        assertEquals((y.length + s.blockSize() - 1) / s.blockSize(), s.blocks(), "every block fitted once");
    }

    @Test
    void shouldApplyScriptedSwitchesAtTheirBlockExactlyAsTheEngineDoes() throws Exception {
        double[] x = WavReader.readAll(TestAudio.example("LJ001-0002.wav")).samples();
        EngineConfig cfg = EngineConfig.defaults();
        FitConfig q8 = cfg.fit().withComponents(8), q48 = cfg.fit().withComponents(48);

        Resynthesizer e = new Resynthesizer(22050, cfg, 64);
        int bs = e.blockSize();
        int blocks = x.length / bs;
        double[] ref = new double[blocks * bs];
        for (int i = 0; i < blocks; i++) {
            if (i == 100) e.configure(q8);
            if (i == 250) e.configure(q48);
            e.process(x, i * bs, ref, i * bs);
        }

        // the engine configured before input block 100 fits analysis block 100 - fit lag with the new settings (and
        // hands on that block's model one block later, smoothed with the next block's)
        int l = e.fitLagBlocks();
        Pipeline.Switch[] schedule = {new Pipeline.Switch(100 - l, q8, "q8"), new Pipeline.Switch(250 - l, q48, "q48")};
        double[] got = new double[blocks * bs];
        int[] at = {0};
        Pipeline p = new Pipeline(
                cfg,
                64,
                new ArraySource(java.util.Arrays.copyOf(x, blocks * bs), 22050),
                BlockSink.NONE,
                (block, n) -> {
                    System.arraycopy(block, 0, got, at[0], n);
                    at[0] += n;
                },
                64,
                schedule);
        p.start();
        assertTrue(p.awaitEnd(60, java.util.concurrent.TimeUnit.SECONDS));
        p.shutdown();
        assertEquals(null, p.failure());
        assertArrayEquals(new long[] {100 - l, 250 - l}, p.switchLandedAt());
        // the recording starts at the first resynthesized block (the engine's output has the look-ahead first)
        int lead = e.latencyBlocks() * bs;
        assertEquals(got.length, at[0]);
        assertArrayEquals(
                java.util.Arrays.copyOfRange(ref, lead, ref.length),
                java.util.Arrays.copyOfRange(got, 0, got.length - lead),
                0.0);
    }
}
