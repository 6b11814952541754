package org.gpvoice;

import org.gpvoice.cli.GpvoiceCommand;

/** Entry point: exits with the picocli command's exit code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(GpvoiceCommand.run(args));
    }
}
