package org.gpvoice.io;

import java.util.List;

/**
 * A whole audio file decoded to one channel, as returned by {@link WavReader#readAll}.
 *
 * @param sampleRate samples per second (Hz)
 * @param samples mono samples, scaled to [-1, 1) for integer files (float files as stored); the array is owned by this
 *     clip and not copied
 * @param description the source format in words, e.g. {@code "22050 Hz, 16-bit PCM, mono, 9.655 s"}
 * @param warnings problems found and worked around while reading (unmodifiable; empty for a clean file)
 */
public record MonoClip(int sampleRate, double[] samples, String description, List<String> warnings) {
    public MonoClip {
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be > 0: " + sampleRate);
        if (samples == null) throw new NullPointerException("samples");
        warnings = List.copyOf(warnings);
    }

    /** Length in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
