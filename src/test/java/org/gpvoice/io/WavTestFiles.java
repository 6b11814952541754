package org.gpvoice.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds WAV files byte by byte for the tests, independent of {@link WavWriter}. */
final class WavTestFiles {
    private WavTestFiles() {}

    /** A little-endian buffer of {@code n} bytes. */
    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A chunk: id, 32-bit size, body, and a zero pad byte if the body length is odd. */
    static byte[] chunk(String id, byte[] body) {
        return chunkWithDeclaredSize(id, body.length & 0xFFFFFFFFL, body, body.length % 2 == 1);
    }

    /** A chunk whose size field says {@code declared} whatever the body length; {@code pad} appends a zero byte. */
    static byte[] chunkWithDeclaredSize(String id, long declared, byte[] body, boolean pad) {
        ByteBuffer b = le(8 + body.length + (pad ? 1 : 0));
        b.put(id.getBytes(StandardCharsets.US_ASCII));
        b.putInt((int) declared);
        b.put(body);
        return b.array();
    }

    /** A 16-byte 'fmt ' chunk. */
    static byte[] fmt(int tag, int channels, int rate, int bits) {
        return chunk("fmt ", fmtBody(tag, channels, rate, bits, 16));
    }

    /** The first 16 bytes of a 'fmt ' body, zero-padded to {@code size} bytes. */
    static byte[] fmtBody(int tag, int channels, int rate, int bits, int size) {
        int frameBytes = channels * bits / 8;
        ByteBuffer b = le(size);
        b.putShort((short) tag);
        b.putShort((short) channels);
        b.putInt(rate);
        b.putInt(rate * frameBytes);
        b.putShort((short) frameBytes);
        b.putShort((short) bits);
        return b.array();
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk whose subformat GUID starts with {@code subTag}. */
    static byte[] fmtExtensible(int subTag, int channels, int rate, int bits, int validBits) {
        ByteBuffer b =
                ByteBuffer.wrap(fmtBody(0xFFFE, channels, rate, bits, 40)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(16);
        b.putShort((short) 22); // cbSize
        b.putShort((short) validBits);
        b.putInt(channels == 2 ? 0x3 : 0x4); // channel mask
        // KSDATAFORMAT_SUBTYPE_xxx = {0000xxxx-0000-0010-8000-00aa00389b71}
        b.putShort((short) subTag);
        b.put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", b.array());
    }

    /** "RIFF" size "WAVE" followed by the chunks, with the RIFF size set to match. */
    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : chunks) out.writeBytes(c);
        byte[] body = out.toByteArray();
        ByteBuffer b = le(12 + body.length);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        b.putInt(4 + body.length);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put(body);
        return b.array();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** 16-bit little-endian samples. */
    static byte[] s16(int... v) {
        ByteBuffer b = le(2 * v.length);
        for (int x : v) b.putShort((short) x);
        return b.array();
    }

    /** Bytes allocated on the Java heap by the current thread so far. */
    static long allocatedBytes(com.sun.management.ThreadMXBean bean) {
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Written to so the JIT cannot drop the probe allocation in {@link #checkAllocationCounter}. */
    static volatile Object sink;

    /** Fails unless the counter sees a known 64 KiB allocation, so a broken counter cannot pass a test vacuously. */
    static void checkAllocationCounter(com.sun.management.ThreadMXBean bean) {
        long before = allocatedBytes(bean);
        sink = new byte[64 * 1024];
        long seen = allocatedBytes(bean) - before;
        sink = null;
        if (seen < 64 * 1024) {
            throw new AssertionError("thread allocation counter saw only " + seen + " bytes of a 64 KiB array");
        }
    }

    static com.sun.management.ThreadMXBean threadBean() {
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }
}
