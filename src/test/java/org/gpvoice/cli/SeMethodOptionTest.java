package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gpvoice.TestAudio;
import org.gpvoice.dsp.synth.SeMethod;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.io.WavReader;
import org.gpvoice.preset.PresetLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --se-method: the Gaussian kernel through the order-N Taylor factorisation, from the CLI and from a preset. */
class SeMethodOptionTest {
    @TempDir
    Path dir;

    private static EngineConfig parse(String... args) {
        RenderCommand r = new RenderCommand();
        CommandLine cl = new CommandLine(r);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.parseArgs(args);
        return r.engine.toConfig();
    }

    @Test
    void taylorShouldDefaultToOrderSixAndTakeAnOrderUpToTen() {
        EngineConfig c = parse("in.wav", "out.wav", "-k", "gaussian", "--se-method", "taylor");
        assertEquals(SeMethod.TAYLOR, c.seMethod());
        assertEquals(6, c.seOrder());
        assertEquals(
                8,
                parse("in.wav", "out.wav", "--se-method", "taylor", "--se-order", "8")
                        .seOrder());
        EngineConfig d = parse("in.wav", "out.wav");
        assertEquals(SeMethod.CASCADE, d.seMethod());
        assertEquals(EngineConfig.defaults(), d);
    }

    @Test
    void shouldRejectAnOrderOutsideTheMethodsRangeWithExitTwo() {
        CliRun r = CliRun.of(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                dir.resolve("o.wav").toString(),
                "--se-order",
                "8");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("must be 1 to 6"), r.err());
        CliRun bad = CliRun.of(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                dir.resolve("o.wav").toString(),
                "--se-method",
                "exact");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("cascade or taylor"), bad.err());
    }

    @Test
    void shouldRenderTheGaussianKernelThroughTheTaylorFactorisation() throws Exception {
        Path out = dir.resolve("taylor.wav");
        Path in = TestAudio.example("LJ001-0002.wav");
        CliRun r = CliRun.of("render", in.toString(), out.toString(), "-k", "gaussian", "--se-method", "taylor");
        assertEquals(0, r.code(), r.err());
        double[] x = WavReader.readAll(in).samples(), y = WavReader.readAll(out).samples();
        assertEquals(x.length, y.length);
        double db = 20 * Math.log10(TestAudio.rms(y) / TestAudio.rms(x));
        assertTrue(Math.abs(db) < 2, "level " + db + " dB");
    }

    @Test
    void aPresetShouldChooseTheMethodAndBeToldAboutABadOne() throws Exception {
        String json =
                """
                {"name": "gauss-taylor", "description": "the Gaussian kernel, Taylor order 6", "components": 16,
                 "kernel": "gaussian", "sampler": {"kind": "state-space", "seMethod": "taylor"}}
                """;
        Path p = dir.resolve("g.json");
        Files.writeString(p, json);
        var preset = PresetLoader.load(p);
        assertEquals(SeMethod.TAYLOR, preset.seMethod());
        assertEquals(6, preset.seOrder());
        Files.writeString(p, json.replace("\"taylor\"", "\"exact\""));
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> PresetLoader.load(p));
        assertTrue(
                e.getMessage().contains("sampler.seMethod") && e.getMessage().contains("cascade, taylor"),
                e.getMessage());
    }
}
