package org.gpvoice.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gpvoice.preset.Preset;
import org.gpvoice.preset.PresetCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gpvoice presets}: lists the shipped presets. */
@Command(
        name = "presets",
        mixinStandardHelpOptions = true,
        description = {"List the shipped presets: name, components Q, kernel, sampler and what each sounds like."},
        footer = {
            "",
            "Use one with --preset NAME (render and the other engine commands); options given on the command line "
                    + "override the preset's values. --preset also takes the path of your own .json file: the "
                    + "format, every field with its unit, range and default, is in presets/README.md.",
            "",
            "Exit codes: 0 listed, 1 a shipped preset is broken (a bug: please report it)."
        })
public final class PresetsCommand implements Callable<Integer> {
    /** Width the descriptions are wrapped to, characters. */
    private static final int WIDTH = 100;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Preset> presets;
        try {
            presets = PresetCatalog.shipped();
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("gpvoice presets: " + e.getMessage());
            return ExitCodes.SOFTWARE;
        }
        int nameWidth = "NAME".length();
        for (Preset p : presets) nameWidth = Math.max(nameWidth, p.name().length());
        String row = "%-" + nameWidth + "s  %3s  %-8s  %s%n";
        out.printf(Locale.ROOT, row, "NAME", "Q", "KERNEL", "SAMPLER");
        for (Preset p : presets) {
            out.printf(
                    Locale.ROOT,
                    row,
                    p.name(),
                    p.components(),
                    p.kernel().name().toLowerCase(Locale.ROOT),
                    p.sampler().cliName());
            for (String line : wrap(p.description(), WIDTH - 4)) out.println("    " + line);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Splits {@code text} at spaces into lines of at most {@code width} characters (longer words stay whole). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
