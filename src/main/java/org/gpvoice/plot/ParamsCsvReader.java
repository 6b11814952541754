package org.gpvoice.plot;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link org.gpvoice.io.ParamsCsvWriter} writes: a header, then one row per fitted block,
 * {@code block, time_s, f0_hz, env_rms, residual_db, noise_var} and a triple {@code p<q>_hz, w<q>, l<q>_s} per
 * component. A row may hold fewer components than the header names (after a preset switch to a smaller model).
 */
public final class ParamsCsvReader {
    private static final int FIXED = 6;

    private ParamsCsvReader() {}

    /** Every row of {@code path}, in file order; throws naming the file and line for anything malformed. */
    public static List<BlockParams> read(Path path) throws IOException {
        List<BlockParams> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.startsWith("block,time_s,"))
                throw new IOException(path + ": not a gpvoice parameter file (header " + header + ")");
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                rows.add(parse(line, path, lineNo));
            }
        }
        return rows;
    }

    private static BlockParams parse(String line, Path path, int lineNo) throws IOException {
        String[] f = line.split(",", -1);
        if (f.length < FIXED || (f.length - FIXED) % 3 != 0)
            throw new IOException(path + ":" + lineNo + ": expected 6 + 3 Q fields, found " + f.length);
        try {
            int q = (f.length - FIXED) / 3;
            double[] freq = new double[q], weight = new double[q], len = new double[q];
            for (int i = 0; i < q; i++) {
                freq[i] = Double.parseDouble(f[FIXED + 3 * i]);
                weight[i] = Double.parseDouble(f[FIXED + 3 * i + 1]);
                len[i] = Double.parseDouble(f[FIXED + 3 * i + 2]);
            }
            return new BlockParams(
                    Long.parseLong(f[0].trim()),
                    Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]),
                    freq,
                    weight,
                    len);
        } catch (NumberFormatException e) {
            throw new IOException(path + ":" + lineNo + ": not a number (" + e.getMessage() + ")", e);
        }
    }
}
