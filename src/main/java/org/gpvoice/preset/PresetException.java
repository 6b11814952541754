package org.gpvoice.preset;

/**
 * A preset that cannot be used: missing, unreadable, malformed JSON, or a field out of range.
 *
 * <p>The message is complete and meant for the user as it is: it names the source (the file, or {@code
 * presets/NAME.json} for a shipped preset), the field path ({@code fit.iterations}) and what is allowed, e.g.
 * {@code presets/foo.json: fit.iterations must be an integer 1 to 50, got 0}. It extends {@link
 * IllegalArgumentException} so that commands report it like any other bad option value (exit code 2).
 */
public final class PresetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String field;

    /**
     * @param source where the preset came from, as the user named it
     * @param field the dotted field path the problem is about, or null when it is about the whole file
     * @param problem what is wrong, already naming the field
     */
    public PresetException(String source, String field, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.field = field;
    }

    /** Where the preset came from: a file path, or {@code presets/NAME.json} for a shipped preset. */
    public String source() {
        return source;
    }

    /** The dotted field path ({@code fit.iterations}) the problem is about, or null for the file as a whole. */
    public String field() {
        return field;
    }
}
