package org.gpvoice.io;

import static org.gpvoice.io.WavTestFiles.chunk;
import static org.gpvoice.io.WavTestFiles.fmt;
import static org.gpvoice.io.WavTestFiles.fmtExtensible;
import static org.gpvoice.io.WavTestFiles.riff;
import static org.gpvoice.io.WavTestFiles.s16;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken input fails with an {@link AudioFileException} naming the file and the cause. */
class WavCorruptInputTest {
    @TempDir
    Path dir;

    private static final byte[] GOOD = riff(fmt(1, 1, 8000, 16), chunk("data", s16(1, 2, 3, 4)));

    /** Writes {@code bytes} to {@code name}, expects both open and readAll to fail, and returns the message. */
    private String failure(String name, byte[] bytes, String expectedCause) throws IOException {
        Path p = WavTestFiles.write(dir, name, bytes);
        return expectFailure(p, expectedCause);
    }

    private static String expectFailure(Path p, String expectedCause) {
        AudioFileException e =
                assertThrows(AudioFileException.class, () -> WavReader.open(p).close());
        String msg = e.getMessage();
        assertTrue(msg.startsWith(p + ": "), "message should start with the file: " + msg);
        assertTrue(msg.contains(p.getFileName().toString()), msg);
        assertTrue(msg.contains(expectedCause), "message should contain '" + expectedCause + "': " + msg);
        assertEquals(p, e.file());
        AudioFileException again = assertThrows(AudioFileException.class, () -> WavReader.readAll(p));
        assertEquals(msg, again.getMessage());
        return msg;
    }

    @Test
    void shouldRejectEmptyFile() throws IOException {
        failure("empty.wav", new byte[0], "empty file");
    }

    @Test
    void shouldRejectRandomBytesAsNotWav() throws IOException {
        byte[] junk = new byte[4096];
        new Random(1234).nextBytes(junk);
        junk[0] = 0x13; // make sure it cannot start with "RIFF"
        failure("random.wav", junk, "not a WAV file (no RIFF/WAVE header)");
    }

    @Test
    void shouldRejectTextFileAsNotWav() throws IOException {
        byte[] text =
                "This is a text file somebody renamed to .wav\nIt has two lines.\n".getBytes(StandardCharsets.UTF_8);
        failure("notes.wav", text, "not a WAV file");
    }

    @Test
    void shouldRejectRiffOfAnotherTypeAsNotWav() throws IOException {
        byte[] avi = GOOD.clone();
        System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);
        failure("movie.wav", avi, "not a WAV file (RIFF type 'AVI '");
    }

    @Test
    void shouldRejectHeaderCutAtByte20AsTruncated() throws IOException {
        failure("cut20.wav", Arrays.copyOf(GOOD, 20), "truncated: header ends at byte 20");
    }

    @Test
    void shouldRejectHeaderCutInsideRiffHeaderAsTruncated() throws IOException {
        failure("cut10.wav", Arrays.copyOf(GOOD, 10), "truncated: header ends at byte 10");
    }

    @Test
    void shouldRejectAdpcmFormatTag() throws IOException {
        String msg = failure(
                "adpcm.wav",
                riff(fmt(2, 1, 8000, 4), chunk("data", new byte[100])),
                "unsupported WAV encoding: format tag 2 (ADPCM)");
        assertTrue(msg.contains("gpvoice reads PCM 8/16/24/32-bit integer and 32/64-bit float"), msg);
    }

    @Test
    void shouldRejectExtensibleWithAdpcmSubformat() throws IOException {
        failure(
                "extadpcm.wav",
                riff(fmtExtensible(2, 1, 8000, 16, 16), chunk("data", new byte[100])),
                "unsupported WAV encoding: WAVE_FORMAT_EXTENSIBLE with subformat 2 (ADPCM)");
    }

    @Test
    void shouldRejectUnsupportedBitDepths() throws IOException {
        failure("pcm12.wav", riff(fmt(1, 1, 8000, 12), chunk("data", new byte[100])), "unsupported WAV encoding");
        failure("float16.wav", riff(fmt(3, 1, 8000, 16), chunk("data", new byte[100])), "16-bit float");
    }

    @Test
    void shouldRejectMissingFmtChunk() throws IOException {
        failure("nofmt.wav", riff(chunk("LIST", new byte[10]), chunk("data", s16(1, 2))), "no 'fmt ' chunk");
    }

    @Test
    void shouldRejectMissingDataChunk() throws IOException {
        failure("nodata.wav", riff(fmt(1, 1, 8000, 16), chunk("LIST", new byte[10])), "no 'data' chunk");
    }

    @Test
    void shouldRejectZeroChannels() throws IOException {
        failure("nochannels.wav", riff(fmt(1, 0, 8000, 16), chunk("data", s16(1, 2))), "0 channels");
    }

    @Test
    void shouldRejectSampleRatesOutside1000To384000() throws IOException {
        failure("slow.wav", riff(fmt(1, 1, 999, 16), chunk("data", s16(1, 2))), "unsupported sample rate 999 Hz");
        failure("fast.wav", riff(fmt(1, 1, 384001, 16), chunk("data", s16(1, 2))), "unsupported sample rate 384001");
    }

    @Test
    void shouldRejectMissingFile() {
        expectFailure(dir.resolve("x.wav"), "no such file");
    }

    @Test
    void shouldRejectDirectory() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("folder.wav"));
        expectFailure(sub, "is a directory");
    }
}
