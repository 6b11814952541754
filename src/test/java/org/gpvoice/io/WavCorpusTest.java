package org.gpvoice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks against a real LJSpeech file from the shared corpus; skipped when the corpus is absent. */
class WavCorpusTest {
    private Path lj;

    @BeforeEach
    void findCorpus() {
        lj = Path.of(System.getProperty("gpvoice.data", "../shared/data"), "speech/ljspeech/LJ001-0001.wav");
        assumeTrue(Files.exists(lj), "shared corpus not found at " + lj.toAbsolutePath());
    }

    @Test
    void shouldReadLjSpeechClipLikeJavaSound() throws IOException, UnsupportedAudioFileException {
        MonoClip clip = WavReader.readAll(lj);
        assertEquals(22050, clip.sampleRate());
        assertEquals(212893, clip.samples().length);
        assertEquals("22050 Hz, 16-bit PCM, mono, 9.655 s", clip.description());
        assertEquals(List.of(), clip.warnings());

        try (AudioInputStream in = AudioSystem.getAudioInputStream(lj.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, f.getEncoding());
            assertEquals(16, f.getSampleSizeInBits());
            assertEquals(1, f.getChannels());
            assertFalse(f.isBigEndian());
            byte[] b = in.readAllBytes();
            assertEquals(2 * 212893, b.length);
            for (int i = 0; i < 212893; i++) {
                double expected = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8)) / 32768.0;
                assertEquals(expected, clip.samples()[i], 1e-12, "sample " + i);
            }
        }
    }

    @Test
    void shouldReadLjSpeechClipIn1024FrameCallsWithoutAllocating() throws IOException {
        com.sun.management.ThreadMXBean bean = WavTestFiles.threadBean();
        assumeTrue(bean.isThreadAllocatedMemorySupported(), "thread allocation counter not supported by this JVM");
        if (!bean.isThreadAllocatedMemoryEnabled()) bean.setThreadAllocatedMemoryEnabled(true);
        WavTestFiles.checkAllocationCounter(bean);
        long allocated = WavAllocationTest.bytesAllocatedReading(lj, bean);
        assertTrue(allocated < 1024, "reading LJ001-0001.wav in 1024-frame calls allocated " + allocated + " bytes");
    }
}
