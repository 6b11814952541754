package org.gpvoice.pipeline;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/** What each of a running pipeline's four threads allocates, measured from outside them. */
final class ThreadAllocation {
    static final String[] STAGES = {"capture", "fit", "synthesis", "recorder"};

    private ThreadAllocation() {}

    /** Blocks measured over and bytes per block of each thread, between two points of a started pipeline's run. */
    record Measured(long blocks, long[] bytes) {
        double perBlock(int thread) {
            return bytes[thread] / (double) blocks;
        }
    }

    static Measured between(Pipeline p, long fromBlock, long toBlock) throws InterruptedException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = p.threadIds();
        waitFor(p, fromBlock);
        long[] before = mx.getThreadAllocatedBytes(ids);
        long b0 = p.blocksRecorded();
        waitFor(p, toBlock);
        long[] after = mx.getThreadAllocatedBytes(ids);
        long[] d = new long[ids.length];
        for (int i = 0; i < d.length; i++) d[i] = after[i] - before[i];
        return new Measured(p.blocksRecorded() - b0, d);
    }

    static void waitFor(Pipeline p, long blocks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.blocksRecorded() < blocks && System.nanoTime() < deadline) Thread.sleep(1);
    }
}
