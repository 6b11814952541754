package org.gpvoice.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.gpvoice.io.MonoClip;
import org.junit.jupiter.api.Test;

/** Where things land on the plot: the coordinate mapping, and a component dot drawn where the mapping says. */
class RenderPlotLayoutTest {
    @Test
    void shouldMapTimeAndFrequencyLinearlyOntoThePane() {
        RenderPlot.Layout lay = RenderPlot.layout(2.0, 8000, -70, 0);
        RenderPlot.Pane p = lay.input();
        assertEquals(p.x(), p.px(0), 1e-9);
        assertEquals(p.x() + p.width() / 2.0, p.px(1.0), 1e-9);
        assertEquals(p.x() + p.width(), p.px(2.0), 1e-9);
        assertEquals(p.y() + p.height(), p.py(0), 1e-9);
        assertEquals(p.y() + p.height() / 2.0, p.py(4000), 1e-9);
        assertEquals(p.y(), p.py(8000), 1e-9);
        // the three panes share the time axis, stack top to bottom and fit the image
        assertEquals(p.px(1.3), lay.output().px(1.3), 1e-9);
        assertEquals(p.px(1.3), lay.energy().px(1.3), 1e-9);
        assertTrue(p.y() + p.height() < lay.output().y());
        assertTrue(lay.output().y() + lay.output().height() < lay.energy().y());
        assertTrue(lay.energy().y() + lay.energy().height() < RenderPlot.HEIGHT);
        assertTrue(p.x() + p.width() < RenderPlot.WIDTH);
        assertEquals(
                lay.energy().y() + lay.energy().height() / 2.0, lay.energy().py(-35), 1e-9);
        assertEquals(8000, RenderPlot.maxHz(22050, 22050), 0);
        assertEquals(5512.5, RenderPlot.maxHz(11025, 22050), 0);
    }

    @Test
    void shouldDrawAComponentDotAtItsCentreFrequencyAndBlockCentre() {
        int fs = 16000;
        MonoClip silence = new MonoClip(fs, new double[fs], "test", List.of()); // 1 s: the spectrogram is black
        double[] f = {3000, 6000}, w = {1.0, 1e-6}, l = {0.01, 0.01}; // the second 60 dB down: faintest dot
        BlockParams row = new BlockParams(40, 0.200, 0, 0, 0, 0, f, w, l);
        BufferedImage img = RenderPlot.draw(silence, silence, List.of(row), "test");
        assertEquals(RenderPlot.WIDTH, img.getWidth());
        assertEquals(RenderPlot.HEIGHT, img.getHeight());
        RenderPlot.Pane p = RenderPlot.layout(1.0, 8000, 0, 1).input();
        // time_s = block * 5 ms is the block's start; its analysis window is centred on the block
        int x = (int) Math.floor(p.px(0.2025)), y = (int) Math.floor(p.py(3000));
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        assertTrue(b > 200 && g > 180 && r < 60, String.format("dot pixel at (%d, %d) is #%06x", x, y, rgb & 0xffffff));
        int bg = img.getRGB(x + 8, y) & 0xffffff;
        int dark = img.getRGB(x, (int) Math.floor(p.py(2900))) & 0xffffff; // 3.7 px below the centre
        assertTrue(brightness(bg) < 30 && brightness(dark) < 30, String.format("#%06x, #%06x", bg, dark));
        // the weak component is drawn fainter than the strong one (still visible)
        int weak = img.getRGB(x, (int) Math.floor(p.py(6000)));
        assertTrue(brightness(weak) > brightness(bg) && brightness(weak) < brightness(rgb), "#" + weak);
    }

    @Test
    void shouldScaleDotsByLogWeightRelativeToTheBlocksLargest() {
        assertEquals(1, RenderPlot.dotScale(2.0, 2.0), 1e-12);
        assertEquals(0.5, RenderPlot.dotScale(0.02, 2.0), 1e-12); // -20 dB of a 40 dB range
        assertEquals(0, RenderPlot.dotScale(1e-9, 2.0), 1e-12);
        assertEquals(0.25, RenderPlot.niceStep(0.21), 1e-12);
        assertEquals(1, RenderPlot.niceStep(0.69), 1e-12);
    }

    private static double brightness(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }
}
