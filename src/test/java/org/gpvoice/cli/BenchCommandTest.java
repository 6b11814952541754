package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gpvoice.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void shouldPrintAndWriteOneRowPerConfiguration() throws IOException {
        Path md = tmp.resolve("b.md");
        CliRun r = CliRun.of(
                "bench",
                TestAudio.example("LJ001-0002.wav").toString(),
                "-q",
                "2,4",
                "--rates",
                "16000",
                "--samplers",
                "state-space,block-ar",
                "--markdown",
                md.toString());
        assertEquals(0, r.code(), r.err());
        long rows = r.out().lines().filter(l -> l.startsWith("| 16000 |")).count();
        assertEquals(4, rows, r.out());
        assertTrue(r.out().contains("| block-ar |"), r.out());
        assertEquals(
                4,
                Files.readAllLines(md).stream()
                        .filter(l -> l.startsWith("| 16000 |"))
                        .count());
    }

    @Test
    void shouldRejectBadRatesSamplersAndPathsWithExitTwo() {
        String clip = TestAudio.example("LJ001-0002.wav").toString();
        CliRun rate = CliRun.of("bench", clip, "-q", "2", "--rates", "100");
        assertEquals(ExitCodes.USAGE, rate.code());
        assertTrue(rate.err().contains("8000 to 192000"), rate.err());
        CliRun smp = CliRun.of("bench", clip, "-q", "2", "--rates", "16000", "--samplers", "nope");
        assertEquals(ExitCodes.USAGE, smp.code());
        assertTrue(smp.err().contains("state-space, block-ar or zero-pinned"), smp.err());
        CliRun missing = CliRun.of("bench", tmp.resolve("none.wav").toString());
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().contains("none.wav"), missing.err());
    }
}
