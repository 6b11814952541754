package org.gpvoice.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock-free wait: spin, then yield, then park for a fixed time, re-checking between each. Nothing is signalled,
 * so publishing costs the producer nothing; a waiting stage wakes within about one park period.
 *
 * <p>The trade-off per stage, on a 2-core machine that runs three pipeline threads plus the sound server:
 * <ul>
 *   <li>fit and synthesis wait for capture with a short park ({@link #STAGE}, 20 us): they wake within about 60 us
 *       (Linux's timer slack), 1% of a 5 ms block, and use no CPU while waiting. A busy spin would wake in
 *       nanoseconds but burn both cores and starve the capture thread and the sound server; a lock-based blocking
 *       wait would put a lock on the audio path.
 *   <li>the recorder waits with a long park ({@link #LAZY}, 1 ms): a file write a few ms late costs nothing.
 * </ul>
 * The capture stage does not wait on the ring in steady state: it is paced by the device it reads (or, for a file,
 * by the ring being full while the output device paces synthesis).
 */
public final class Backoff implements WaitStrategy {
    public static final Backoff STAGE = new Backoff(100, 10, 20_000);
    public static final Backoff LAZY = new Backoff(10, 0, 1_000_000);

    private final int spins;
    private final int yields;
    private final long parkNanos;

    public Backoff(int spins, int yields, long parkNanos) {
        this.spins = spins;
        this.yields = yields;
        this.parkNanos = parkNanos;
    }

    /** One step of waiting; {@code round} counts from 0 for each new wait. */
    public void pause(int round) {
        if (round < spins) Thread.onSpinWait();
        else if (round < spins + yields) Thread.yield();
        else LockSupport.parkNanos(parkNanos);
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException {
        long available;
        int round = 0;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            pause(round);
            if (round < Integer.MAX_VALUE) round++;
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {}

    /**
     * The ring's wait strategy: Disruptor gives one per ring, so this one picks the stage's backoff by what the stage
     * waits on. Fit and synthesis wait on the ring's cursor (capture); the recorder waits on synthesis.
     */
    static final class PerStage implements WaitStrategy {
        @Override
        public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
                throws AlertException {
            Backoff b = dependentSequence == cursor ? STAGE : LAZY;
            return b.waitFor(sequence, cursor, dependentSequence, barrier);
        }

        @Override
        public void signalAllWhenBlocking() {}
    }
}
