package org.gpvoice.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gpvoice.dsp.model.SmModel;
import org.gpvoice.io.ParamsCsvWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsCsvReaderTest {
    @TempDir
    Path tmp;

    @Test
    void shouldReadBackWhatParamsCsvWriterWritesIncludingShorterRows() throws IOException {
        Path csv = tmp.resolve("p.csv");
        SmModel m = new SmModel(3);
        m.count = 3;
        m.freqHz[0] = 123.456;
        m.freqHz[1] = 2500.5;
        m.freqHz[2] = 7000.25;
        m.weight[0] = 1.5e-3;
        m.weight[1] = 2.25e-6;
        m.weight[2] = 0.125;
        m.lengthscaleS[0] = 0.0125;
        m.lengthscaleS[1] = 3.5e-4;
        m.lengthscaleS[2] = 0.002;
        m.noiseVar = 4.5e-9;
        try (ParamsCsvWriter w = ParamsCsvWriter.create(csv, 3)) {
            w.write(0, 0.0, 0.0, 0.01, -12.5, m);
            m.count = 2; // after a switch to a smaller model the row is shorter than the header
            w.write(7, 0.035, 141.25, 0.02, -9.25, m);
        }
        List<BlockParams> rows = ParamsCsvReader.read(csv);
        assertEquals(2, rows.size());
        BlockParams a = rows.get(0), b = rows.get(1);
        assertEquals(0, a.block());
        assertEquals(3, a.components());
        assertArrayEquals(new double[] {123.456, 2500.5, 7000.25}, a.freqHz(), 1e-3);
        assertArrayEquals(new double[] {1.5e-3, 2.25e-6, 0.125}, a.weight(), 1e-12);
        assertArrayEquals(new double[] {0.0125, 3.5e-4, 0.002}, a.lengthscaleS(), 1e-12);
        assertEquals(4.5e-9, a.noiseVar(), 1e-15);
        assertEquals(-12.5, a.residualDb(), 1e-9);
        assertEquals(0.01, a.envRms(), 1e-9);
        assertEquals(7, b.block());
        assertEquals(0.035, b.timeS(), 1e-9);
        assertEquals(141.25, b.f0Hz(), 1e-9);
        assertEquals(2, b.components());
        assertEquals(0.005, RenderPlot.blockSeconds(rows), 1e-12);
    }

    @Test
    void shouldNameTheFileAndLineOfAMalformedRow() throws IOException {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "block,time_s,f0_hz,env_rms,residual_db,noise_var,p0_hz,w0,l0_s\n0,0,0,1,2,3,x,1,1\n");
        IOException e = assertThrows(IOException.class, () -> ParamsCsvReader.read(csv));
        assertTrue(e.getMessage().contains(csv + ":2"), e.getMessage());
        Path notCsv = tmp.resolve("other.csv");
        Files.writeString(notCsv, "a,b\n");
        e = assertThrows(IOException.class, () -> ParamsCsvReader.read(notCsv));
        assertTrue(e.getMessage().contains(notCsv.toString()), e.getMessage());
    }
}
