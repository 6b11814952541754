package org.gpvoice.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gpvoice.dsp.fit.FitConfig;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.engine.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetLoaderTest {
    private static final String SRC = "presets/foo.json";

    /** A complete preset with {@code fit.iterations} (or anything else) replaced through {@code edit}. */
    private static String full(String iterations) {
        return """
                {
                  "name": "foo",
                  "description": "A test preset.",
                  "components": 12,
                  "kernel": "gaussian",
                  "analysis": {"windowMs": 40, "window": "hann", "envelopeMs": 30},
                  "fit": {"iterations": %s, "smoothness": 0.5, "peakWeight": 10, "minWidthHz": 2},
                  "initialisation": {"harmonic": true, "harmonicFraction": 0.5, "harmonicMaxHz": 4000},
                  "sampler": {"kind": "block-ar", "seOrder": 4},
                  "envelope": {"levelTracking": 0.5}
                }
                """
                .formatted(iterations);
    }

    private static String error(String json) {
        PresetException e = assertThrows(PresetException.class, () -> PresetLoader.parse(json, SRC));
        assertTrue(e.getMessage().startsWith(SRC + ": "), e.getMessage());
        assertTrue(e instanceof IllegalArgumentException, "commands map IllegalArgumentException to exit code 2");
        return e.getMessage();
    }

    @Test
    void shouldReadEveryField() {
        Preset p = PresetLoader.parse(full("7"), SRC);
        EngineConfig c = p.toConfig(9);
        assertEquals("foo", p.name());
        assertEquals(12, c.fit().components());
        assertEquals(Kernel.GAUSSIAN, c.fit().kernel());
        assertEquals(40, c.analysis().analysisMs());
        assertEquals(30, c.analysis().envelopeMs());
        assertEquals(7, c.fit().iterations());
        assertEquals(0.5, c.fit().smoothness());
        assertEquals(10, c.fit().peakWeight());
        assertEquals(2, c.fit().minWidthHz());
        assertEquals(0.5, c.fit().harmonicFraction());
        assertEquals(4000, c.fit().harmonicMaxHz());
        assertEquals(4, c.seOrder());
        assertEquals(0.5, c.levelTracking());
        assertEquals("block-ar", c.sampler().cliName());
        assertEquals(9, c.seed());
    }

    @Test
    void shouldFillOmittedFieldsWithTheEngineDefaults() {
        Preset p = PresetLoader.parse("{\"name\": \"q40\", \"description\": \"Forty.\", \"components\": 40}", SRC);
        EngineConfig d = EngineConfig.defaults();
        assertEquals(d.withFit(d.fit().withComponents(40)), p.toConfig(1));
        Preset partial = PresetLoader.parse(
                "{\"name\": \"p\", \"description\": \"P.\", \"components\": 24, \"fit\": {\"iterations\": 5}}", SRC);
        assertEquals(d.withFit(d.fit().withIterations(5)), partial.toConfig(1));
    }

    @Test
    void shouldNameTheFieldAndRangeOfAValueOutOfRange() {
        assertEquals(SRC + ": fit.iterations must be an integer 1 to 50, got 0", error(full("0")));
        assertEquals(SRC + ": fit.iterations must be an integer 1 to 50, got 2.5", error(full("2.5")));
        assertEquals(
                SRC + ": components must be an integer 1 to 64, got 65",
                error("{\"name\": \"a\", \"description\": \"A.\", \"components\": 65}"));
        assertEquals(
                SRC + ": fit.minWidthHz must be a number above 0 and at most 100, got 0",
                error(full("3").replace("\"minWidthHz\": 2", "\"minWidthHz\": 0")));
        assertEquals(
                SRC + ": envelope.levelTracking must be a number 0 to 1, got 1.5",
                error(full("3").replace("\"levelTracking\": 0.5", "\"levelTracking\": 1.5")));
        assertEquals(
                SRC + ": sampler.seOrder must be an integer 1 to 6, got 7",
                error(full("3").replace("\"seOrder\": 4", "\"seOrder\": 7")));
        assertEquals(
                SRC + ": analysis.windowMs must be a number 10 to 200, got 5",
                error(full("3").replace("\"windowMs\": 40", "\"windowMs\": 5")));
        assertEquals(
                SRC + ": fit.peakWeight must be a number 0 to 1000, got -1",
                error(full("3").replace("\"peakWeight\": 10", "\"peakWeight\": -1")));
    }

    @Test
    void shouldNameTheFieldAndTypeOfAValueOfTheWrongType() {
        assertEquals(SRC + ": fit.iterations must be an integer 1 to 50, got \"3\" (a string)", error(full("\"3\"")));
        assertEquals(SRC + ": fit.iterations must be an integer 1 to 50, got null", error(full("null")));
        assertEquals(SRC + ": fit.iterations must be an integer 1 to 50, got an array", error(full("[3]")));
        assertEquals(
                SRC + ": kernel must be one of gaussian, matern12, matern32, got \"rbf\" (a string)",
                error(full("3").replace("\"gaussian\"", "\"rbf\"")));
        assertEquals(
                SRC + ": sampler.kind must be one of state-space, block-ar, zero-pinned, got \"kalman\" (a string)",
                error(full("3").replace("\"block-ar\"", "\"kalman\"")));
        assertEquals(
                SRC + ": initialisation.harmonic must be true or false, got \"yes\" (a string)",
                error(full("3").replace("\"harmonic\": true", "\"harmonic\": \"yes\"")));
        assertEquals(
                SRC
                        + ": fit must be an object { ... } with fields iterations, jacobianSteps, smoothness, peakWeight, minWidthHz, "
                        + "got 3",
                error("{\"name\": \"a\", \"description\": \"A.\", \"components\": 4, \"fit\": 3}"));
        assertEquals(SRC + ": a preset must be a JSON object { ... }, got an array", error("[1, 2]"));
    }

    @Test
    void shouldListTheKnownFieldsForAnUnknownOne() {
        assertEquals(
                SRC
                        + ": unknown field 'fit.iteratoins' (known: iterations, jacobianSteps, smoothness, peakWeight, minWidthHz); "
                        + "did you mean 'fit.iterations'?",
                error(full("3").replace("\"iterations\"", "\"iteratoins\"")));
        assertEquals(
                SRC + ": unknown field 'colour' (known: name, description, components, kernel, analysis, fit, "
                        + "initialisation, sampler, envelope)",
                error("{\"name\": \"a\", \"description\": \"A.\", \"components\": 4, \"colour\": \"red\"}"));
    }

    @Test
    void shouldNameAMissingRequiredField() {
        assertEquals(
                SRC + ": missing required field 'components' (an integer 1 to 64)",
                error("{\"name\": \"a\", \"description\": \"A.\"}"));
        assertEquals(
                SRC + ": missing required field 'name' (a lower-case name such as voice-16)",
                error("{\"description\": \"A.\", \"components\": 4}"));
        assertTrue(error("{\"name\": \"a\", \"components\": 4}").contains("missing required field 'description'"));
    }

    @Test
    void shouldGiveLineAndColumnOfMalformedJson() {
        String msg = error("{\n  \"name\": \"a\",\n  \"components\": 4,\n}\n");
        assertTrue(msg.startsWith(SRC + ": malformed JSON at line 4, column 1: "), msg);
        assertTrue(error("{\"name\": \"a\", \"name\": \"b\"}").contains("Duplicate field 'name'"));
        assertTrue(error("{\"name\": \"a\"} {}").startsWith(SRC + ": malformed JSON at line 1"));
        assertEquals(SRC + ": empty file: a preset is a JSON object (see presets/README.md)", error("  \n"));
    }

    @Test
    void shouldRejectHarmonicFalseWithAHarmonicFraction() {
        assertEquals(
                SRC + ": initialisation.harmonicFraction must be 0 (or left out) when initialisation.harmonic is "
                        + "false, got 0.5",
                error(full("3").replace("\"harmonic\": true", "\"harmonic\": false")));
        assertTrue(error(full("3").replace("\"harmonicFraction\": 0.5", "\"harmonicFraction\": 0"))
                .contains("must be above 0 and at most 1 when initialisation.harmonic is true"));
        Preset bark = PresetLoader.parse(
                full("3").replace("\"harmonic\": true, \"harmonicFraction\": 0.5,", "\"harmonic\": false,"), SRC);
        assertEquals(0, bark.harmonicFraction());
    }

    @Test
    void shouldCheckNameAndDescription() {
        assertTrue(error(full("3").replace("\"foo\"", "\"Foo Bar\"")).startsWith(SRC + ": name must be lower-case"));
        assertTrue(error(full("3").replace("\"A test preset.\"", "\"two\\nlines\""))
                .startsWith(SRC + ": description must be one line of text, 1 to 240 characters"));
    }

    @Test
    void shouldNameAMissingOrUnreadableFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.json");
        PresetException e = assertThrows(PresetException.class, () -> PresetLoader.load(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        assertEquals(
                dir + ": is a directory, not a preset file",
                assertThrows(PresetException.class, () -> PresetLoader.load(dir))
                        .getMessage());
        Path ok = dir.resolve("ok.json");
        Files.writeString(ok, full("4"));
        assertEquals(4, PresetLoader.load(ok).iterations());
        Files.writeString(ok, full("51"));
        assertEquals(
                ok + ": fit.iterations must be an integer 1 to 50, got 51",
                assertThrows(PresetException.class, () -> PresetLoader.load(ok)).getMessage());
    }

    @Test
    void shouldRoundTripAConfigThroughPresetOf() {
        EngineConfig c = EngineConfig.defaults().withFit(FitConfig.defaults(48, Kernel.MATERN12));
        assertEquals(c, Preset.of("x", "X.", c).toConfig(1));
    }
}
