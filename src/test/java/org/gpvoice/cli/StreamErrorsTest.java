package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gpvoice.TestAudio;
import org.gpvoice.audio.VirtualAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** live and play: a clear message and the right exit code for each kind of bad input, and no stack trace. */
class StreamErrorsTest {
    @TempDir
    Path dir;

    private static void assertClean(CliRun r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace:\n" + r.err());
    }

    @Test
    void playShouldRejectAMissingFileWithExitTwo() {
        CliRun r = CliRun.of("play", dir.resolve("nonesuch.wav").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("nonesuch.wav"), r.err());
        assertClean(r);
    }

    @Test
    void playShouldRejectACorruptFileWithExitTwo() throws Exception {
        Path bad = dir.resolve("bad.wav");
        Files.write(bad, "RIFF....WAVEjunk".getBytes());
        CliRun r = CliRun.of("play", bad.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().startsWith("gpvoice play: "), r.err());
        assertClean(r);
    }

    @Test
    void shouldRejectOptionsOutOfRangeWithExitTwo() {
        CliRun live = CliRun.of("live", "--buffer-ms", "0");
        assertEquals(ExitCodes.USAGE, live.code());
        assertTrue(live.err().contains("--buffer-ms must be 1 to 2000"), live.err());
        CliRun play = CliRun.of("play", TestAudio.example("LJ001-0002.wav").toString(), "--sample-rate", "100");
        assertEquals(ExitCodes.USAGE, play.code());
        assertTrue(play.err().contains("--sample-rate must be 8000 to 192000"), play.err());
        CliRun preset = CliRun.of("live", "--preset", "nonesuch");
        assertEquals(ExitCodes.USAGE, preset.code());
        assertTrue(preset.err().contains("nonesuch"), preset.err());
    }

    @Test
    void shouldNameTheDevicesWhenTheOneAskedForDoesNotExist() {
        VirtualAudio.assumeAvailable();
        CliRun r = CliRun.of("live", "--output-device", "nonesuch", "--duration", "1");
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains("nonesuch") && r.err().contains("default"), r.err());
        assertClean(r);
    }

    @Test
    void playShouldSayWhenTheRecordingCannotBeWritten() {
        VirtualAudio.assumeAvailable();
        Path nowhere = dir.resolve("no-such-dir").resolve("rec.wav");
        CliRun r = CliRun.of("play", TestAudio.example("LJ001-0002.wav").toString(), "--record", nowhere.toString());
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains("rec.wav"), r.err());
        assertClean(r);
    }
}
