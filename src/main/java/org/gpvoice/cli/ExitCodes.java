package org.gpvoice.cli;

/** Exit codes of every gpvoice command (also listed in {@code --help}). */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** An unexpected internal failure (a bug: please report it). */
    public static final int SOFTWARE = 1;
    /** Bad usage or bad input: unknown option, value out of range, unreadable or corrupt input file. */
    public static final int USAGE = 2;
    /** The output could not be written (permissions, full disk). */
    public static final int IO = 3;
    /** Stopped by the user (Ctrl-C); what was written is kept and valid. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
