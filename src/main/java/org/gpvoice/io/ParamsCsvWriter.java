package org.gpvoice.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.gpvoice.dsp.model.SmModel;

/**
 * Writes the fitted parameters of every block as CSV: {@code block, time_s, f0_hz, env_rms, residual_db, noise_var},
 * then for each component {@code q}: {@code p<q>_hz, w<q>, l<q>_s} (centre, weight = variance, kernel lengthscale).
 * Offline only (it formats text); never on a real-time thread.
 */
public final class ParamsCsvWriter implements AutoCloseable {
    private final BufferedWriter out;
    private final Path path;

    private ParamsCsvWriter(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    public static ParamsCsvWriter create(Path path, int components) throws IOException {
        BufferedWriter w;
        try {
            w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(path + ": cannot write parameter file (" + e.getMessage() + ")", e);
        }
        StringBuilder h = new StringBuilder("block,time_s,f0_hz,env_rms,residual_db,noise_var");
        for (int q = 0; q < components; q++)
            h.append(",p")
                    .append(q)
                    .append("_hz,w")
                    .append(q)
                    .append(",l")
                    .append(q)
                    .append("_s");
        w.write(h.toString());
        w.newLine();
        return new ParamsCsvWriter(path, w);
    }

    public void write(long block, double timeS, double f0Hz, double envRms, double residualDb, SmModel m)
            throws IOException {
        StringBuilder s = new StringBuilder(64 + 48 * m.count);
        s.append(block)
                .append(',')
                .append(String.format(
                        Locale.ROOT, "%.4f,%.2f,%.6g,%.3f,%.6g", timeS, f0Hz, envRms, residualDb, m.noiseVar));
        for (int q = 0; q < m.count; q++) {
            s.append(String.format(Locale.ROOT, ",%.3f,%.6g,%.6g", m.freqHz[q], m.weight[q], m.lengthscaleS[q]));
        }
        out.write(s.toString());
        out.newLine();
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
