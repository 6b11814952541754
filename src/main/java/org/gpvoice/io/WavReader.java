package org.gpvoice.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Streaming reader for RIFF/WAVE files, decoding to mono samples.
 *
 * <p>Reads format tag 1 (integer PCM, 8/16/24/32 bit), tag 3 (IEEE float, 32/64 bit) and tag 0xFFFE
 * (WAVE_FORMAT_EXTENSIBLE) whose subformat is one of those two; any number of channels; sample rates 1000..384000 Hz.
 * Unknown chunks are skipped (honouring the RIFF pad byte after odd-sized chunks) and the 'fmt ' chunk may be longer
 * than 16 bytes. Anything else is rejected with an {@link AudioFileException} saying what is wrong.
 *
 * <p>Damage that can be worked around is reported through {@link #warnings()} instead of failing: a 'data' chunk size
 * larger than the file (the frames actually present are read), a size of 0 or 0xFFFFFFFF left by an interrupted or
 * streaming writer (everything after the chunk header is read), a partial last frame (dropped).
 *
 * <p>{@link #readMono} mixes all channels to their mean and scales to [-1, 1): 8-bit unsigned {@code (b - 128) / 128},
 * 16-bit {@code / 32768}, 24-bit {@code / 8388608}, 32-bit integer {@code / 2147483648}; float samples are passed
 * through as stored. It allocates nothing after {@link #open}: it decodes from one preallocated direct buffer of about
 * 64 KiB.
 *
 * <p>Not thread-safe. Close it to release the file.
 */
public final class WavReader implements AutoCloseable {
    /** Lowest sample rate accepted, Hz. */
    public static final int MIN_SAMPLE_RATE = 1000;
    /** Highest sample rate accepted, Hz. */
    public static final int MAX_SAMPLE_RATE = 384000;

    private static final String SUPPORTED = "gpvoice reads PCM 8/16/24/32-bit integer and 32/64-bit float";
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final int BUFFER_BYTES = 64 * 1024;

    /** How one stored sample is decoded. */
    private enum SampleKind {
        U8,
        S16,
        S24,
        S32,
        F32,
        F64
    }

    private final Path path;
    private final FileChannel channel;
    private final int sampleRate;
    private final int channels;
    private final int bitsPerSample;
    private final int bytesPerSample;
    private final int frameBytes;
    private final boolean isFloat;
    private final SampleKind kind;
    private final long dataStart;
    private final long frames;
    private final String description;
    private final List<String> warnings;
    private final ByteBuffer buffer;
    private final int bufferFrames;

    /** Frames delivered so far by {@link #readMono}. */
    private long framePos;

    private boolean closed;

    private WavReader(Path path, FileChannel channel, Header h) {
        this.path = path;
        this.channel = channel;
        this.sampleRate = h.sampleRate;
        this.channels = h.channels;
        this.bitsPerSample = h.bitsPerSample;
        this.bytesPerSample = h.bitsPerSample / 8;
        this.frameBytes = channels * bytesPerSample;
        this.isFloat = h.isFloat;
        this.kind = kindOf(h.isFloat, h.bitsPerSample);
        this.dataStart = h.dataStart;
        this.frames = h.frames;
        this.warnings = Collections.unmodifiableList(h.warnings);
        this.bufferFrames = Math.max(1, BUFFER_BYTES / frameBytes);
        this.buffer = ByteBuffer.allocateDirect(bufferFrames * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.description = String.format(
                Locale.ROOT,
                "%d Hz, %d-bit %s, %s, %.3f s",
                sampleRate,
                bitsPerSample,
                isFloat ? "float" : "PCM",
                channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels",
                frames / (double) sampleRate);
    }

    /**
     * Opens a WAV file and parses its header; the read position is the first frame.
     *
     * @throws AudioFileException if the file is missing, is a directory, cannot be opened, or is not a WAV file this
     *     reader supports; the message names the file and the problem
     */
    public static WavReader open(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            throw new AudioFileException(path, "is a directory, not a WAV file");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new AudioFileException(path, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new AudioFileException(path, "permission denied", e);
        } catch (IOException e) {
            throw new AudioFileException(path, "cannot open: " + e.getMessage(), e);
        }
        try {
            Header h = parseHeader(path, ch);
            return new WavReader(path, ch, h);
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException && !(e instanceof AudioFileException)) {
                throw new AudioFileException(path, "read error: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Reads a whole WAV file into memory as mono.
     *
     * @throws AudioFileException as {@link #open}, or if the file has more frames than a Java array can hold
     */
    public static MonoClip readAll(Path path) throws IOException {
        try (WavReader r = open(path)) {
            if (r.frames() > Integer.MAX_VALUE - 8) {
                throw new AudioFileException(
                        path, "too long to read into memory: " + r.frames() + " frames (" + r.describe() + ")");
            }
            double[] samples = new double[(int) r.frames()];
            int filled = 0;
            while (filled < samples.length) {
                int n = r.readMono(samples, filled, samples.length - filled);
                if (n < 0) break;
                filled += n;
            }
            return new MonoClip(r.sampleRate(), samples, r.describe(), r.warnings());
        }
    }

    /** The file this reader was opened on, as given to {@link #open}. */
    public Path path() {
        return path;
    }

    /** Samples per second per channel (Hz). */
    public int sampleRate() {
        return sampleRate;
    }

    /** Channels per frame in the file (before mixing to mono). */
    public int channels() {
        return channels;
    }

    /** Stored bits per sample: 8, 16, 24 or 32 for integer PCM, 32 or 64 for float. */
    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** Whether samples are stored as IEEE float (otherwise integer PCM). */
    public boolean isFloat() {
        return isFloat;
    }

    /** Total frames in the file: the 'data' chunk size in frames, clamped to what the file really holds. */
    public long frames() {
        return frames;
    }

    /** Frames already returned by {@link #readMono}. */
    public long position() {
        return framePos;
    }

    /** The format in words, e.g. {@code "22050 Hz, 16-bit PCM, mono, 9.655 s"}. */
    public String describe() {
        return description;
    }

    /** Problems found in the header and worked around (unmodifiable; empty for a clean file). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Reads up to {@code maxFrames} frames, mixes each frame's channels to their mean, scales to [-1, 1) (see the class
     * comment) and stores the results in {@code out[off .. off + returned)}; nothing else in {@code out} is touched.
     * Advances the read position by the frames returned. Allocates nothing.
     *
     * @return frames read (fewer than {@code maxFrames} only at the end of the data), 0 if {@code maxFrames} is 0, or -1
     *     if the read position is already at the end
     * @throws IndexOutOfBoundsException if {@code [off, off + maxFrames)} is not inside {@code out}
     * @throws IllegalStateException if the reader is closed
     * @throws AudioFileException if the file shrank since it was opened, or on an I/O error
     */
    public int readMono(double[] out, int off, int maxFrames) throws IOException {
        Objects.checkFromIndexSize(off, maxFrames, out.length);
        if (closed) throw new IllegalStateException("WavReader is closed");
        if (maxFrames == 0) return 0;
        if (framePos >= frames) return -1;
        int done = 0;
        while (done < maxFrames && framePos < frames) {
            int n = (int) Math.min(Math.min(maxFrames - done, bufferFrames), frames - framePos);
            fillBuffer(dataStart + framePos * frameBytes, n * frameBytes);
            decodeMono(n, out, off + done);
            done += n;
            framePos += n;
        }
        return done;
    }

    /** Closes the file. Further calls do nothing. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        channel.close();
    }

    /** Reads exactly {@code bytes} bytes at file offset {@code filePos} into {@link #buffer} [0, bytes). */
    private void fillBuffer(long filePos, int bytes) throws IOException {
        buffer.clear();
        buffer.limit(bytes);
        try {
            while (buffer.hasRemaining()) {
                int r = channel.read(buffer, filePos + buffer.position());
                if (r < 0) {
                    throw new AudioFileException(
                            path, "truncated while reading: file ends at byte " + (filePos + buffer.position()));
                }
            }
        } catch (AudioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFileException(path, "read error: " + e.getMessage(), e);
        }
    }

    /** Mixes {@code n} frames from {@link #buffer} into {@code out[o .. o + n)}. */
    private void decodeMono(int n, double[] out, int o) {
        for (int f = 0; f < n; f++) {
            int base = f * frameBytes;
            double sum = 0.0;
            for (int c = 0; c < channels; c++) {
                sum += sample(base + c * bytesPerSample);
            }
            out[o + f] = sum / channels;
        }
    }

    /** One sample at byte index {@code i} of {@link #buffer}, scaled. */
    private double sample(int i) {
        switch (kind) {
            case U8:
                return ((buffer.get(i) & 0xFF) - 128) / 128.0;
            case S16:
                return buffer.getShort(i) / 32768.0;
            case S24:
                // The top byte keeps its sign, which sign-extends the 24-bit value.
                int v = (buffer.get(i) & 0xFF) | (buffer.get(i + 1) & 0xFF) << 8 | buffer.get(i + 2) << 16;
                return v / 8388608.0;
            case S32:
                return buffer.getInt(i) / 2147483648.0;
            case F32:
                return buffer.getFloat(i);
            default:
                return buffer.getDouble(i);
        }
    }

    private static SampleKind kindOf(boolean isFloat, int bits) {
        if (isFloat) return bits == 32 ? SampleKind.F32 : SampleKind.F64;
        switch (bits) {
            case 8:
                return SampleKind.U8;
            case 16:
                return SampleKind.S16;
            case 24:
                return SampleKind.S24;
            default:
                return SampleKind.S32;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Header parsing (allocation is fine here: it runs once per file)

    /** What the header says, after validation. */
    private static final class Header {
        int sampleRate;
        int channels;
        int bitsPerSample;
        boolean isFloat;
        long dataStart;
        long frames;
        final List<String> warnings = new ArrayList<>();
    }

    private static Header parseHeader(Path path, FileChannel ch) throws IOException {
        long fileSize = ch.size();
        if (fileSize == 0) {
            throw new AudioFileException(path, "empty file (0 bytes), not a WAV file");
        }
        ByteBuffer riff = readAt(ch, 0, 12);
        String magic = fourCc(riff, 0);
        if (!magic.equals("RIFF")) {
            throw new AudioFileException(path, notWav(riff));
        }
        if (riff.limit() < 12) {
            throw new AudioFileException(path, "truncated: header ends at byte " + fileSize);
        }
        String type = fourCc(riff, 8);
        if (!type.equals("WAVE")) {
            throw new AudioFileException(path, "not a WAV file (RIFF type '" + printable(type) + "', expected 'WAVE')");
        }

        Header h = new Header();
        ByteBuffer fmt = null;
        long fmtSize = 0;
        long dataStart = -1;
        long dataDeclared = 0;
        boolean cutMidChunk = false;
        long pos = 12;
        while (pos + 8 <= fileSize) {
            ByteBuffer hdr = readAt(ch, pos, 8);
            String id = fourCc(hdr, 0);
            long size = hdr.getInt(4) & 0xFFFFFFFFL;
            long body = pos + 8;
            if (id.equals("fmt ") && fmt == null) {
                if (size < 16) {
                    throw new AudioFileException(path, "malformed 'fmt ' chunk: " + size + " bytes, need at least 16");
                }
                int want = (int) Math.min(size, 40);
                if (body + want > fileSize) {
                    throw new AudioFileException(path, "truncated: header ends at byte " + fileSize);
                }
                fmt = readAt(ch, body, want);
                fmtSize = size;
            } else if (id.equals("data")) {
                dataStart = body;
                dataDeclared = size;
                // The usual layout has 'fmt ' first; stop here, since the data size may be a placeholder.
                if (fmt != null) break;
                boolean sizeUsable = size != 0 && size != 0xFFFFFFFFL && body + size <= fileSize;
                if (!sizeUsable) break;
            }
            long next = body + size + (size & 1);
            if (next > fileSize) {
                // The chunk runs past the end of the file: nothing more can follow it.
                cutMidChunk = !id.equals("data");
                pos = fileSize;
                break;
            }
            pos = next;
        }
        boolean cutInChunkHeader = pos < fileSize && pos + 8 > fileSize;

        if (fmt == null) {
            if (cutInChunkHeader || (cutMidChunk && dataStart < 0)) {
                throw new AudioFileException(path, "truncated: header ends at byte " + fileSize);
            }
            throw new AudioFileException(path, "no 'fmt ' chunk (format description missing)");
        }
        parseFmt(path, fmt, fmtSize, h);
        if (dataStart < 0) {
            if (cutInChunkHeader || cutMidChunk) {
                throw new AudioFileException(
                        path, "truncated: header ends at byte " + fileSize + " before the 'data' chunk");
            }
            throw new AudioFileException(path, "no 'data' chunk (no audio in the file)");
        }

        long frameBytes = (long) h.channels * (h.bitsPerSample / 8);
        long available = fileSize - dataStart;
        long used;
        if (dataDeclared == 0 || dataDeclared == 0xFFFFFFFFL) {
            used = available;
            if (available > 0) {
                h.warnings.add(String.format(
                        Locale.ROOT,
                        "data chunk size is %s (left by an interrupted or streaming writer); reading the %d bytes"
                                + " present in the file",
                        dataDeclared == 0 ? "0" : "0xFFFFFFFF",
                        available));
            }
        } else if (dataDeclared > available) {
            used = available;
            h.warnings.add("data chunk declares " + dataDeclared + " bytes but the file holds only " + available
                    + " after the chunk header (truncated file?); reading the " + available + " bytes present");
        } else {
            used = dataDeclared;
        }
        long partial = used % frameBytes;
        if (partial != 0) {
            h.warnings.add("data ends with a partial frame; ignoring its last " + partial + " bytes");
        }
        h.dataStart = dataStart;
        h.frames = used / frameBytes;
        return h;
    }

    private static void parseFmt(Path path, ByteBuffer fmt, long fmtSize, Header h) throws AudioFileException {
        int tag = fmt.getShort(0) & 0xFFFF;
        int channels = fmt.getShort(2) & 0xFFFF;
        long sampleRate = fmt.getInt(4) & 0xFFFFFFFFL;
        long byteRate = fmt.getInt(8) & 0xFFFFFFFFL;
        int blockAlign = fmt.getShort(12) & 0xFFFF;
        int bits = fmt.getShort(14) & 0xFFFF;

        int effectiveTag = tag;
        String tagText = "format tag " + tag + " (" + formatName(tag) + ")";
        if (tag == FORMAT_EXTENSIBLE) {
            if (fmtSize < 40) {
                throw new AudioFileException(
                        path, "malformed WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk: " + fmtSize + " bytes, need at least 40");
            }
            // The subformat GUID starts at byte 24; its first two bytes are the plain format tag.
            effectiveTag = fmt.getShort(24) & 0xFFFF;
            tagText = "WAVE_FORMAT_EXTENSIBLE with subformat " + effectiveTag + " (" + formatName(effectiveTag) + ")";
        }
        if (effectiveTag != FORMAT_PCM && effectiveTag != FORMAT_FLOAT) {
            throw new AudioFileException(path, "unsupported WAV encoding: " + tagText + "; " + SUPPORTED);
        }
        boolean isFloat = effectiveTag == FORMAT_FLOAT;
        boolean bitsOk = isFloat ? (bits == 32 || bits == 64) : (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        if (!bitsOk) {
            throw new AudioFileException(
                    path,
                    "unsupported WAV encoding: " + bits + "-bit " + (isFloat ? "float" : "PCM") + "; " + SUPPORTED);
        }
        if (channels == 0) {
            throw new AudioFileException(path, "0 channels");
        }
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            throw new AudioFileException(
                    path,
                    "unsupported sample rate " + sampleRate + " Hz (gpvoice reads " + MIN_SAMPLE_RATE + ".."
                            + MAX_SAMPLE_RATE + " Hz)");
        }
        int frameBytes = channels * (bits / 8);
        if (blockAlign != frameBytes) {
            h.warnings.add("fmt block align is " + blockAlign + " bytes but " + channels + " channel(s) of " + bits
                    + "-bit samples take " + frameBytes + "; using " + frameBytes);
        }
        if (byteRate != sampleRate * frameBytes) {
            h.warnings.add(
                    "fmt byte rate is " + byteRate + " but should be " + (sampleRate * frameBytes) + "; ignoring it");
        }
        h.sampleRate = (int) sampleRate;
        h.channels = channels;
        h.bitsPerSample = bits;
        h.isFloat = isFloat;
    }

    /** Reads up to {@code n} bytes at {@code pos}; the result's limit is the number of bytes actually read. */
    private static ByteBuffer readAt(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) break;
        }
        b.flip();
        return b;
    }

    /** The four bytes at {@code i} as ISO-8859-1 text (shorter if the buffer ends earlier). */
    private static String fourCc(ByteBuffer b, int i) {
        int n = Math.max(0, Math.min(4, b.limit() - i));
        byte[] id = new byte[n];
        for (int k = 0; k < n; k++) id[k] = b.get(i + k);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        return sb.toString();
    }

    /** Explains a file that does not start with "RIFF", naming a few common formats. */
    private static String notWav(ByteBuffer start) {
        String magic = fourCc(start, 0);
        String hint;
        if (magic.equals("RIFX")) {
            return "big-endian RIFX WAV files are not supported";
        } else if (magic.equals("RF64") || magic.equals("BW64")) {
            return "64-bit " + magic + " WAV files are not supported";
        } else if (magic.equals("FORM")) {
            hint = "; looks like AIFF";
        } else if (magic.equals("fLaC")) {
            hint = "; looks like FLAC";
        } else if (magic.equals("OggS")) {
            hint = "; looks like Ogg";
        } else if (magic.startsWith("ID3")) {
            hint = "; looks like MP3";
        } else {
            hint = "";
        }
        return "not a WAV file (no RIFF/WAVE header" + hint + ")";
    }

    private static String formatName(int tag) {
        switch (tag) {
            case 0x0001:
                return "PCM";
            case 0x0002:
                return "ADPCM";
            case 0x0003:
                return "IEEE float";
            case 0x0006:
                return "A-law";
            case 0x0007:
                return "mu-law";
            case 0x0011:
                return "IMA ADPCM";
            case 0x0031:
                return "GSM 6.10";
            case 0x0050:
                return "MPEG";
            case 0x0055:
                return "MPEG Layer 3";
            case 0xFFFE:
                return "WAVE_FORMAT_EXTENSIBLE";
            default:
                return "unknown";
        }
    }
}
