package org.gpvoice.pipeline;

import javax.sound.sampled.SourceDataLine;

/**
 * Plays blocks on a JavaSound output line (16-bit signed little-endian mono). {@link #write} blocks while the line's
 * buffer is full, which is what paces a file to real time.
 *
 * <p>Timing comes from the device: what is queued is the frames written minus the line's frame position, and the
 * time synthesis may wait for a late fit is what is queued beyond two blocks. JavaSound never reports an underrun
 * (ALSA recovers silently), so one is counted when a block arrives to find the line's buffer empty.
 */
public final class LineSink implements BlockSink {
    private final SourceDataLine line;
    private final byte[] bytes;
    private final double fs;
    private final int blockSize;
    private final int prefillFrames;
    private long written;
    private long underruns;
    private boolean started;

    /**
     * @param line an open (not started) line
     * @param prefillFrames silence queued before the first block: the output latency a live stream keeps, and its
     *     margin against jitter
     */
    public LineSink(SourceDataLine line, int blockSize, int prefillFrames) {
        this.line = line;
        this.blockSize = blockSize;
        this.fs = line.getFormat().getSampleRate();
        this.prefillFrames = prefillFrames;
        bytes = new byte[Math.max(blockSize, prefillFrames) * 2];
    }

    @Override
    public void write(double[] block, int n) {
        if (!started) {
            java.util.Arrays.fill(bytes, (byte) 0);
            line.write(bytes, 0, prefillFrames * 2);
            written += prefillFrames;
            line.start();
            started = true;
        } else if (line.available() >= line.getBufferSize()) {
            underruns++;
        }
        for (int i = 0; i < n; i++) {
            double v = block[i] * 32767.0;
            int s = v >= 32767 ? 32767 : v <= -32768 ? -32768 : (int) Math.round(v);
            bytes[2 * i] = (byte) s;
            bytes[2 * i + 1] = (byte) (s >> 8);
        }
        int off = 0, len = n * 2;
        while (off < len) {
            int w = line.write(bytes, off, len - off);
            if (w <= 0 && !line.isOpen()) return; // closed under us at shutdown
            off += Math.max(0, w);
        }
        written += n;
    }

    @Override
    public long budgetNanos() {
        long spare = queuedFrames() - 2L * blockSize;
        return spare <= 0 ? 0 : (long) (spare * 1e9 / fs);
    }

    @Override
    public long queuedFrames() {
        return started ? Math.max(0, written - line.getLongFramePosition()) : 0;
    }

    @Override
    public long underruns() {
        return underruns;
    }

    @Override
    public void drain() {
        if (started) line.drain();
    }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
