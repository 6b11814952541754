package org.gpvoice.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real gpvoice command line in-process and captures what the user would read. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        picocli.CommandLine cl = GpvoiceCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
