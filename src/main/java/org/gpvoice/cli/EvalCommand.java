package org.gpvoice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gpvoice.eval.EvalReport;
import org.gpvoice.eval.Evaluator;
import org.gpvoice.io.AudioFileException;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gpvoice eval REF.wav TEST.wav}: objective comparison of a resynthesis with its source. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Compare TEST (a resynthesis) with REF (the speech it was made from) on measures that suit a random "
                    + "GP sample: no metric compares raw waveforms.",
            "",
            "TEST is resampled to REF's rate if they differ, and aligned: its lag behind REF (a pipeline's latency, "
                    + "up to --max-lag-ms either way) is found from the 5 ms energy envelopes and, when the "
                    + "waveforms are coherent, refined to the sample. Everything but the click ratio is measured on "
                    + "the aligned overlap."
        },
        footer = {
            "",
            "Metrics, each with its ideal value and which way is better:",
            "  log-mel distance    RMS dB gap of 80 mel bands, frames loud in REF (0; lower)",
            "  mel-cepstral dist.  MCD of cepstra c1..c13, spectral envelope, dB (0; lower)",
            "  STOI                intelligibility, Taal et al. 2011 (1; higher)",
            "  voicing agreement   share of 5 ms frames voiced in both or neither (1; higher)",
            "  F0 error            |TEST - REF| pitch, cents, median and mean (0; lower)",
            "  gross pitch errors  share of both-voiced frames off by > 20%% (0; lower)",
            "  envelope corr.      correlation of 20 ms frame energies (1; higher)",
            "  level difference    TEST's RMS level minus REF's, dB (0; nearer 0)",
            "  click ratio         TEST's 2nd-difference power at block edges over",
            "                      elsewhere (1; nearer 1: above 1 = a seam every block)",
            "",
            "Examples:",
            "  gpvoice eval examples/LJ001-0001.wav out.wav",
            "  gpvoice eval ref.wav out.wav --json scores.json --block-ms 10",
            "",
            "Exit codes: 0 done, 2 bad usage or unreadable input, 3 JSON not writable."
        })
public final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF.wav", description = "Reference: the original speech.")
    Path reference;

    @Parameters(index = "1", paramLabel = "TEST.wav", description = "The signal to score, e.g. gpvoice's output.")
    Path test;

    @Option(
            names = "--json",
            paramLabel = "OUT.json",
            description = "Also write every number as a JSON object (overwritten).")
    Path json;

    @Option(
            names = "--block-ms",
            paramLabel = "MS",
            description = "Block length of the click ratio, ms (default: ${DEFAULT-VALUE}, gpvoice's block).",
            defaultValue = "5")
    double blockMs;

    @Option(
            names = "--max-lag-ms",
            paramLabel = "MS",
            description = "Search TEST's lag behind REF up to this many ms either way; 0 = assume aligned "
                    + "(default: ${DEFAULT-VALUE}).",
            defaultValue = "500")
    double maxLagMs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Evaluator.Options options;
        try {
            options = new Evaluator.Options(blockMs, maxLagMs);
        } catch (IllegalArgumentException e) {
            err.println("gpvoice eval: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        MonoClip ref, tst;
        try {
            ref = WavReader.readAll(reference);
            tst = WavReader.readAll(test);
        } catch (AudioFileException e) {
            err.println("gpvoice eval: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("gpvoice eval: cannot read input: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        for (String w : ref.warnings()) err.println("gpvoice eval: warning: " + reference + ": " + w);
        for (String w : tst.warnings()) err.println("gpvoice eval: warning: " + test + ": " + w);

        EvalReport report;
        try {
            report = Evaluator.evaluate(ref, tst, options);
        } catch (IllegalArgumentException e) {
            err.println("gpvoice eval: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        out.println("REF        " + reference + " (" + ref.description() + ")");
        out.println("TEST       " + test + " (" + tst.description() + ")");
        out.print(report.toTable());
        out.flush();
        if (json != null) {
            try {
                Files.writeString(json, report.toJson(reference.toString(), test.toString()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("gpvoice eval: cannot write " + json + ": " + describe(e));
                return ExitCodes.IO;
            }
            out.println("wrote      " + json);
        }
        return ExitCodes.OK;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) return "no such folder";
        if (e instanceof AccessDeniedException) return "permission denied";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
