package org.gpvoice.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An audio file could not be read or written. The message always starts with the file as it was given, followed by
 * what is wrong in plain words, for example {@code "LJ.wav: not a WAV file (no RIFF/WAVE header)"} or {@code "x.wav:
 * truncated: header ends at byte 30"}.
 */
public final class AudioFileException extends IOException {
    private final transient Path file;
    private final String problem;

    /**
     * @param file the file concerned, as the caller named it
     * @param problem what is wrong, in plain words, without the file name
     */
    public AudioFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /**
     * @param file the file concerned, as the caller named it
     * @param problem what is wrong, in plain words, without the file name
     * @param cause the underlying I/O error
     */
    public AudioFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file concerned (may be {@code null} after deserialisation). */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
