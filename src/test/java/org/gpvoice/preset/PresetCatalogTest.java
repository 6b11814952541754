package org.gpvoice.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.spectrum.Periodogram;
import org.gpvoice.engine.EngineConfig;
import org.gpvoice.engine.SamplerKind;
import org.junit.jupiter.api.Test;

class PresetCatalogTest {
    @Test
    void shouldLoadEveryShippedPresetIntoAValidEngineConfig() {
        List<String> names = PresetCatalog.names();
        assertEquals(
                List.of("breathy-4", "sparse-8", "voice-16", "default-24", "fast-24", "rich-32", "full-64", "seed"),
                names);
        for (String n : names) {
            Preset p = PresetCatalog.shipped(n);
            assertEquals(n, p.name(), "a shipped preset's name is its file name");
            EngineConfig c = p.toConfig(42);
            assertEquals(42, c.seed());
            assertEquals(p.components(), c.fit().components());
            assertFalse(p.description().isBlank());
        }
    }

    @Test
    void shouldListEveryPresetFileOfTheRepositoryInTheIndex() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("presets"))) {
            TreeSet<String> onDisk = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(onDisk, new TreeSet<>(PresetCatalog.names()));
        }
    }

    @Test
    void shouldMakeDefault24ExactlyTheEngineDefaults() {
        assertEquals(
                EngineConfig.defaults(),
                PresetCatalog.shipped(PresetCatalog.DEFAULT_NAME).toConfig(1));
        assertEquals(
                EngineConfig.defaults(), PresetCatalog.shipped("default-24").applyTo(EngineConfig.defaults()));
    }

    @Test
    void shouldGiveComponentCounts4To64() {
        assertEquals(
                List.of(4, 8, 16, 24, 24, 32, 64, 24),
                PresetCatalog.shipped().stream().map(Preset::components).collect(Collectors.toList()));
    }

    @Test
    void shouldMakeTheSeedPresetTheOriginalMethodsSettings() {
        Preset s = PresetCatalog.shipped("seed");
        assertEquals(24, s.components());
        assertEquals(Kernel.GAUSSIAN, s.kernel());
        assertEquals(6, s.seOrder());
        assertFalse(s.harmonic());
        assertEquals(0, s.harmonicFraction());
        assertEquals(SamplerKind.BLOCK_AR, s.sampler());
        assertEquals(250, s.peakWeight()); // loss += 250 * sum of squared errors at the Bark-band maxima
        assertEquals(0.1, s.smoothness()); // loss += 0.1 * sum of squared log-spectrum differences between segments
        assertEquals(50, s.analysisMs()); // segm_resolution = 0.05 s
        assertEquals(Periodogram.Window.HANN, s.window());
    }

    @Test
    void shouldResolveAShippedNameOrAPathAndListTheShippedOnesForAnUnknownName() throws IOException {
        assertEquals("rich-32", PresetCatalog.resolve("rich-32").name());
        assertEquals("voice-16", PresetCatalog.resolve("presets/voice-16.json").name());
        Path tmp = Files.createTempFile("gpvoice-preset", ".json");
        try {
            Files.writeString(tmp, "{\"name\": \"mine\", \"description\": \"Mine.\", \"components\": 12}");
            assertEquals(12, PresetCatalog.resolve(tmp.toString()).components());
        } finally {
            Files.delete(tmp);
        }
        PresetException e = assertThrows(PresetException.class, () -> PresetCatalog.resolve("rich32"));
        assertEquals(
                "--preset: unknown preset 'rich32': choose one of breathy-4, sparse-8, voice-16, default-24, fast-24, "
                        + "rich-32, "
                        + "full-64, seed, or give the path of a .json preset file",
                e.getMessage());
        PresetException missing =
                assertThrows(PresetException.class, () -> PresetCatalog.resolve("no/such/preset.json"));
        assertEquals("no/such/preset.json: no such file", missing.getMessage().replace('\\', '/'));
        assertTrue(assertThrows(PresetException.class, () -> PresetCatalog.resolve(" "))
                .getMessage()
                .contains("needs a preset name"));
    }
}
