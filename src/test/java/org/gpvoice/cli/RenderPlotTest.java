package org.gpvoice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gpvoice.TestAudio;
import org.gpvoice.io.MonoClip;
import org.gpvoice.io.WavReader;
import org.gpvoice.plot.RenderPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpvoice render --plot}: the PNG through the real command line. */
class RenderPlotTest {
    @TempDir
    Path tmp;

    @Test
    void shouldDrawAPlotWhoseInputSpectrogramIsBrighterWhereTheInputIsLoud() throws IOException {
        Path in = TestAudio.example("LJ001-0002.wav"), out = tmp.resolve("o.wav"), png = tmp.resolve("p.png");
        CliRun r = CliRun.of("render", in.toString(), out.toString(), "--plot", png.toString(), "-q", "8");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(
                r.out().matches("(?s).*\\nplot\\s+" + java.util.regex.Pattern.quote(png.toString()) + "\\R.*"),
                r.out());
        assertFalse(r.out().contains("params"), "no params line for the temporary file: " + r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(RenderPlot.WIDTH, img.getWidth());
        assertEquals(RenderPlot.HEIGHT, img.getHeight());

        MonoClip x = WavReader.readAll(in);
        RenderPlot.Layout lay = RenderPlot.layout(x.durationSeconds(), RenderPlot.maxHz(x.sampleRate()), 0, 1);
        RenderPlot.Pane p = lay.input();
        // below the pane's label and legend; red channel only: the component dots are cyan (no red), the colour map's
        // red rises with level
        int y0 = p.y() + 40, y1 = p.y() + p.height();
        double[] column = new double[p.width()];
        double sum = 0, sumSq = 0;
        for (int i = 0; i < p.width(); i++) {
            for (int y = y0; y < y1; y++) {
                int red = (img.getRGB(p.x() + i, y) >> 16) & 0xff;
                column[i] += red;
                sum += red;
                sumSq += (double) red * red;
            }
            column[i] /= y1 - y0;
        }
        double n = (double) p.width() * (y1 - y0), mean = sum / n;
        assertTrue(sumSq / n - mean * mean > 100, "pane blank: variance " + (sumSq / n - mean * mean));

        // the loudest and quietest 100 ms of the input (away from the first and last 50 ms)
        int win = x.sampleRate() / 10;
        double[] s = x.samples();
        double loud = -1, quiet = Double.MAX_VALUE;
        int loudAt = 0, quietAt = 0;
        for (int a = win / 2; a + win + win / 2 <= s.length; a += win / 4) {
            double e = 0;
            for (int i = a; i < a + win; i++) e += s[i] * s[i];
            if (e > loud) {
                loud = e;
                loudAt = a;
            }
            if (e < quiet) {
                quiet = e;
                quietAt = a;
            }
        }
        double bright = columns(column, p, loudAt, win, x.sampleRate());
        double dim = columns(column, p, quietAt, win, x.sampleRate());
        assertTrue(bright > dim + 20, "loudest 100 ms " + bright + ", quietest " + dim);
    }

    @Test
    void shouldKeepTheWavAndExitIoWhenThePlotCannotBeWritten() {
        Path out = tmp.resolve("o.wav"), png = tmp.resolve("no-such-dir").resolve("p.png");
        CliRun r = CliRun.of(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                out.toString(),
                "--plot",
                png.toString(),
                "-q",
                "8");
        assertEquals(ExitCodes.IO, r.code(), r.err());
        assertTrue(r.err().contains(png.toString()), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(Files.exists(out));
        assertFalse(Files.exists(png));
    }

    @Test
    void shouldPlotABaselineWithoutComponents() throws IOException {
        Path out = tmp.resolve("rp.wav"), png = tmp.resolve("rp.png");
        CliRun r = CliRun.of(
                "render",
                TestAudio.example("LJ001-0002.wav").toString(),
                out.toString(),
                "--engine",
                "random-phase",
                "--plot",
                png.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("plot"), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(RenderPlot.WIDTH, img.getWidth());
    }

    /** Mean of the per-column values over the pixel columns of samples {@code [at, at + len)}. */
    private static double columns(double[] column, RenderPlot.Pane p, int at, int len, int fs) {
        int i0 = (int) Math.floor(p.px(at / (double) fs)) - p.x();
        int i1 = (int) Math.floor(p.px((at + len) / (double) fs)) - p.x();
        double sum = 0;
        for (int i = i0; i < i1; i++) sum += column[i];
        return sum / (i1 - i0);
    }
}
