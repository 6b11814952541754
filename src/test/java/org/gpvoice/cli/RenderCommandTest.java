package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gpvoice.TestAudio;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real command line and checks exit codes and what the user reads. */
class RenderCommandTest {
    @TempDir
    Path tmp;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void shouldRenderTheExampleAndPrintASummary() throws IOException {
        Path out = tmp.resolve("o.wav"), csv = tmp.resolve("p.csv");
        CliRun r = run(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                out.toString(),
                "-q",
                "8",
                "--params",
                csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("real time"), r.out());
        assertTrue(r.out().contains("mean residual"), r.out());
        assertTrue(r.out().contains("failed steps 0"), r.out());
        MonoClip in = WavReader.readAll(TestAudio.example("LJ001-0002.wav"));
        MonoClip o = WavReader.readAll(out);
        assertEquals(in.samples().length, o.samples().length);
        var lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int blocks = (in.samples().length + 109) / 110;
        assertEquals(blocks + 1, lines.size(), "one CSV row per block plus the header");
        assertEquals(6 + 3 * 8, lines.get(0).split(",").length);
        assertEquals(6 + 3 * 8, lines.get(lines.size() - 1).split(",").length);
    }

    @Test
    void shouldRejectACorruptInputWithAClearMessageAndExitTwo() throws IOException {
        Path bad = tmp.resolve("bad.wav");
        Files.writeString(bad, "this is not audio at all, just text pretending to be a wav file");
        CliRun r = run("render", bad.toString(), tmp.resolve("o.wav").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("bad.wav"), r.err());
        assertTrue(r.err().toLowerCase().contains("not a wav"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void shouldRejectAMissingInputAndExitTwo() {
        CliRun r = run(
                "render",
                tmp.resolve("nope.wav").toString(),
                tmp.resolve("o.wav").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("nope.wav"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void shouldRejectOutOfRangeComponentsNamingTheRange() {
        CliRun r = run(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                tmp.resolve("o.wav").toString(),
                "-q",
                "65");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("1 to 64"), r.err());
    }

    @Test
    void shouldFitWithStepsOnOneJacobianAndRejectAnOutOfRangeCount() throws IOException {
        Path out = tmp.resolve("o.wav");
        String in = TestAudio.example("LJ001-0002.wav").toString();
        CliRun r = run("render", in, out.toString(), "--preset", "fast-24", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 LM steps/block (3 per Jacobian)"), r.out());
        assertTrue(r.out().contains("failed steps 0"), r.out());
        assertEquals(
                WavReader.readAll(TestAudio.example("LJ001-0002.wav")).samples().length,
                WavReader.readAll(out).samples().length);
        CliRun bad = run("render", in, out.toString(), "--jacobian-steps", "0");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("steps per Jacobian must be 1 to 50, got 0"), bad.err());
    }

    @Test
    void shouldRejectAnUnknownKernelListingTheChoices() {
        CliRun r = run(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                tmp.resolve("o.wav").toString(),
                "--kernel",
                "cauchy");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().toLowerCase().contains("matern32"), r.err());
    }

    @Test
    void shouldExitThreeWhenTheOutputCannotBeWritten() {
        CliRun r = run(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                tmp.resolve("no/such/dir/o.wav").toString());
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void shouldRenderWithEverySamplerAndRejectAnUnknownOne() throws IOException {
        for (String smp : new String[] {"state-space", "block-ar", "zero-pinned"}) {
            Path out = tmp.resolve(smp + ".wav");
            CliRun r = run(
                    "render",
                    TestAudio.example("LJ001-0002.wav").toString(),
                    out.toString(),
                    "--sampler",
                    smp,
                    "--quiet");
            assertEquals(0, r.code(), smp + ": " + r.err());
            double[] y = WavReader.readAll(out).samples();
            assertEquals(WavReader.readAll(TestAudio.example("LJ001-0002.wav")).samples().length, y.length);
            assertTrue(TestAudio.rms(y) > 0.01, smp + " is not silent");
        }
        CliRun bad = run(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                tmp.resolve("x.wav").toString(),
                "--sampler",
                "magic");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("state-space, block-ar or zero-pinned"), bad.err());
    }

    @Test
    void shouldTeachInHelp() {
        CliRun r = run("render", "--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"--components", "--kernel", "--analysis-ms", "--seed", "--params", "Exit codes"})
            assertTrue(r.out().contains(s), "help lacks " + s);
        CliRun top = run("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("render"));
    }
}
