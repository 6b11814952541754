package org.gpvoice.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EvalReportTest {
    private static EvalReport sample() {
        return new EvalReport(
                22050,
                16000,
                new Alignment.Result(265, 12.018, false, 0.91, 0.05),
                9.5,
                4.25,
                3.5,
                700,
                820,
                0.8125,
                new PitchAgreement.Result(1900, 800, 0.875, 12.5, 40.25, 0.03),
                0.95,
                -1.5,
                5,
                80,
                1.02,
                Double.NaN);
    }

    @Test
    void shouldWriteEveryNumberAsJsonAndNonFiniteValuesAsNull() {
        String json = sample().toJson("a \"quoted\" \\ name.wav", "t.wav");
        assertTrue(json.contains("\"ref\": \"a \\\"quoted\\\" \\\\ name.wav\""), json);
        assertTrue(json.contains("\"testResampled\": true"), json);
        assertTrue(json.contains("\"lagMs\": 12.018"), json);
        assertTrue(json.contains("\"stoi\": 0.8125"), json);
        assertTrue(json.contains("\"f0MeanCentsError\": 40.25"), json);
        assertTrue(json.contains("\"levelDifferenceDb\": -1.5"), json);
        assertTrue(json.contains("\"refClickRatio\": null"), json);
        assertTrue(json.startsWith("{\n") && json.endsWith("}\n"), json);
        // one "key": value pair per line, commas between them
        String body = json.substring(2, json.length() - 2);
        Pattern pair = Pattern.compile(" {2}\"[A-Za-z0-9]+\": (\"([^\"\\\\]|\\\\.)*\"|true|false|null|-?[0-9.Ee+-]+)");
        String[] lines = body.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = i + 1 < lines.length ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            assertTrue(pair.matcher(line).matches(), "not a JSON pair: " + lines[i]);
        }
        assertEquals(28, lines.length);
    }

    @Test
    void shouldFormatNumbersCompactly() {
        assertEquals("0", EvalReport.number(0));
        assertEquals("0", EvalReport.number(-0.0));
        assertEquals("1", EvalReport.number(0.99999999999));
        assertEquals("123.4568", EvalReport.number(123.456789));
        assertEquals("1.5E-9", EvalReport.number(1.5e-9));
        assertEquals("null", EvalReport.number(Double.POSITIVE_INFINITY));
    }

    @Test
    void shouldPrintOneRowPerMetricWithItsDirection() {
        String table = sample().toTable();
        assertTrue(table.contains("resampled  TEST from 16000 Hz to REF's 22050 Hz"), table);
        assertTrue(table.contains("12.02 ms"), table);
        for (String row : new String[] {
            "log-mel distance (dB)",
            "mel-cepstral distortion (dB)",
            "STOI",
            "voicing agreement",
            "F0 error, median (cents)",
            "gross pitch error rate",
            "envelope correlation",
            "level difference (dB)",
            "click ratio (5 ms blocks)"
        }) {
            assertTrue(table.contains(row), "missing " + row + ":\n" + table);
        }
        assertTrue(table.matches("(?s).*STOI\\s+0\\.813\\s+1\\s+higher.*"), table);
        assertTrue(table.contains("(REF: n/a)"), table);
    }
}
