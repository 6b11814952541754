package org.gpvoice.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes a canonical 44-byte-header RIFF/WAVE file: format tag 1 (PCM16, PCM24) or 3 (FLOAT32), little-endian,
 * interleaved channels.
 *
 * <p>The file on disk is a valid WAV holding every frame written so far at all times: each {@link #write} first
 * writes the samples, then rewrites the RIFF and 'data' chunk sizes in the header. If the process dies or
 * {@link #close} is never called, the file still reads back with everything written. Data goes straight to the
 * operating system (page cache) with positional writes; nothing is buffered in Java and nothing is synced to the disk
 * before {@link #close}.
 *
 * <p>Integer encodings clip samples to [-1, 1] and round {@code x * 2^(bits-1)} to the nearest integer, saturating at
 * the largest positive code; samples beyond +-1 (and NaN, written as 0) are counted in {@link #clippedSamples()}.
 * FLOAT32 stores {@code (float) x} unchanged and never clips.
 *
 * <p>{@link #write} allocates nothing: it encodes through one preallocated direct buffer of about 64 KiB. Files are
 * limited to the 4 GiB RIFF size. Not thread-safe.
 */
public final class WavWriter implements AutoCloseable {
    /** Sample encoding of the written file. */
    public enum Encoding {
        /** 16-bit signed integer PCM (format tag 1). */
        PCM16(16, 1),
        /** 24-bit signed integer PCM (format tag 1). */
        PCM24(24, 1),
        /** 32-bit IEEE float (format tag 3). */
        FLOAT32(32, 3);

        private final int bits;
        private final int formatTag;

        Encoding(int bits, int formatTag) {
            this.bits = bits;
            this.formatTag = formatTag;
        }

        /** Bits per stored sample. */
        public int bitsPerSample() {
            return bits;
        }

        /** Bytes per stored sample. */
        public int bytesPerSample() {
            return bits / 8;
        }

        /** The WAV 'fmt ' format tag: 1 for integer PCM, 3 for IEEE float. */
        public int formatTag() {
            return formatTag;
        }
    }

    private static final int HEADER_BYTES = 44;
    private static final long RIFF_SIZE_OFFSET = 4;
    private static final long DATA_SIZE_OFFSET = 40;
    /** Largest data size such that the RIFF size (36 + data + pad byte) still fits in 32 unsigned bits. */
    private static final long MAX_DATA_BYTES = 0xFFFFFFFFL - 36 - 1;

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final int sampleRate;
    private final int channels;
    private final Encoding encoding;
    private final int bytesPerSample;
    private final int frameBytes;
    private final ByteBuffer buffer;
    private final int bufferSamples;
    private final ByteBuffer sizeField = ByteBuffer.allocateDirect(4).order(ByteOrder.LITTLE_ENDIAN);

    /** Bytes of sample data on disk after the header. */
    private long dataBytes;

    private long clipped;
    private boolean closed;

    private WavWriter(Path path, FileChannel channel, int sampleRate, int channels, Encoding encoding) {
        this.path = path;
        this.channel = channel;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.encoding = encoding;
        this.bytesPerSample = encoding.bytesPerSample();
        this.frameBytes = channels * bytesPerSample;
        int bufferFrames = Math.max(1, BUFFER_BYTES / frameBytes);
        this.bufferSamples = bufferFrames * channels;
        this.buffer = ByteBuffer.allocateDirect(bufferFrames * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Creates (or truncates) {@code path} and writes a header for an empty WAV file.
     *
     * @param sampleRate samples per second per channel, Hz, in {@link WavReader#MIN_SAMPLE_RATE}..{@link
     *     WavReader#MAX_SAMPLE_RATE}
     * @param channels channels per frame, 1..65535
     * @throws IllegalArgumentException if a parameter is out of range
     * @throws AudioFileException if the file cannot be created or written; the message names the file
     */
    public static WavWriter create(Path path, int sampleRate, int channels, Encoding enc) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(enc, "enc");
        if (sampleRate < WavReader.MIN_SAMPLE_RATE || sampleRate > WavReader.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate must be in " + WavReader.MIN_SAMPLE_RATE + ".."
                    + WavReader.MAX_SAMPLE_RATE + " Hz: " + sampleRate);
        }
        if (channels < 1 || channels > 0xFFFF) {
            throw new IllegalArgumentException("channels must be in 1..65535: " + channels);
        }
        if ((long) sampleRate * channels * enc.bytesPerSample() > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("byte rate does not fit the WAV header: " + sampleRate + " Hz x "
                    + channels + " channels x " + enc.bytesPerSample() + " bytes");
        }
        if (Files.isDirectory(path)) {
            throw new AudioFileException(path, "cannot create: is a directory");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new AudioFileException(path, "cannot create: its directory does not exist", e);
        } catch (AccessDeniedException e) {
            throw new AudioFileException(path, "cannot create: permission denied", e);
        } catch (IOException e) {
            throw new AudioFileException(path, "cannot create: " + e.getMessage(), e);
        }
        WavWriter w = new WavWriter(path, ch, sampleRate, channels, enc);
        try {
            w.writeHeader();
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return w;
    }

    /** The file being written, as given to {@link #create}. */
    public Path path() {
        return path;
    }

    /** Samples per second per channel (Hz). */
    public int sampleRate() {
        return sampleRate;
    }

    /** Channels per frame. */
    public int channels() {
        return channels;
    }

    /** The sample encoding. */
    public Encoding encoding() {
        return encoding;
    }

    /** Frames written so far (all of them are on disk and described by the header). */
    public long framesWritten() {
        return dataBytes / frameBytes;
    }

    /** Samples so far that were beyond +-1 (or NaN) and were clipped; always 0 for FLOAT32. */
    public long clippedSamples() {
        return clipped;
    }

    /**
     * Appends {@code len} interleaved samples {@code samples[off .. off + len)} (frame by frame, channel 0 first; for
     * mono one sample per frame), then updates the header's RIFF and 'data' sizes so the file is complete up to here.
     * Does not modify {@code samples}. Allocates nothing.
     *
     * @param len number of samples, a multiple of {@link #channels()}
     * @throws IndexOutOfBoundsException if {@code [off, off + len)} is not inside {@code samples}
     * @throws IllegalArgumentException if {@code len} is not a whole number of frames
     * @throws IllegalStateException if the writer is closed
     * @throws AudioFileException on an I/O error or if the file would exceed the 4 GiB RIFF limit (nothing is written
     *     then)
     */
    public void write(double[] samples, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, samples.length);
        if (closed) throw new IllegalStateException("WavWriter is closed");
        if (len % channels != 0) {
            throw new IllegalArgumentException(
                    "len must be a whole number of frames (multiple of " + channels + " channels): " + len);
        }
        if (len == 0) return;
        if (dataBytes + (long) len * bytesPerSample > MAX_DATA_BYTES) {
            throw new AudioFileException(path, "WAV size limit (4 GiB) reached; cannot append " + len + " samples");
        }
        try {
            int done = 0;
            while (done < len) {
                int n = Math.min(len - done, bufferSamples);
                encode(samples, off + done, n);
                writeFully(buffer, HEADER_BYTES + dataBytes);
                dataBytes += (long) n * bytesPerSample;
                done += n;
            }
            updateSizes(0);
        } catch (IOException e) {
            throw new AudioFileException(path, "write error: " + e.getMessage(), e);
        }
    }

    /**
     * Does nothing beyond checking the writer is open: every {@link #write} already hands its data and the updated
     * header to the operating system, so another process sees a complete file. Does not sync to the disk.
     *
     * @throws IllegalStateException if the writer is closed
     */
    public void flush() {
        if (closed) throw new IllegalStateException("WavWriter is closed");
    }

    /**
     * Finishes the file: appends the RIFF pad byte if the data size is odd, writes the final sizes, syncs the file to
     * the disk and closes it. Further calls do nothing.
     *
     * @throws AudioFileException on an I/O error (the file is closed anyway)
     */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            int pad = (int) (dataBytes & 1);
            if (pad == 1) {
                buffer.clear();
                buffer.put(0, (byte) 0);
                buffer.limit(1);
                writeFully(buffer, HEADER_BYTES + dataBytes);
            }
            updateSizes(pad);
            channel.force(true);
        } catch (IOException e) {
            throw new AudioFileException(path, "error finishing the file: " + e.getMessage(), e);
        } finally {
            channel.close();
        }
    }

    /** Encodes {@code n} samples from {@code src[from ..]} into {@link #buffer} [0, n * bytesPerSample). */
    private void encode(double[] src, int from, int n) {
        buffer.clear();
        switch (encoding) {
            case PCM16:
                for (int i = 0; i < n; i++) {
                    buffer.putShort(2 * i, (short) toInt(src[from + i], 32768.0, 32767));
                }
                break;
            case PCM24:
                for (int i = 0; i < n; i++) {
                    int v = toInt(src[from + i], 8388608.0, 8388607);
                    int b = 3 * i;
                    buffer.put(b, (byte) v);
                    buffer.put(b + 1, (byte) (v >> 8));
                    buffer.put(b + 2, (byte) (v >> 16));
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    buffer.putFloat(4 * i, (float) src[from + i]);
                }
                break;
        }
        buffer.limit(n * bytesPerSample);
    }

    /**
     * Scales {@code x} by {@code scale} and rounds to the nearest integer (ties to even), within {@code [-scale, max]};
     * counts clipping.
     */
    private int toInt(double x, double scale, int max) {
        if (x > 1.0) {
            clipped++;
            return max;
        }
        if (x < -1.0) {
            clipped++;
            return (int) -scale;
        }
        if (x != x) { // NaN
            clipped++;
            return 0;
        }
        double v = Math.rint(x * scale);
        return v > max ? max : (int) v;
    }

    private void writeHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F');
        h.putInt(36); // RIFF size: "WAVE" + fmt chunk (8 + 16) + data chunk header (8) + data (0)
        h.put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E');
        h.put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ');
        h.putInt(16);
        h.putShort((short) encoding.formatTag());
        h.putShort((short) channels);
        h.putInt(sampleRate);
        h.putInt((int) ((long) sampleRate * frameBytes)); // byte rate (unsigned)
        h.putShort((short) frameBytes); // block align
        h.putShort((short) encoding.bitsPerSample());
        h.put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a');
        h.putInt(0);
        h.flip();
        try {
            writeFully(h, 0);
        } catch (IOException e) {
            throw new AudioFileException(path, "cannot write the header: " + e.getMessage(), e);
        }
    }

    /** Rewrites the RIFF and 'data' sizes for {@link #dataBytes} (plus {@code pad} bytes in the RIFF size). */
    private void updateSizes(int pad) throws IOException {
        putSize(DATA_SIZE_OFFSET, dataBytes);
        putSize(RIFF_SIZE_OFFSET, 36 + dataBytes + pad);
    }

    private void putSize(long offset, long value) throws IOException {
        sizeField.clear();
        sizeField.putInt(0, (int) value);
        writeFully(sizeField, offset);
    }

    /** Writes {@code b}'s remaining bytes at file offset {@code pos}. */
    private void writeFully(ByteBuffer b, long pos) throws IOException {
        long start = pos - b.position();
        while (b.hasRemaining()) {
            channel.write(b, start + b.position());
        }
    }
}
