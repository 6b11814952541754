package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.gpvoice.TestAudio;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render --switch-at}: a scripted preset schedule, and clear errors for a bad one. */
class RenderSwitchAtTest {
    @TempDir
    Path dir;

    @Test
    void shouldRenderThroughAScheduleOfPresets() throws Exception {
        Path in = TestAudio.example("LJ001-0002.wav"), out = dir.resolve("out.wav");
        CliRun r = CliRun.of(
                "render",
                in.toString(),
                out.toString(),
                "--preset",
                "breathy-4",
                "--switch-at",
                "0.5:default-24,1.0:full-64,1.5:sparse-8");
        assertEquals(0, r.code(), r.err());
        double[] x = WavReader.readAll(in).samples(), y = WavReader.readAll(out).samples();
        assertEquals(x.length, y.length);
        assertTrue(TestAudio.rms(y) > 0.3 * TestAudio.rms(x), "not silence");
    }

    @Test
    void shouldNameAnUnknownPresetInTheSchedule() {
        CliRun r = CliRun.of(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                dir.resolve("o.wav").toString(),
                "--switch-at",
                "0.5:nonesuch");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("nonesuch") && r.err().contains("default-24"), r.err());
    }

    @Test
    void shouldRejectTimesThatDoNotIncrease() {
        CliRun r = CliRun.of(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                dir.resolve("o.wav").toString(),
                "--switch-at",
                "1.0:rich-32,0.5:sparse-8");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("times must increase"), r.err());
        CliRun bad = CliRun.of(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                dir.resolve("o.wav").toString(),
                "--switch-at",
                "soon:rich-32");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("not a time in seconds"), bad.err());
        assertTrue(!bad.err().contains("Exception"), bad.err());
    }
}
