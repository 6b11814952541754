package org.gpvoice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Top-level command; the subcommands do the work. */
@Command(
        name = "gpvoice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Gaussian-process voice resynthesis.",
        subcommands = {
            RenderCommand.class,
            LiveCommand.class,
            PlayCommand.class,
            DevicesCommand.class,
            PresetsCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class GpvoiceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line (tests run it directly and read its exit code and output). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GpvoiceCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            line.getErr().println("gpvoice: internal error: " + ex);
            ex.printStackTrace(line.getErr());
            return ExitCodes.SOFTWARE;
        });
        return cl;
    }
}
