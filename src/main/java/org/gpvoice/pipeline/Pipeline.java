package org.gpvoice.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.FitStage;
import org.gpvoice.engine.SynthStage;

/**
 * The real-time engine: a Disruptor ring of preallocated {@link BlockEvent}s and four threads.
 *
 * <pre>
 *   capture (+ analysis) --publish--> [ ring ] --> fit        (warm-started fit; writes the slot's model)
 *                                                 --> synthesis  (waits for the slot's fit within the device's budget)
 *                                                       --> recorder (WAV of the resynthesis, off the audio thread)
 * </pre>
 *
 * <p>Capture analyses each block as it publishes it (periodogram, fit grid, pitch, level: the slot's {@code
 * analysis}), so the fit thread only fits: on two cores the two halves of the fit's old work run side by side (an
 * offline render of 4 minutes of speech went from 40x to 45x real time, the same samples). The analysis keeps its
 * history, so it runs for every block, fitted or not.
 *
 * <p>Fit and synthesis both read straight from capture. Synthesis takes block n's model as soon as the fit of block
 * n is done, and waits for it only as long as the output device can spare ({@link BlockSink#budgetNanos()}): when the
 * fit is late, synthesis plays on from the last model and counts a skipped fit, so the device never runs dry because
 * of the fit; the fit then skips the blocks synthesis has already played, to catch up. With no device the budget is
 * unbounded, synthesis always waits, and the samples are exactly those of the single-threaded engine.
 *
 * <p>After {@link #start()} nothing is allocated and no lock is taken on the four threads: the slots, models, stage
 * buffers and statistics are all built here. Time is counted in blocks (sample counts), not read from the wall clock;
 * the clock is read only to measure stage costs and to bound synthesis' wait by what the device has queued.
 */
public final class Pipeline {
    /** What the output device plays. */
    public enum Monitor {
        RESYNTH,
        ORIGINAL,
        MIX;

        public Monitor next() {
            return values()[(ordinal() + 1) % values().length];
        }
    }

    /**
     * A scripted change of the fit settings: block {@code block} of the input (5 ms each, from 0) and every block
     * after it are fitted with {@code fit}. The fit stage applies it when the input reaches that block's look-ahead.
     */
    public record Switch(long block, FitConfig fit, String name) {}

    private final int fs;
    private final int blockSize;
    private final int latencyBlocks;
    private final RingBuffer<BlockEvent> ring;
    private final BlockSource source;
    private final BlockSink sink;
    private final Recorder recorder;
    private final FitHandler fitHandler;
    private final SynthHandler synthHandler;
    private final RecordHandler recordHandler;
    private final BatchEventProcessor<BlockEvent> fitProcessor, synthProcessor, recordProcessor;
    private final Thread captureThread, fitThread, synthThread, recordThread;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<FitConfig> pendingFit = new AtomicReference<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuClock;
    private volatile boolean stopRequested;
    private int maxBacklog = Integer.MAX_VALUE;
    private volatile long requestedAt;
    private volatile Monitor monitor = Monitor.RESYNTH;

    public final StageStats captureCpu = new StageStats();
    public final StageStats fitCpu = new StageStats();
    public final StageStats synthCpu = new StageStats();
    public final StageStats recordCpu = new StageStats();
    /** From capture publishing a block to the fit stage starting on it. */
    public final StageStats handoff = new StageStats();

    /**
     * @param capacity largest component count the stream may switch to
     * @param ringSize slots in the ring, a power of two: how far capture may run ahead of synthesis
     * @param recorder where the resynthesis is written (aligned with the input), or null
     * @param schedule scripted switches in increasing block order (may be empty)
     */
    public Pipeline(
            EngineConfig cfg,
            int capacity,
            BlockSource source,
            BlockSink sink,
            Recorder recorder,
            int ringSize,
            Switch[] schedule) {
        this.fs = source.sampleRate();
        this.source = source;
        this.sink = sink;
        this.recorder = recorder;
        FitStage fit = new FitStage(fs, cfg, capacity);
        SynthStage synth = new SynthStage(fs, cfg, capacity);
        blockSize = fit.blockSize();
        latencyBlocks = fit.lookaheadBlocks();
        cpuClock = threads.isCurrentThreadCpuTimeSupported();
        if (cpuClock && !threads.isThreadCpuTimeEnabled()) threads.setThreadCpuTimeEnabled(true);

        Backoff.PerStage wait = new Backoff.PerStage();
        ring = RingBuffer.createSingleProducer(
                () -> new BlockEvent(blockSize, capacity, fit.newAnalysis()), ringSize, wait);
        fitHandler = new FitHandler(fit, schedule == null ? new Switch[0] : schedule.clone());
        synthHandler = new SynthHandler(synth);
        recordHandler = new RecordHandler();
        BatchEventProcessorBuilder b = new BatchEventProcessorBuilder();
        fitProcessor = b.build(ring, ring.newBarrier(), fitHandler);
        synthProcessor = b.build(ring, ring.newBarrier(), synthHandler);
        recordProcessor = b.build(ring, ring.newBarrier(synthProcessor.getSequence()), recordHandler);
        ExceptionHandler<BlockEvent> onError = new StageFailure();
        fitProcessor.setExceptionHandler(onError);
        synthProcessor.setExceptionHandler(onError);
        recordProcessor.setExceptionHandler(onError);
        ring.addGatingSequences(fitProcessor.getSequence(), recordProcessor.getSequence());
        fitHandler.synthDone = synthProcessor.getSequence();
        synthHandler.fitDone = fitHandler.done;

        captureThread = new Thread(this::captureLoop, "gpvoice-capture");
        fitThread = new Thread(fitProcessor, "gpvoice-fit");
        synthThread = new Thread(synthProcessor, "gpvoice-synth");
        recordThread = new Thread(recordProcessor, "gpvoice-record");
        for (Thread t : new Thread[] {captureThread, fitThread, synthThread, recordThread}) t.setDaemon(true);
        synthThread.setPriority(Thread.MAX_PRIORITY);
        captureThread.setPriority(Thread.MAX_PRIORITY);
    }

    public void start() {
        recordThread.start();
        synthThread.start();
        fitThread.start();
        captureThread.start();
    }

    /** Ends the stream at the next block (Ctrl-C, a key, or a test); the recording keeps what was written. */
    public void stop() {
        stopRequested = true;
    }

    /** Waits until the end of the stream has passed every stage (or a stage failed); true if it did in time. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /** Stops the stage threads after the end (or on a failure) and waits for them. */
    public void shutdown() throws InterruptedException {
        stopRequested = true;
        captureThread.join(2000);
        fitProcessor.halt();
        synthProcessor.halt();
        recordProcessor.halt();
        for (Thread t : new Thread[] {fitThread, synthThread, recordThread}) t.join(2000);
    }

    /** The first exception a stage threw, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** Changes the fit settings at the next block the fit stage takes (from any thread; no allocation). */
    public void requestFit(FitConfig c) {
        requestedAt = ring.getCursor() + 1;
        pendingFit.set(c);
    }

    /**
     * Blocks between the last {@link #requestFit} and the fit that used it, counted in captured blocks: 0 = the next
     * block captured was fitted with it; -1 if none has landed yet.
     */
    public long lastSwitchLatencyBlocks() {
        long landed = fitHandler.requestLanded;
        return landed < 0 ? -1 : Math.max(0, landed - requestedAt);
    }

    /**
     * For a live source: when more than {@code blocks} captured blocks wait behind synthesis, synthesis takes the
     * newest model from the waiting ones without playing them, so the input-to-output delay cannot grow (a burst
     * from the sound server at start-up would otherwise stay queued in the ring for good). The output stays
     * continuous: the sampler just draws its next block from a newer model. Call before {@link #start()}.
     */
    public void dropBacklogOver(int blocks) {
        maxBacklog = blocks;
    }

    /** Captured blocks synthesis passed over to keep the latency down (see {@link #dropBacklogOver}). */
    public long droppedBlocks() {
        return synthHandler.dropped;
    }

    public void setMonitor(Monitor m) {
        monitor = m;
    }

    public Monitor monitor() {
        return monitor;
    }

    public int sampleRate() {
        return fs;
    }

    public int blockSize() {
        return blockSize;
    }

    public int latencyBlocks() {
        return latencyBlocks;
    }

    /** Input to output delay of the engine itself (look-ahead plus the block), ms. */
    public double algorithmicLatencyMs() {
        return (latencyBlocks + 1) * blockSize * 1000.0 / fs;
    }

    /** Blocks captured (published) so far. */
    public long blocksCaptured() {
        return ring.getCursor() + 1;
    }

    /** Blocks synthesis has played (or, with no device, produced); read from any thread, exact after the end. */
    public long blocksPlayed() {
        return synthHandler.index;
    }

    /** Blocks the recorder has taken. */
    public long blocksRecorded() {
        return recordProcessor.getSequence().get() + 1;
    }

    /** Blocks synthesis played without their own fit (it was late), from the last model. */
    public long skippedFits() {
        return synthHandler.skipped;
    }

    /** Fits the fit stage left out to catch up. */
    public long fitsLeftOut() {
        return fitHandler.stage.skippedFits();
    }

    public long underruns() {
        return sink.underruns();
    }

    public long outputQueuedFrames() {
        return sink.queuedFrames();
    }

    public long inputQueuedFrames() {
        return source.queuedFrames();
    }

    public FitStage fitStage() {
        return fitHandler.stage;
    }

    /** The analysed block at which each scripted switch took effect (-1 until it has). */
    public long[] switchLandedAt() {
        return fitHandler.landed.clone();
    }

    /** The input block at which the last {@link #requestFit} took effect, and the block captured when asked. */
    public long lastRequestLandedAt() {
        return fitHandler.requestLanded;
    }

    /** Ids of the four pipeline threads (capture, fit, synthesis, recorder), for allocation and CPU accounting. */
    public long[] threadIds() {
        return new long[] {captureThread.getId(), fitThread.getId(), synthThread.getId(), recordThread.getId()};
    }

    private long cpuNow() {
        return cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    // ------------------------------------------------------------------ capture

    private void captureLoop() {
        try {
            source.start();
            int tail = -1; // zero blocks still to push after the source ended (to flush the look-ahead), -1 before
            while (!stopRequested) {
                long seq = claim();
                if (seq < 0) return; // a stage failed
                BlockEvent ev = ring.get(seq);
                long t0 = cpuNow();
                int n = tail < 0 ? source.read(ev.in) : -1;
                if (n < 0) {
                    if (tail < 0) tail = latencyBlocks;
                    if (tail == 0) {
                        publishEnd(seq);
                        return;
                    }
                    java.util.Arrays.fill(ev.in, 0);
                    n = 0;
                    tail--;
                }
                ev.frames = n;
                ev.end = false;
                ev.fitted = false;
                // the block's analysis (periodogram, pitch, level) is capture's: the fit thread then only fits
                ev.analysed = fitHandler.stage.analyze(ev.in, 0, ev.analysis);
                ev.publishedNanos = System.nanoTime();
                ring.publish(seq);
                captureCpu.record(cpuNow() - t0);
            }
            long seq = claim(); // stopped: one slot marks the end
            if (seq >= 0) publishEnd(seq);
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void publishEnd(long seq) {
        BlockEvent e = ring.get(seq);
        e.end = true;
        e.frames = 0;
        e.fitted = false;
        e.analysed = false;
        e.publishedNanos = System.nanoTime();
        ring.publish(seq);
    }

    /** Next free slot; waits (lock-free) while the ring is full; -1 if a stage failed meanwhile. */
    private long claim() {
        int round = 0;
        while (true) {
            try {
                return ring.tryNext();
            } catch (InsufficientCapacityException full) {
                if (failure.get() != null) return -1;
                Backoff.STAGE.pause(round++);
            }
        }
    }

    private void fail(Throwable t) {
        failure.compareAndSet(null, t);
        stopRequested = true;
        finished.countDown();
    }

    private final class StageFailure implements ExceptionHandler<BlockEvent> {
        @Override
        public void handleEventException(Throwable ex, long sequence, BlockEvent event) {
            fail(ex);
            fitProcessor.halt();
            synthProcessor.halt();
            recordProcessor.halt();
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            fail(ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            failure.compareAndSet(null, ex);
        }
    }

    // ------------------------------------------------------------------ fit

    private final class FitHandler implements EventHandler<BlockEvent> {
        final FitStage stage;
        final Switch[] schedule;
        final long[] landed;
        final int fitLag;
        int nextSwitch;
        volatile long requestLanded = -1;
        /** Last slot whose fit is complete (published per slot, not per batch, so synthesis sees it at once). */
        final Sequence done = new Sequence(-1);

        Sequence synthDone;
        long index;

        FitHandler(FitStage stage, Switch[] schedule) {
            this.stage = stage;
            this.schedule = schedule;
            fitLag = stage.fitLagBlocks();
            landed = new long[schedule.length];
            java.util.Arrays.fill(landed, -1);
        }

        @Override
        public void onEvent(BlockEvent ev, long seq, boolean endOfBatch) {
            if (ev.end) {
                done.set(seq);
                return;
            }
            long t0 = cpuNow();
            handoff.record(System.nanoTime() - ev.publishedNanos);
            // the fit of input block index - fitLag happens now: switches up to that block take effect
            while (nextSwitch < schedule.length && schedule[nextSwitch].block() + fitLag <= index) {
                stage.configure(schedule[nextSwitch].fit());
                landed[nextSwitch++] = index - fitLag;
            }
            FitConfig asked = pendingFit.getAndSet(null);
            if (asked != null) {
                stage.configure(asked);
                requestLanded = index;
            }
            // a block synthesis has already played without waiting for it is not worth fitting
            boolean wanted = synthDone.get() < seq;
            boolean fitted = ev.analysed && stage.fit(ev.analysis, wanted);
            ev.fitted = fitted;
            if (fitted) {
                ev.model.copyFrom(stage.model());
                ev.modelInfo.copyFrom(stage.modelInfo());
            }
            index++;
            done.set(seq);
            fitCpu.record(cpuNow() - t0);
        }
    }

    // ------------------------------------------------------------------ synthesis

    private final class SynthHandler implements EventHandler<BlockEvent> {
        final SynthStage stage;
        final double[] play;
        final double[] delay; // the input of the last latency + 1 blocks, to monitor the original in step
        Sequence fitDone;
        long skipped;
        long dropped;
        long index;

        SynthHandler(SynthStage stage) {
            this.stage = stage;
            play = new double[blockSize];
            delay = new double[(latencyBlocks + 1) * blockSize];
        }

        @Override
        public void onEvent(BlockEvent ev, long seq, boolean endOfBatch) {
            if (ev.end) {
                sink.drain();
                return;
            }
            if (ring.getCursor() - seq > maxBacklog && index > latencyBlocks) {
                // too far behind the microphone: pass this block over (its model still counts if it is ready)
                if (fitDone.get() >= seq && ev.fitted) stage.update(ev.model);
                ev.played = false;
                dropped++;
                return;
            }
            if (fitDone.get() < seq) awaitFit(seq);
            long t0 = cpuNow();
            if (fitDone.get() >= seq) {
                if (ev.fitted) stage.update(ev.model);
            } else if (index >= latencyBlocks) {
                skipped++;
            }
            stage.render(ev.out, 0);

            int slot = (int) (index % (latencyBlocks + 1)) * blockSize;
            Monitor m = monitor;
            // the original in step with the resynthesis: the input block latency blocks back, which is the oldest
            // slot of the delay line, read before this block's input overwrites it
            for (int i = 0; i < blockSize; i++) {
                double orig = delay[slot + i];
                double syn = ev.out[i];
                play[i] = m == Monitor.RESYNTH ? syn : m == Monitor.ORIGINAL ? orig : 0.5 * (orig + syn);
            }
            System.arraycopy(ev.in, 0, delay, slot, blockSize);
            index++;
            ev.played = true;
            synthCpu.record(cpuNow() - t0);
            sink.write(play, blockSize);
        }

        /** Waits for the fit of slot {@code seq} while the device can spare the time (for ever with no device). */
        private void awaitFit(long seq) {
            long budget = sink.budgetNanos();
            long deadline = budget == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + budget;
            int round = 0;
            while (fitDone.get() < seq) {
                if (failure.get() != null) return;
                if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) return;
                Backoff.STAGE.pause(round++);
            }
        }
    }

    // ------------------------------------------------------------------ recorder

    private final class RecordHandler implements EventHandler<BlockEvent> {
        long index;
        long written;

        @Override
        public void onEvent(BlockEvent ev, long seq, boolean endOfBatch) throws Exception {
            if (ev.end) {
                if (recorder != null) recorder.flush();
                finished.countDown();
                return;
            }
            long t0 = cpuNow();
            if (recorder != null) {
                // output block n is the resynthesis of input block n - latency: the first latency blocks are the
                // look-ahead filling up and are not recorded, so the recording lines up with the input
                if (index >= latencyBlocks && ev.played) {
                    long limit = source.frames();
                    int n = limit < 0 ? blockSize : (int) Math.max(0, Math.min(blockSize, limit - written));
                    if (n > 0) {
                        recorder.write(ev.out, n);
                        written += n;
                    }
                }
                if (ev.fitted) recorder.params(ev);
            }
            index++;
            recordCpu.record(cpuNow() - t0);
        }
    }

    /**
     * Where the recorder writes; called on the recorder thread only. Writing may block on the disk without holding
     * up synthesis (the ring absorbs it).
     */
    public interface Recorder {
        void write(double[] block, int n) throws Exception;

        /** The fitted parameters of a block (only meaningful without a device, where every block is fitted). */
        default void params(BlockEvent ev) throws Exception {}

        default void flush() throws Exception {}
    }
}
