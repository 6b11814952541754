package org.gpvoice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.gpvoice.io.WavWriter.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {
    @TempDir
    Path dir;

    /** A deterministic test signal, exactly representable in 16 bits. */
    static double ramp(int i) {
        return ((i * 37) % 65536 - 32768) / 32768.0;
    }

    private static double[] ramp(int from, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = ramp(from + i);
        return x;
    }

    /** The RIFF size (bytes 4..8) and 'data' size (bytes 40..44) on disk, unsigned. */
    private static long[] headerSizes(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        return new long[] {b.getInt(4) & 0xFFFFFFFFL, b.getInt(40) & 0xFFFFFFFFL};
    }

    @Test
    void shouldLeaveReadableWavWithAllFramesWhenAbandonedWithoutClose() throws Exception {
        Path p = dir.resolve("abandoned.wav");
        WavWriter w = WavWriter.create(p, 22050, 1, Encoding.PCM16);
        try {
            int[] blocks = {1, 999, 3000, 17, 5983};
            int done = 0;
            for (int n : blocks) {
                w.write(ramp(done, n), 0, n);
                done += n;
            }
            assertEquals(10000, done);
            w.flush();
            assertEquals(10000, w.framesWritten());

            try (WavReader r = WavReader.open(p)) {
                assertEquals(10000, r.frames());
                assertEquals(List.of(), r.warnings());
                double[] got = new double[10000];
                assertEquals(10000, r.readMono(got, 0, 10000));
                assertArrayEquals(ramp(0, 10000), got, 0.0);
            }
            assertEquals(44 + 20000, Files.size(p));
            assertArrayEquals(new long[] {36 + 20000, 20000}, headerSizes(p));
            // Java Sound, as an independent reader, agrees.
            try (AudioInputStream in = AudioSystem.getAudioInputStream(p.toFile())) {
                assertEquals(10000, in.getFrameLength());
            }
        } finally {
            w.close();
        }
    }

    @Test
    void shouldLeaveReadableWavWhenProcessIsHaltedWithoutClose() throws Exception {
        Path p = dir.resolve("halted.wav");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = String.join(
                File.pathSeparator,
                Path.of(WavWriter.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString(),
                Path.of(WavWriterHaltHelper.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
        Process proc = new ProcessBuilder(
                        java, "-cp", classpath, WavWriterHaltHelper.class.getName(), p.toString(), "12345")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, proc.exitValue(), () -> "child failed: " + readQuietly(dir.resolve("child.log")));

        MonoClip clip = WavReader.readAll(p);
        assertEquals(List.of(), clip.warnings());
        assertEquals(16000, clip.sampleRate());
        assertArrayEquals(ramp(0, 12345), clip.samples(), 0.0);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Test
    void shouldUpdateHeaderSizesAfterEveryWrite() throws IOException {
        Path p = dir.resolve("grow.wav");
        try (WavWriter w = WavWriter.create(p, 48000, 2, Encoding.PCM24)) {
            assertArrayEquals(new long[] {36, 0}, headerSizes(p));
            long frames = 0;
            for (int n : new int[] {1, 2, 5, 1000, 30000}) {
                w.write(new double[2 * n], 0, 2 * n);
                frames += n;
                long data = frames * 6;
                assertArrayEquals(new long[] {36 + data, data}, headerSizes(p), "after " + frames + " frames");
                assertEquals(44 + data, Files.size(p));
                try (WavReader r = WavReader.open(p)) {
                    assertEquals(frames, r.frames());
                    assertEquals(List.of(), r.warnings());
                }
            }
        }
    }

    @Test
    void shouldCountAndClipSamplesBeyondPlusMinusOne() throws IOException {
        double[] x = {1.5, -2.0, 0.5, 1.0, -1.0, 1.0000001, -1e9, Double.NaN, Double.POSITIVE_INFINITY};
        Path p = dir.resolve("clip.wav");
        try (WavWriter w = WavWriter.create(p, 8000, 1, Encoding.PCM16)) {
            w.write(x, 0, 3);
            assertEquals(2, w.clippedSamples());
            w.write(x, 3, x.length - 3);
            assertEquals(6, w.clippedSamples(), "1.5, -2, 1.0000001, -1e9, NaN and +inf clip; +-1.0 do not");
        }
        double top = 32767.0 / 32768;
        assertArrayEquals(
                new double[] {top, -1.0, 0.5, top, -1.0, top, -1.0, 0.0, top},
                WavReader.readAll(p).samples(),
                0.0);
    }

    @Test
    void shouldClipPcm24AtFullScale() throws IOException {
        Path p = dir.resolve("clip24.wav");
        try (WavWriter w = WavWriter.create(p, 8000, 1, Encoding.PCM24)) {
            w.write(new double[] {3.0, -3.0, 0.25}, 0, 3);
            assertEquals(2, w.clippedSamples());
        }
        assertArrayEquals(
                new double[] {8388607.0 / 8388608, -1.0, 0.25},
                WavReader.readAll(p).samples(),
                0.0);
    }

    @Test
    void shouldNotClipFloat32() throws IOException {
        Path p = dir.resolve("loud.wav");
        try (WavWriter w = WavWriter.create(p, 8000, 1, Encoding.FLOAT32)) {
            w.write(new double[] {1.5, -4.0}, 0, 2);
            assertEquals(0, w.clippedSamples());
        }
        assertArrayEquals(new double[] {1.5, -4.0}, WavReader.readAll(p).samples(), 0.0);
    }

    @Test
    void shouldCloseIdempotentlyAndRefuseWritesAfterClose() throws IOException {
        Path p = dir.resolve("closed.wav");
        WavWriter w = WavWriter.create(p, 8000, 1, Encoding.PCM16);
        w.write(new double[] {0.5}, 0, 1);
        w.close();
        long size = Files.size(p);
        w.close();
        assertEquals(size, Files.size(p));
        assertThrows(IllegalStateException.class, () -> w.write(new double[1], 0, 1));
        assertThrows(IllegalStateException.class, w::flush);
        assertEquals(1, w.framesWritten());
    }

    @Test
    void shouldRejectBadArguments() throws IOException {
        Path p = dir.resolve("args.wav");
        assertThrows(IllegalArgumentException.class, () -> WavWriter.create(p, 999, 1, Encoding.PCM16));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.create(p, 384001, 1, Encoding.PCM16));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.create(p, 8000, 0, Encoding.PCM16));
        try (WavWriter w = WavWriter.create(p, 8000, 2, Encoding.PCM16)) {
            assertThrows(IllegalArgumentException.class, () -> w.write(new double[3], 0, 3), "half a frame");
            assertThrows(IndexOutOfBoundsException.class, () -> w.write(new double[4], 2, 4));
            assertEquals(0, w.framesWritten());
        }
        AudioFileException e = assertThrows(
                AudioFileException.class,
                () -> WavWriter.create(dir.resolve("missing-dir").resolve("y.wav"), 8000, 1, Encoding.PCM16));
        assertTrue(e.getMessage().contains("y.wav") && e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrows(AudioFileException.class, () -> WavWriter.create(dir, 8000, 1, Encoding.PCM16));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void shouldReadJavaSoundCompatibleFileAfterClose() throws IOException, UnsupportedAudioFileException {
        Path p = dir.resolve("closed-js.wav");
        try (WavWriter w = WavWriter.create(p, 16000, 2, Encoding.PCM16)) {
            w.write(ramp(0, 2000), 0, 2000);
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(p.toFile())) {
            assertEquals(1000, in.getFrameLength());
            assertEquals(2, in.getFormat().getChannels());
        }
    }
}
