package org.gpvoice.pipeline;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.gpvoice.TestAudio;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.api.Test;

/** Garbage-free after start-up: the four pipeline threads allocate nothing while speech streams through. */
class PipelineAllocationTest {
    @Test
    void shouldAllocateNothingOnAnyPipelineThreadInSteadyState() throws Exception {
        double[] clip = WavReader.readAll(TestAudio.example("LJ001-0001.wav")).samples();
        double[] x = new double[clip.length * 8];
        for (int k = 0; k < 8; k++) System.arraycopy(clip, 0, x, k * clip.length, clip.length);
        double[] sinkSum = new double[1];
        Pipeline p = new Pipeline(
                EngineConfig.defaults(),
                64,
                new ArraySource(x, 22050),
                BlockSink.NONE,
                (block, n) -> sinkSum[0] += block[0],
                64,
                new Pipeline.Switch[0]);
        long perPass = clip.length / p.blockSize();
        p.start();
        // two passes of warm-up: the first time a path runs (JIT, a rare branch) a few hundred bytes may go once
        ThreadAllocation.Measured m = ThreadAllocation.between(p, 2 * perPass, 7 * perPass);
        long blocks = m.blocks();
        assertTrue(p.awaitEnd(60, TimeUnit.SECONDS));
        p.shutdown();
        assertNull(p.failure());
        assertTrue(blocks > perPass, "measured over " + blocks + " blocks");
        for (int i = 0; i < ThreadAllocation.STAGES.length; i++) {
            // any allocation per block is at least one 16-byte object per block; what the JIT may do once in a while
            // (a deoptimised method re-run, ~100 bytes once in thousands of blocks, also seen single-threaded) is not
            assertTrue(
                    m.perBlock(i) < 1,
                    ThreadAllocation.STAGES[i] + " allocated " + m.bytes()[i] + " bytes over " + blocks + " blocks");
        }
    }
}
