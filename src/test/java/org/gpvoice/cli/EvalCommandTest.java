package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gpvoice.TestAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the real {@code gpvoice eval} command line and checks exit codes, the table and the JSON file. */
class EvalCommandTest {
    @TempDir
    Path tmp;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String clip() {
        return TestAudio.example("LJ001-0002.wav").toString();
    }

    private static double jsonNumber(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": (-?[0-9.Ee+-]+)").matcher(json);
        assertTrue(m.find(), "no number " + key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void shouldPrintIdealScoresAndWriteTheSameNumbersAsJsonForAClipAgainstItself() throws IOException {
        Path json = tmp.resolve("scores.json");
        CliRun r = run("eval", clip(), clip(), "--json", json.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("REF        " + clip()), r.out());
        assertTrue(r.out().contains("TEST lags REF by 0.00 ms"), r.out());
        assertTrue(r.out().matches("(?s).*log-mel distance \\(dB\\)\\s+0\\.00\\s+0\\s+lower.*"), r.out());
        assertTrue(r.out().matches("(?s).*STOI\\s+1\\.000\\s+1\\s+higher.*"), r.out());
        assertTrue(r.out().matches("(?s).*voicing agreement\\s+1\\.000\\s+1\\s+higher.*"), r.out());
        assertTrue(r.out().matches("(?s).*click ratio \\(5 ms blocks\\).*"), r.out());
        assertTrue(r.out().contains("wrote      " + json), r.out());

        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertEquals(0, jsonNumber(text, "logMelDistanceDb"), 0);
        assertEquals(0, jsonNumber(text, "melCepstralDistortionDb"), 0);
        assertEquals(1, jsonNumber(text, "stoi"), 1e-6);
        assertEquals(1, jsonNumber(text, "voicingAgreement"), 0);
        assertEquals(0, jsonNumber(text, "f0MedianCentsError"), 0);
        assertEquals(1, jsonNumber(text, "envelopeCorrelation"), 1e-6);
        assertEquals(0, jsonNumber(text, "levelDifferenceDb"), 0);
        assertEquals(110, jsonNumber(text, "blockSamples"), 0);
        assertTrue(text.contains("\"test\": \"" + clip() + "\""), text);
    }

    @Test
    void shouldCountBlocksOfTheRequestedLength() throws IOException {
        Path json = tmp.resolve("s.json");
        CliRun r = run("eval", clip(), clip(), "--block-ms", "10", "--json", json.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("click ratio (10 ms blocks)"), r.out());
        assertEquals(221, jsonNumber(Files.readString(json), "blockSamples"), 0);
    }

    @Test
    void shouldExplainEveryMetricAndItsDirectionInHelp() {
        CliRun r = run("eval", "--help");
        assertEquals(ExitCodes.OK, r.code());
        for (String s : new String[] {
            "REF.wav",
            "TEST.wav",
            "--json",
            "--block-ms",
            "log-mel distance",
            "mel-cepstral dist.",
            "STOI",
            "voicing agreement",
            "F0 error",
            "gross pitch errors",
            "envelope corr.",
            "level difference",
            "click ratio",
            "higher",
            "lower",
            "Exit codes"
        }) {
            assertTrue(r.out().contains(s), "help lacks '" + s + "':\n" + r.out());
        }
        assertTrue(r.out().contains("off by > 20% (0; lower)"), r.out());
        // picocli formats help text with String.format and silently prints the raw text when that fails
        CommandLine eval = GpvoiceCommand.commandLine().getSubcommands().get("eval");
        for (String line : eval.getCommandSpec().usageMessage().footer()) String.format(line);
        for (String line : eval.getCommandSpec().usageMessage().description()) String.format(line);
        for (String line : r.out().split("\\R")) assertTrue(line.length() <= 80, "line too wide: " + line);
        assertTrue(run("--help").out().contains("eval"), "eval is listed among the subcommands");
    }

    @Test
    void shouldRejectACorruptInputWithAMessageNamingItAndExitTwo() throws IOException {
        Path bad = tmp.resolve("bad.wav");
        Files.writeString(bad, "this is not audio at all, just text pretending to be a wav file");
        CliRun r = run("eval", clip(), bad.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().startsWith("gpvoice eval: "), r.err());
        assertTrue(r.err().contains("bad.wav"), r.err());
        assertTrue(r.err().toLowerCase().contains("not a wav"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void shouldRejectAMissingReferenceAndExitTwo() {
        CliRun r = run("eval", tmp.resolve("nope.wav").toString(), clip());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("nope.wav") && r.err().contains("no such file"), r.err());
    }

    @Test
    void shouldExitThreeWhenTheJsonCannotBeWritten() {
        Path json = tmp.resolve("no-such-folder").resolve("s.json");
        CliRun r = run("eval", clip(), clip(), "--json", json.toString());
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains("cannot write " + json), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void shouldRejectABlockLengthThatIsNotPositiveAndExitTwo() {
        CliRun r = run("eval", clip(), clip(), "--block-ms", "0");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("block length"), r.err());
    }
}
