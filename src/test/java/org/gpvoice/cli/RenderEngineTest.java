package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gpvoice.TestAudio;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpvoice render --engine NAME}: the baselines through the real command line. */
class RenderEngineTest {
    @TempDir
    Path tmp;

    @Test
    void shouldRenderWithGriffinLimToTheInputsLengthAndRate() throws IOException {
        Path in = TestAudio.example("LJ001-0002.wav"), out = tmp.resolve("gl.wav");
        CliRun r = CliRun.of("render", in.toString(), out.toString(), "--engine", "griffin-lim", "--seed", "3");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("griffin-lim"), r.out());
        assertTrue(r.out().contains("real time"), r.out());
        MonoClip x = WavReader.readAll(in), y = WavReader.readAll(out);
        assertEquals(x.samples().length, y.samples().length);
        assertEquals(x.sampleRate(), y.sampleRate());
        double db = 20 * Math.log10(TestAudio.rms(y.samples()) / TestAudio.rms(x.samples()));
        assertTrue(Math.abs(db) < 1, "level " + db + " dB");
    }

    @Test
    void shouldRejectAnUnknownEngineNamingTheChoices() {
        Path out = tmp.resolve("o.wav");
        CliRun r = CliRun.of(
                "render", TestAudio.example("LJ001-0002.wav").toString(), out.toString(), "--engine", "nonesuch");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("nonesuch"), r.err());
        assertTrue(r.err().contains("gpvoice, random-phase, griffin-lim, fgla, rtpghi"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void shouldRejectGpvoiceOnlyOptionsWithABaseline() {
        String in = TestAudio.example("LJ001-0002.wav").toString(),
                out = tmp.resolve("o.wav").toString();
        CliRun r = CliRun.of("render", in, out, "--engine", "fgla", "--switch-at", "1.0:sparse-8");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--switch-at"), r.err());
        r = CliRun.of(
                "render",
                in,
                out,
                "--engine",
                "rtpghi",
                "--params",
                tmp.resolve("p.csv").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--params"), r.err());
    }

    @Test
    void shouldReportAMissingInputAndAnUnwritableOutputWithTheirExitCodes() {
        CliRun r = CliRun.of(
                "render",
                tmp.resolve("nope.wav").toString(),
                tmp.resolve("o.wav").toString(),
                "--engine",
                "rtpghi");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("nope.wav"), r.err());
        r = CliRun.of(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                tmp.resolve("no-such-dir").resolve("o.wav").toString(),
                "--engine",
                "random-phase",
                "--quiet");
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void shouldSayInTheHelpThatEngineOptionsDoNotApplyToBaselines() {
        CliRun r = CliRun.of("render", "--help");
        assertEquals(ExitCodes.OK, r.code());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--engine"), help);
        assertTrue(help.contains("use --seed and --encoding only"), help);
    }
}
