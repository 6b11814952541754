package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gpvoice.TestAudio;
import org.gpvoice.preset.PresetCatalog;
import org.junit.jupiter.api.Test;

/** bench --presets (a row per shipped preset) and bench --streams (concurrent real-time pipelines). */
class BenchModesTest {
    private static final String CLIP = TestAudio.example("LJ001-0002.wav").toString();

    @Test
    void presetsShouldMeasureEveryShippedPreset() {
        CliRun r = CliRun.of("bench", "--presets", "--rates", "16000", CLIP);
        assertEquals(0, r.code(), r.err());
        for (String name : PresetCatalog.names())
            assertTrue(r.out().contains("| " + name + " |"), name + ":\n" + r.out());
        assertTrue(r.out().contains("| 16000 | default-24 | 24 | matern32 | state-space |"), r.out());
    }

    @Test
    void qualityShouldEvaluateEachEngineAndWriteJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path json = dir.resolve("q.json");
        CliRun r = CliRun.of(
                "bench",
                "--quality",
                "--presets",
                "breathy-4,default-24",
                "--engines",
                "griffin-lim",
                CLIP,
                "--json",
                json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| gpvoice breathy-4 |") && r.out().contains("| gpvoice default-24 |"), r.out());
        var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(3, rows.size());
        assertEquals("griffin-lim", rows.get(2).get("engine").asText());
        // Griffin-Lim from the full magnitude is close to the input (STOI about 0.98 in the literature)
        assertTrue(rows.get(2).get("stoi").asDouble() > 0.9, rows.get(2).toString());
        double stoi = rows.get(1).get("stoi").asDouble();
        // the resynthesis of speech is intelligible but not the waveform: STOI well inside (0, 1)
        assertTrue(stoi > 0.4 && stoi < 0.99, "STOI " + stoi);
        assertEquals(0, rows.get(1).get("bytesPerBlock").asDouble(), 0.5);
    }

    @Test
    void streamsShouldReportARowPerCount() {
        CliRun r = CliRun.of("bench", "--streams", "1,2", "--rates", "16000", CLIP);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Q=24"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("| 1 | ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("| 2 | ")), r.out());
    }

    @Test
    void streamsShouldRejectANonsenseCount() {
        CliRun r = CliRun.of("bench", "--streams", "0", "--rates", "16000", CLIP);
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--streams must be 1 to 64"), r.err());
    }
}
