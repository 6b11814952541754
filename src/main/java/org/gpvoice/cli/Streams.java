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

    /**
     * What {@code live} and {@code play} say and return for an exception before or after the stream ran: a problem
     * with the input file is the user's (usage), one with the recording or a device is an I/O failure.
     */
    static int onError(String command, Exception e, PrintWriter err, java.nio.file.Path record) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
        err.println("gpvoice " + command + ": " + e.getMessage());
        if (e instanceof org.gpvoice.io.AudioFileException a && (record == null || !record.equals(a.file())))
            return ExitCodes.USAGE;
        return ExitCodes.IO;
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
