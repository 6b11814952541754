package org.gpvoice.io;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link WavWriterTest}: writes {@code frames} frames of a ramp to a mono PCM16 file in blocks
 * of 1000 and halts the JVM without closing the writer (no shutdown hooks, no finalisation).
 */
final class WavWriterHaltHelper {
    private WavWriterHaltHelper() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int frames = Integer.parseInt(args[1]);
        WavWriter w = WavWriter.create(out, 16000, 1, WavWriter.Encoding.PCM16);
        double[] block = new double[1000];
        for (int done = 0; done < frames; ) {
            int n = Math.min(block.length, frames - done);
            for (int i = 0; i < n; i++) block[i] = WavWriterTest.ramp(done + i);
            w.write(block, 0, n);
            done += n;
        }
        Runtime.getRuntime().halt(0);
    }
}
