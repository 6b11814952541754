package org.gpvoice.io;

import static org.gpvoice.io.WavTestFiles.chunk;
import static org.gpvoice.io.WavTestFiles.chunkWithDeclaredSize;
import static org.gpvoice.io.WavTestFiles.fmt;
import static org.gpvoice.io.WavTestFiles.fmtBody;
import static org.gpvoice.io.WavTestFiles.fmtExtensible;
import static org.gpvoice.io.WavTestFiles.le;
import static org.gpvoice.io.WavTestFiles.riff;
import static org.gpvoice.io.WavTestFiles.s16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.gpvoice.io.WavWriter.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-built files in each supported layout decode to the expected values. */
class WavReaderFormatsTest {
    @TempDir
    Path dir;

    private MonoClip readClean(String name, byte[] file) throws IOException {
        MonoClip clip = WavReader.readAll(WavTestFiles.write(dir, name, file));
        assertTrue(clip.warnings().isEmpty(), () -> "unexpected warnings " + clip.warnings());
        return clip;
    }

    @Test
    void shouldDecodeUnsigned8BitAroundMidCode128() throws IOException {
        byte[] data = {0, 64, (byte) 128, (byte) 192, (byte) 255};
        MonoClip clip = readClean("u8.wav", riff(fmt(1, 1, 8000, 8), chunk("data", data)));
        assertArrayEquals(new double[] {-1.0, -0.5, 0.0, 0.5, 127.0 / 128}, clip.samples(), 0.0);
        assertEquals("8000 Hz, 8-bit PCM, mono, 0.001 s", clip.description());
    }

    @Test
    void shouldDecode32BitIntegerDividedBy2To31() throws IOException {
        ByteBuffer b = le(16);
        b.putInt(Integer.MIN_VALUE).putInt(0).putInt(1 << 30).putInt(Integer.MAX_VALUE);
        MonoClip clip = readClean("s32.wav", riff(fmt(1, 1, 44100, 32), chunk("data", b.array())));
        assertArrayEquals(new double[] {-1.0, 0.0, 0.5, 2147483647.0 / 2147483648.0}, clip.samples(), 0.0);
    }

    @Test
    void shouldDecode64BitFloatExactly() throws IOException {
        double[] v = {0.1, -0.75, 1e-300, 1.0 / 3, -1.0, 1.5};
        ByteBuffer b = le(8 * v.length);
        for (double x : v) b.putDouble(x);
        // An 18-byte fmt chunk (with cbSize = 0), as many float writers produce.
        MonoClip clip =
                readClean("f64.wav", riff(chunk("fmt ", fmtBody(3, 1, 16000, 64, 18)), chunk("data", b.array())));
        assertArrayEquals(v, clip.samples(), 0.0);
        assertTrue(clip.description().startsWith("16000 Hz, 64-bit float, mono"), clip.description());
    }

    @Test
    void shouldDecodeSigned24BitWithSignExtension() throws IOException {
        byte[] data = {
            0,
            0,
            (byte) 0x80, // -8388608
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF, // -1
            1,
            0,
            0, // 1
            (byte) 0xFF,
            (byte) 0xFF,
            0x7F, // 8388607
        };
        MonoClip clip = readClean("s24.wav", riff(fmt(1, 1, 8000, 24), chunk("data", data)));
        assertArrayEquals(new double[] {-1.0, -1.0 / 8388608, 1.0 / 8388608, 8388607.0 / 8388608}, clip.samples(), 0.0);
    }

    @Test
    void shouldDecodeExtensiblePcm16StereoToMean() throws IOException {
        byte[] data = s16(16384, -16384, 32767, 32767, -32768, 0);
        MonoClip clip = readClean("ext16.wav", riff(fmtExtensible(1, 2, 48000, 16, 16), chunk("data", data)));
        assertArrayEquals(new double[] {0.0, 32767.0 / 32768, -0.5}, clip.samples(), 0.0);
    }

    @Test
    void shouldDecodeExtensibleFloat32() throws IOException {
        ByteBuffer b = le(12);
        b.putFloat(0.25f).putFloat(-0.125f).putFloat(0.1f);
        MonoClip clip = readClean("extf.wav", riff(fmtExtensible(3, 1, 96000, 32, 32), chunk("data", b.array())));
        assertArrayEquals(new double[] {0.25, -0.125, 0.1f}, clip.samples(), 0.0);
    }

    @Test
    void shouldDecodeExtensible24BitContainerWith20ValidBits() throws IOException {
        byte[] data = {0, 0x10, 0x40, 0, 0, (byte) 0xC0}; // 0x401000 and -0x400000
        MonoClip clip = readClean("ext24.wav", riff(fmtExtensible(1, 1, 8000, 24, 20), chunk("data", data)));
        assertArrayEquals(new double[] {0x401000 / 8388608.0, -0.5}, clip.samples(), 0.0);
    }

    @Test
    void shouldMixThreeChannelsToTheirMean() throws IOException {
        byte[] data = s16(3000, 6000, 9000, -300, 0, 0);
        MonoClip clip = readClean("three.wav", riff(fmt(1, 3, 8000, 16), chunk("data", data)));
        assertArrayEquals(new double[] {6000 / 32768.0, -100 / 32768.0}, clip.samples(), 1e-15);
        assertTrue(clip.description().contains("3 channels"), clip.description());
    }

    @Test
    void shouldSkipOddSizedUnknownChunksUsingThePadByte() throws IOException {
        // A 3-byte LIST before fmt and a 5-byte chunk between fmt and data, each followed by its pad byte.
        byte[] file = riff(
                chunk("LIST", new byte[] {'a', 'b', 'c'}),
                fmt(1, 1, 22050, 16),
                chunk("junk", new byte[] {1, 2, 3, 4, 5}),
                chunk("data", s16(1, -2, 3)),
                chunk("id3 ", new byte[] {9}));
        assertEquals(8 + 4 + (8 + 4) + (8 + 16) + (8 + 6) + (8 + 6) + (8 + 2), file.length);
        MonoClip clip = readClean("oddchunks.wav", file);
        assertArrayEquals(new double[] {1 / 32768.0, -2 / 32768.0, 3 / 32768.0}, clip.samples(), 0.0);
    }

    @Test
    void shouldFindFmtAfterDataWhenDataSizeIsExact() throws IOException {
        MonoClip clip = readClean("datafirst.wav", riff(chunk("data", s16(100, 200)), fmt(1, 1, 8000, 16)));
        assertArrayEquals(new double[] {100 / 32768.0, 200 / 32768.0}, clip.samples(), 0.0);
    }

    @Test
    void shouldClampDataSizeLargerThanFileAndWarn() throws IOException {
        byte[] file = riff(fmt(1, 1, 8000, 16), chunkWithDeclaredSize("data", 1_000_000, s16(1, 2, 3, 4), false));
        try (WavReader r = WavReader.open(WavTestFiles.write(dir, "short.wav", file))) {
            assertEquals(4, r.frames());
            assertEquals(1, r.warnings().size());
            assertTrue(r.warnings().get(0).contains("1000000"), r.warnings()::toString);
            double[] out = new double[10];
            assertEquals(4, r.readMono(out, 0, 10));
            assertArrayEquals(
                    new double[] {1 / 32768.0, 2 / 32768.0, 3 / 32768.0, 4 / 32768.0}, Arrays.copyOf(out, 4), 0.0);
        }
    }

    @Test
    void shouldReadWhatIsPresentWhenDataSizeIsZeroOrAllOnes() throws IOException {
        for (long declared : new long[] {0L, 0xFFFFFFFFL}) {
            byte[] file =
                    riff(fmt(1, 2, 8000, 16), chunkWithDeclaredSize("data", declared, s16(10, 20, 30, 40), false));
            MonoClip clip = WavReader.readAll(WavTestFiles.write(dir, "interrupted" + declared + ".wav", file));
            assertArrayEquals(new double[] {15 / 32768.0, 35 / 32768.0}, clip.samples(), 0.0);
            assertEquals(1, clip.warnings().size(), clip.warnings()::toString);
            assertTrue(clip.warnings().get(0).contains("interrupted"), clip.warnings()::toString);
        }
    }

    @Test
    void shouldDropPartialLastFrameAndWarn() throws IOException {
        byte[] file = riff(fmt(1, 2, 8000, 16), chunk("data", Arrays.copyOf(s16(10, 20, 30, 40), 6)));
        MonoClip clip = WavReader.readAll(WavTestFiles.write(dir, "partial.wav", file));
        assertArrayEquals(new double[] {15 / 32768.0}, clip.samples(), 0.0);
        assertTrue(clip.warnings().get(0).contains("partial frame"), clip.warnings()::toString);
    }

    @Test
    void shouldReportHeaderFields() throws IOException {
        byte[] file = riff(fmt(3, 2, 44100, 32), chunk("data", new byte[8 * 44100]));
        try (WavReader r = WavReader.open(WavTestFiles.write(dir, "fields.wav", file))) {
            assertEquals(44100, r.sampleRate());
            assertEquals(2, r.channels());
            assertEquals(32, r.bitsPerSample());
            assertTrue(r.isFloat());
            assertEquals(44100, r.frames());
            assertEquals("44100 Hz, 32-bit float, stereo, 1.000 s", r.describe());
            assertEquals(List.of(), r.warnings());
        }
    }

    @Test
    void shouldReadSameSamplesInSevenFrameChunksAsReadAll() throws IOException {
        Path p = dir.resolve("chunks.wav");
        int frames = 70_001; // more than one internal 64 KiB buffer
        double[] x = new double[3 * frames];
        Random rnd = new Random(77);
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian() * 0.3;
        try (WavWriter w = WavWriter.create(p, 44100, 3, Encoding.PCM24)) {
            w.write(x, 0, x.length);
        }
        double[] all = WavReader.readAll(p).samples();
        assertEquals(frames, all.length);

        double[] chunked = new double[frames + 5 + 7 + 3];
        Arrays.fill(chunked, Double.NaN);
        try (WavReader r = WavReader.open(p)) {
            int pos = 5; // write at an offset to check off is honoured
            int n;
            while ((n = r.readMono(chunked, pos, 7)) > 0) {
                assertTrue(n == 7 || pos + n == frames + 5, "short read " + n + " before the end");
                pos += n;
            }
            assertEquals(-1, n);
            assertEquals(frames + 5, pos);
            assertEquals(frames, r.position());
            assertEquals(0, r.readMono(chunked, 0, 0));
            assertEquals(-1, r.readMono(chunked, 0, 1));
        }
        assertArrayEquals(all, Arrays.copyOfRange(chunked, 5, frames + 5), 0.0);
        for (int i : new int[] {0, 1, 2, 3, 4, frames + 5, frames + 14}) {
            assertTrue(Double.isNaN(chunked[i]), "element " + i + " outside the requested range was modified");
        }
    }

    @Test
    void shouldRejectOutOfRangeArgumentsAndUseAfterClose() throws IOException {
        Path p = WavTestFiles.write(dir, "args.wav", riff(fmt(1, 1, 8000, 16), chunk("data", s16(1, 2))));
        WavReader r = WavReader.open(p);
        double[] out = new double[4];
        assertThrows(IndexOutOfBoundsException.class, () -> r.readMono(out, 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> r.readMono(out, -1, 1));
        r.close();
        r.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> r.readMono(out, 0, 1));
        assertFalse(r.warnings().iterator().hasNext());
    }
}
