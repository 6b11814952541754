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
