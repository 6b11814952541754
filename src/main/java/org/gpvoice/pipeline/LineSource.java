package org.gpvoice.pipeline;

import javax.sound.sampled.TargetDataLine;

/** Captures blocks from a JavaSound input line (16-bit signed little-endian mono); each read waits for one block. */
public final class LineSource implements BlockSource {
    private final TargetDataLine line;
    private final byte[] bytes;
    private final int sampleRate;
    private volatile boolean closed;

    public LineSource(TargetDataLine line, int blockSize) {
        this.line = line;
        this.sampleRate = Math.round(line.getFormat().getSampleRate());
        bytes = new byte[blockSize * 2];
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public void start() {
        line.flush();
        line.start();
    }

    @Override
    public int read(double[] block) {
        int len = block.length * 2, off = 0;
        while (off < len) {
            if (closed) return -1;
            int r = line.read(bytes, off, len - off);
            if (r <= 0 && !line.isOpen()) return -1;
            off += Math.max(0, r);
        }
        for (int i = 0; i < block.length; i++) {
            block[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8)) / 32768.0;
        }
        return block.length;
    }

    @Override
    public long queuedFrames() {
        return line.available() / 2;
    }

    @Override
    public void close() {
        closed = true;
        line.stop();
        line.close();
    }
}
