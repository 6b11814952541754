package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.gpvoice.preset.Preset;
import org.gpvoice.preset.PresetCatalog;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PresetsCommandTest {
    private static CliRun run(String... args) {
        CommandLine cl = new CommandLine(new PresetsCommand());
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void shouldListEveryShippedPresetWithItsDescription() {
        CliRun r = run();
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        String flat = r.out().replaceAll("\\s+", " ");
        List<Preset> presets = PresetCatalog.shipped();
        assertEquals(8, presets.size());
        for (Preset p : presets) {
            String row = String.format(
                    Locale.ROOT,
                    "%s %d %s %s",
                    p.name(),
                    p.components(),
                    p.kernel().name().toLowerCase(Locale.ROOT),
                    p.sampler().cliName());
            assertTrue(flat.contains(row), "row for " + p.name() + " in:\n" + r.out());
            assertTrue(flat.contains(p.description()), "description of " + p.name() + " in:\n" + r.out());
        }
        assertTrue(r.out().startsWith("NAME"), r.out());
    }

    @Test
    void shouldKeepEveryOutputLineWithinOneHundredColumns() {
        for (String line : run().out().split("\n")) assertTrue(line.length() <= 100, line);
    }

    @Test
    void shouldExplainItselfInHelp() {
        CliRun r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--preset NAME"), r.out());
    }
}
