package org.gpvoice.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.gpvoice.cli.EngineOptions;
import org.gpvoice.cli.GpvoiceCommand;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.spectrum.Periodogram;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.SamplerKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --preset} precedence: built-in defaults < preset < options given on the command line. */
class EngineOptionsPresetTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        EngineOptions engine;
    }

    private static EngineOptions parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return p.engine;
    }

    @Test
    void shouldGiveExactlyTheDefaultsWithoutPresetOrOptions() {
        EngineOptions o = parse();
        assertEquals(EngineConfig.defaults(), o.toConfig());
        assertNull(o.presetName());
    }

    @Test
    void shouldApplyOptionsOverTheDefaultsWithoutAPreset() {
        EngineConfig c = parse("-q", "8", "--sampler", "block-ar").toConfig();
        EngineConfig d = EngineConfig.defaults();
        assertEquals(d.withFit(d.fit().withComponents(8)).withSampler(SamplerKind.BLOCK_AR), c);
    }

    @Test
    void shouldTakeEveryValueFromThePresetWhenNoOptionIsGiven() {
        EngineOptions o = parse("--preset", "seed", "--seed", "5");
        assertEquals(PresetCatalog.shipped("seed").toConfig(5), o.toConfig());
        assertEquals("seed", o.presetName());
    }

    @Test
    void shouldLetExplicitOptionsOverrideThePresetEvenWhenEqualToTheirDefaults() {
        // the seed preset says gaussian, 24, 50 ms hann, 10 steps, 0.1, se-order 6, block-ar; the options below are
        // the options' own defaults, given explicitly: they must win
        EngineConfig c = parse(
                        "--preset",
                        "seed",
                        "-k",
                        "matern32",
                        "-w",
                        "30",
                        "--window",
                        "gaussian",
                        "--iterations",
                        "3",
                        "--smoothness",
                        "0.3",
                        "--se-order",
                        "3",
                        "--sampler",
                        "state-space",
                        "--level-tracking",
                        "1",
                        "-q",
                        "24")
                .toConfig();
        Preset seed = PresetCatalog.shipped("seed");
        assertEquals(Kernel.MATERN32, c.fit().kernel());
        assertEquals(30, c.analysis().analysisMs());
        assertEquals(Periodogram.Window.GAUSSIAN, c.analysis().window());
        assertEquals(3, c.fit().iterations());
        assertEquals(0.3, c.fit().smoothness());
        assertEquals(3, c.seOrder());
        assertEquals(SamplerKind.STATE_SPACE, c.sampler());
        assertEquals(24, c.fit().components());
        // what no option covers stays the preset's
        assertEquals(seed.peakWeight(), c.fit().peakWeight());
        assertEquals(0, c.fit().harmonicFraction());
        assertEquals(seed.envelopeMs(), c.analysis().envelopeMs());
    }

    @Test
    void shouldOverrideOnlyTheOptionsGiven() {
        EngineConfig c = parse("--preset", "rich-32", "--components", "12").toConfig();
        EngineConfig rich = PresetCatalog.shipped("rich-32").toConfig(1);
        assertEquals(rich.withFit(rich.fit().withComponents(12)), c);
    }

    @Test
    void shouldReadAPresetFromAPath() {
        EngineOptions o = parse("--preset", "presets/full-64.json");
        assertEquals(64, o.toConfig().fit().components());
        assertEquals("full-64", o.presetName());
    }

    @Test
    void shouldThrowAnIllegalArgumentExceptionForABadPreset() {
        EngineOptions o = parse("--preset", "nonesuch");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, o::toConfig);
        assertTrue(e.getMessage().contains("unknown preset 'nonesuch': choose one of breathy-4"), e.getMessage());
    }

    @Test
    void shouldNameEveryShippedPresetInTheOptionsHelp() {
        String help = new CommandLine(new Probe()).getUsageMessage().replaceAll("\\s+", " ");
        for (String n : PresetCatalog.names()) assertTrue(help.contains(n), n + " missing from --preset help: " + help);
    }

    @Test
    void shouldExitWithUsageCodeWhenRenderIsGivenABadPreset() {
        CommandLine cl = GpvoiceCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("render", "in.wav", "out.wav", "--preset", "no/such/file.json");
        assertEquals(2, code);
        assertTrue(
                err.toString().replace('\\', '/').contains("gpvoice render: no/such/file.json: no such file"),
                err.toString());
    }
}
