package org.gpvoice.cli;

import java.io.IOException;
import java.io.PrintWriter;

/** What {@code live} and {@code play} share when a stream ends badly. */
final class Streams {
    private Streams() {}

    /** A stage failed: an I/O problem (the device went away, the disk filled) is reported as such, anything else is a bug. */
    static int reportFailure(String command, Throwable f, PrintWriter err) {
        if (f instanceof IOException || f instanceof javax.sound.sampled.LineUnavailableException) {
            err.println("gpvoice " + command + ": " + f.getMessage());
            return ExitCodes.IO;
        }
        err.println("gpvoice " + command + ": internal error: " + f);
        f.printStackTrace(err);
        return ExitCodes.SOFTWARE;
    }

    static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable c : resources) {
            if (c == null) continue;
            try {
                c.close();
            } catch (Exception ignored) {
                // closing after the end: nothing left to save
            }
        }
    }
}
