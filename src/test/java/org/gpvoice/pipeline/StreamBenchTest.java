package org.gpvoice.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.locks.LockSupport;
import org.gpvoice.TestAudio;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.api.Test;

class StreamBenchTest {
    @Test
    void clockedSinkShouldCountABlockThatArrivesAfterItsTimeAndPaceTheRest() {
        // 1 ms blocks, a 4 ms buffer: playback starts 2 ms after the first write (half a buffer queued ahead)
        StreamBench.ClockedSink sink = new StreamBench.ClockedSink(1000, 1, 4);
        double[] b = new double[1];
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) sink.write(b, 1);
        double ms = (System.nanoTime() - t0) / 1e6;
        assertEquals(0, sink.underruns(), "on time");
        assertTrue(ms > 20 - 2 - 4 - 1, "paced by its clock: 20 blocks of 1 ms took " + ms + " ms");
        LockSupport.parkNanos(30_000_000); // the device runs dry
        sink.write(b, 1);
        assertEquals(1, sink.underruns());
        sink.write(b, 1);
        assertEquals(1, sink.underruns(), "the clock restarts after an underrun");
    }

    @Test
    void oneStreamShouldRunInRealTimeWithoutLateBlocks() throws Exception {
        double[] x = WavReader.readAll(TestAudio.example("LJ001-0002.wav")).samples();
        org.gpvoice.engine.Warmup.run(EngineConfig.defaults(), 22050, 24, 1);
        int latency = new org.gpvoice.engine.Resynthesizer(22050, EngineConfig.defaults(), 24).latencyBlocks();
        assertEquals(4, latency, "the 30 ms window's look-ahead of 3 blocks, and 1 for the model smoothing");
        // 1.9 s at Q = 24 uses about 5% of a core, so a pipeline that blocks, waits on a lock or falls behind is late
        // in every run. The machine is shared, though: a clean CI run once met one late block (hand-off p99 2.4 ms,
        // the others at their usual figures), a stall from outside that the next run did not see. So the stream gets
        // up to three runs and must have one with no late block; each run must still play every block.
        StringBuilder runs = new StringBuilder();
        for (int attempt = 1; attempt <= 3; attempt++) {
            long t0 = System.nanoTime();
            StreamBench.Result r = StreamBench.run(x, 22050, EngineConfig.defaults(), 1, 40);
            double wall = (System.nanoTime() - t0) / 1e9;
            assertTrue(wall > 0.9 * x.length / 22050.0, "fed in real time: " + wall + " s");
            assertEquals((x.length + 109) / 110 + latency, r.blocks(), "every block and the look-ahead's tail played");
            if (r.lateBlocks() == 0) return;
            runs.append("\nrun ").append(attempt).append(": ").append(r);
        }
        fail("late blocks in every one of three runs:" + runs);
    }
}
