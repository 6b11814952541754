package org.gpvoice.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.Resampling;
import org.gpvoice.io.WavReader;

/** The benchmarks' input: the shipped example clip, read once per trial in {@code @Setup}. */
final class Clips {
    /** Override with {@code -Dgpvoice.jmh.clip=...} (forks inherit it via {@code -jvmArgsAppend}). */
    static final String CLIP_PROPERTY = "gpvoice.jmh.clip";

    static final String DEFAULT_CLIP = "docs/examples/LJ001-0001.wav";

    private Clips() {}

    /** The clip's samples at {@code rateHz} (resampled offline when the file's rate differs). */
    static double[] samplesAt(int rateHz) {
        Path path = Path.of(System.getProperty(CLIP_PROPERTY, DEFAULT_CLIP));
        if (!Files.isRegularFile(path))
            throw new IllegalStateException("clip not found: " + path.toAbsolutePath()
                    + " (run from the project directory or pass -jvmArgsAppend -D" + CLIP_PROPERTY + "=<wav>)");
        try {
            MonoClip clip = WavReader.readAll(path);
            return Resampling.resample(clip.samples(), clip.sampleRate(), rateHz);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Offset of the next block after {@code off}, wrapping to 0 when a whole block no longer fits. */
    static int next(int off, int blockSize, int length) {
        int n = off + blockSize;
        return n + blockSize > length ? 0 : n;
    }
}
