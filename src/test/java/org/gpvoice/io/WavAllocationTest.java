package org.gpvoice.io;

import static org.gpvoice.io.WavTestFiles.chunk;
import static org.gpvoice.io.WavTestFiles.fmt;
import static org.gpvoice.io.WavTestFiles.riff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.gpvoice.io.WavWriter.Encoding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link WavReader#readMono} and {@link WavWriter#write} allocate nothing after open/create. */
class WavAllocationTest {
    /** Allowance for one-off objects the JDK's FileChannel creates on its first blocking I/O call. */
    static final long LIMIT_BYTES = 1024;

    @TempDir
    Path dir;

    private final com.sun.management.ThreadMXBean bean = WavTestFiles.threadBean();

    @BeforeEach
    void needAllocationCounter() {
        assumeTrue(bean.isThreadAllocatedMemorySupported(), "thread allocation counter not supported by this JVM");
        if (!bean.isThreadAllocatedMemoryEnabled()) bean.setThreadAllocatedMemoryEnabled(true);
        WavTestFiles.checkAllocationCounter(bean);
    }

    /** Reads the whole file in calls of {@code block} frames; returns the frames read. */
    static long readThrough(WavReader r, double[] out, int block) throws IOException {
        long total = 0;
        int n;
        while ((n = r.readMono(out, 0, block)) > 0) total += n;
        return total;
    }

    /** Warms up on one reader, then returns the bytes allocated while reading a second one through. */
    static long bytesAllocatedReading(Path p, com.sun.management.ThreadMXBean bean) throws IOException {
        double[] out = new double[1024];
        long frames;
        try (WavReader warm = WavReader.open(p)) {
            frames = readThrough(warm, out, 1024);
        }
        try (WavReader r = WavReader.open(p)) {
            long before = WavTestFiles.allocatedBytes(bean);
            long read = readThrough(r, out, 1024);
            long allocated = WavTestFiles.allocatedBytes(bean) - before;
            assertEquals(frames, read);
            return allocated;
        }
    }

    @ParameterizedTest(name = "{0}-bit float={1}, {2} channels")
    @CsvSource({"8,false,1", "16,false,1", "16,false,2", "24,false,1", "32,false,3", "32,true,1", "64,true,2"})
    void shouldNotAllocateInReadMonoAfterOpen(int bits, boolean isFloat, int channels) throws IOException {
        byte[] data = new byte[channels * bits / 8 * 100_000];
        new Random(bits).nextBytes(data);
        if (isFloat) data = new byte[data.length]; // zeros: valid floats
        Path p = WavTestFiles.write(
                dir, "alloc.wav", riff(fmt(isFloat ? 3 : 1, channels, 48000, bits), chunk("data", data)));
        long allocated = bytesAllocatedReading(p, bean);
        assertTrue(allocated < LIMIT_BYTES, "readMono allocated " + allocated + " bytes over 100000 frames");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void shouldNotAllocateInWriteAfterCreate(Encoding enc) throws IOException {
        double[] block = new double[2 * 1024];
        Random rnd = new Random(5);
        for (int i = 0; i < block.length; i++) block[i] = rnd.nextDouble() * 2.4 - 1.2; // some clip
        try (WavWriter w = WavWriter.create(dir.resolve("alloc-" + enc + ".wav"), 48000, 2, enc)) {
            for (int i = 0; i < 50; i++) w.write(block, 0, block.length); // warm-up
            long before = WavTestFiles.allocatedBytes(bean);
            for (int i = 0; i < 200; i++) w.write(block, 0, block.length);
            w.flush();
            long allocated = WavTestFiles.allocatedBytes(bean) - before;
            assertTrue(allocated < LIMIT_BYTES, "200 writes allocated " + allocated + " bytes");
            assertEquals(250 * 1024, w.framesWritten());
        }
    }
}
