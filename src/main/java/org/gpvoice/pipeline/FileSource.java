package org.gpvoice.pipeline;

import java.io.IOException;
import java.util.Arrays;
import org.gpvoice.io.WavReader;

/** Streams a WAV file block by block (mono mix), with no allocation per block. */
public final class FileSource implements BlockSource {
    private final WavReader reader;

    public FileSource(WavReader reader) {
        this.reader = reader;
    }

    @Override
    public int sampleRate() {
        return reader.sampleRate();
    }

    @Override
    public long frames() {
        return reader.frames();
    }

    @Override
    public int read(double[] block) throws IOException {
        int got = 0;
        while (got < block.length) {
            int r = reader.readMono(block, got, block.length - got);
            if (r < 0) break;
            got += r;
        }
        if (got == 0) return -1;
        Arrays.fill(block, got, block.length, 0);
        return got;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
