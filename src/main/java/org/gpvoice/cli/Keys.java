package org.gpvoice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Single keys from the terminal while a stream plays (no Enter needed): the terminal is put in non-canonical,
 * no-echo mode with {@code stty} for the session and restored afterwards. Only used when there is a terminal:
 * standard input may belong to something else (a test harness talks to its JVM through it). Keys are read on their
 * own daemon thread, never on an audio thread.
 */
final class Keys implements AutoCloseable {
    private final String saved;
    private final Thread reader;

    private Keys(String saved, Thread reader) {
        this.saved = saved;
        this.reader = reader;
    }

    /** Starts reading single keys from the terminal into {@code onKey}. */
    static Keys start(InputStream in, IntConsumer onKey) {
        String saved = stty("-g");
        if (saved != null) stty("-icanon -echo min 1");
        Thread t = new Thread(
                () -> {
                    try {
                        int c;
                        while ((c = in.read()) >= 0) onKey.accept(c);
                    } catch (IOException ignored) {
                        // standard input closed: no more keys
                    }
                },
                "gpvoice-keys");
        t.setDaemon(true);
        t.start();
        return new Keys(saved, t);
    }

    @Override
    public void close() {
        if (saved != null) stty(saved.trim());
    }

    /** Runs stty on the controlling terminal; null if there is none or it fails. */
    private static String stty(String args) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty " + args + " < /dev/tty")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
