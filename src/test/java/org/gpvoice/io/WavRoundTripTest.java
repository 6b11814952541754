package org.gpvoice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.gpvoice.io.WavWriter.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WavRoundTripTest {
    @TempDir
    Path dir;

    /**
     * 0.1 s plus one frame (an odd count, so 24-bit mono needs the RIFF pad byte) of seeded noise in [-1, 1 - 1 LSB],
     * including the extremes and zero.
     */
    private static double[] testSignal(int rate, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[rate / 10 + 1];
        double top = 32767.0 / 32768.0;
        for (int i = 0; i < x.length; i++) {
            x[i] = -1.0 + rnd.nextDouble() * (1.0 + top);
        }
        x[0] = -1.0;
        x[1] = top;
        x[2] = 0.0;
        x[3] = 1e-9;
        return x;
    }

    private MonoClip roundTrip(String name, int rate, Encoding enc, double[] x) throws IOException {
        Path p = dir.resolve(name);
        try (WavWriter w = WavWriter.create(p, rate, 1, enc)) {
            w.write(x, 0, x.length);
            assertEquals(x.length, w.framesWritten());
            assertEquals(0, w.clippedSamples());
        }
        MonoClip clip = WavReader.readAll(p);
        assertEquals(rate, clip.sampleRate());
        assertEquals(x.length, clip.samples().length);
        assertTrue(clip.warnings().isEmpty(), () -> "unexpected warnings " + clip.warnings());
        return clip;
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 22050, 48000, 96000})
    void shouldRoundTripPcm16WithinHalfLsb(int rate) throws IOException {
        double[] x = testSignal(rate, 16L * rate);
        MonoClip clip = roundTrip("pcm16.wav", rate, Encoding.PCM16, x);
        double bound = 0.5 / 32768 + 1e-12;
        for (int i = 0; i < x.length; i++) {
            double y = clip.samples()[i];
            assertTrue(Math.abs(y - x[i]) <= bound, "sample " + i + ": wrote " + x[i] + ", read " + y);
            assertEquals(y * 32768.0, Math.rint(y * 32768.0), "sample " + i + " is not on the 16-bit grid");
        }
        assertTrue(clip.description().startsWith(rate + " Hz, 16-bit PCM, mono, "), clip.description());
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 22050, 48000, 96000})
    void shouldRoundTripPcm24WithinHalfLsb(int rate) throws IOException {
        double[] x = testSignal(rate, 24L * rate);
        MonoClip clip = roundTrip("pcm24.wav", rate, Encoding.PCM24, x);
        double bound = 0.5 / 8388608 + 1e-12;
        for (int i = 0; i < x.length; i++) {
            double y = clip.samples()[i];
            assertTrue(Math.abs(y - x[i]) <= bound, "sample " + i + ": wrote " + x[i] + ", read " + y);
        }
        assertTrue(clip.description().startsWith(rate + " Hz, 24-bit PCM, mono, "), clip.description());
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 22050, 48000, 96000})
    void shouldRoundTripFloat32ExactlyToFloatPrecision(int rate) throws IOException {
        double[] x = testSignal(rate, 32L * rate);
        MonoClip clip = roundTrip("float32.wav", rate, Encoding.FLOAT32, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals((double) (float) x[i], clip.samples()[i], 0.0, "sample " + i);
        }
        assertTrue(clip.description().startsWith(rate + " Hz, 32-bit float, mono, "), clip.description());
    }

    @Test
    void shouldMixStereoToMeanOfChannels() throws IOException {
        Path p = dir.resolve("stereo.wav");
        int frames = 4801;
        double[] interleaved = new double[2 * frames];
        Random rnd = new Random(2);
        for (int i = 0; i < interleaved.length; i++) interleaved[i] = (float) (rnd.nextDouble() * 1.8 - 0.9);
        try (WavWriter w = WavWriter.create(p, 48000, 2, Encoding.FLOAT32)) {
            w.write(interleaved, 0, interleaved.length);
            assertEquals(frames, w.framesWritten());
        }
        try (WavReader r = WavReader.open(p)) {
            assertEquals(2, r.channels());
            assertEquals(frames, r.frames());
            assertEquals("48000 Hz, 32-bit float, stereo, 0.100 s", r.describe());
        }
        double[] mono = WavReader.readAll(p).samples();
        for (int f = 0; f < frames; f++) {
            double mean = (interleaved[2 * f] + interleaved[2 * f + 1]) / 2;
            assertEquals(mean, mono[f], 0.0, "frame " + f);
        }
    }

    @Test
    void shouldWritePcm16ThatJavaSoundReadsIdentically() throws IOException, UnsupportedAudioFileException {
        double[] x = testSignal(22050, 7);
        Path p = dir.resolve("javasound.wav");
        try (WavWriter w = WavWriter.create(p, 22050, 1, Encoding.PCM16)) {
            w.write(x, 0, x.length);
        }
        double[] ours = WavReader.readAll(p).samples();
        try (AudioInputStream in = AudioSystem.getAudioInputStream(p.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(22050f, f.getSampleRate());
            assertEquals(16, f.getSampleSizeInBits());
            assertEquals(1, f.getChannels());
            assertFalse(f.isBigEndian());
            assertEquals(x.length, in.getFrameLength());
            byte[] b = in.readAllBytes();
            assertEquals(2 * x.length, b.length);
            for (int i = 0; i < x.length; i++) {
                short s = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8));
                assertEquals(s / 32768.0, ours[i], 0.0, "sample " + i);
            }
        }
    }

    @Test
    void shouldPadOddSizedDataOnCloseAndStillReadAllFrames() throws IOException {
        Path p = dir.resolve("odd.wav");
        double[] x = {0.25, -0.5, 0.75};
        try (WavWriter w = WavWriter.create(p, 8000, 1, Encoding.PCM24)) {
            w.write(x, 0, 3);
            assertEquals(44 + 9, Files.size(p), "no pad byte before close");
        }
        assertEquals(44 + 9 + 1, Files.size(p), "pad byte after close");
        byte[] header = Files.readAllBytes(p);
        assertEquals(46, WavTestFiles.le(4).put(header, 4, 4).getInt(0), "RIFF size includes the pad byte");
        assertEquals(9, WavTestFiles.le(4).put(header, 40, 4).getInt(0), "data size excludes the pad byte");
        MonoClip clip = WavReader.readAll(p);
        assertTrue(clip.warnings().isEmpty(), clip.warnings()::toString);
        assertEquals(3, clip.samples().length);
        for (int i = 0; i < 3; i++) assertEquals(x[i], clip.samples()[i], 0.0);
    }
}
