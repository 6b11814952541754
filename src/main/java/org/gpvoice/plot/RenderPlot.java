package org.gpvoice.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.gpvoice.io.MonoClip;

/**
 * One PNG that shows what a render did, three panes sharing the time axis:
 *
 * <ol>
 *   <li>the input's log spectrogram ({@link Spectrogram}: 46 ms Hann, hop 5 ms, 0 Hz to min(fs/2, 8 kHz), linear
 *       frequency, {@link #DYNAMIC_RANGE_DB} dB shown), with each block's fitted spectral-mixture components drawn as
 *       dots at their centre frequencies, size and opacity growing with the weight in dB relative to the block's
 *       largest ({@link #WEIGHT_RANGE_DB} dB below it is the smallest dot), and the F0 track as a line;
 *   <li>the output's log spectrogram on the same dB scale (both relative to the louder of the two);
 *   <li>the frame energy (20 ms RMS, dB full scale) of input and output.
 * </ol>
 *
 * Drawn with Java2D into an off-screen image; no display is needed (the class sets {@code java.awt.headless} if nobody
 * has). A block's dots sit at the centre of the block, where its analysis window is centred.
 */
public final class RenderPlot {
    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 1400;
    public static final int HEIGHT = 900;
    /** Range of the spectrogram colour scale (dB below the louder spectrogram's peak). */
    public static final double DYNAMIC_RANGE_DB = 70;
    /** Component weights this far below the block's largest get the smallest, faintest dot. */
    public static final double WEIGHT_RANGE_DB = 40;
    /** Top of the frequency axis when the Nyquist frequency is higher (Hz). */
    public static final double MAX_PLOT_HZ = 8000;
    /** Blocks whose dots would fall closer than this (pixels) to the last drawn block are skipped. */
    public static final double DOT_SPACING_PX = 3;
    /** Rectangular window of the frame-energy envelope (s). */
    public static final double ENERGY_FRAME_S = 0.020;

    static final Color DOT = new Color(0, 229, 255);
    static final Color F0 = new Color(124, 252, 0);
    static final Color IN_LINE = new Color(31, 119, 180);
    static final Color OUT_LINE = new Color(255, 127, 14);

    private static final int LEFT = 78, RIGHT_EDGE = 1290, TOP = 64;
    private static final int SPEC_H = 300, GAP = 22, ENERGY_H = 140;

    private RenderPlot() {}

    /**
     * A plotting area: the rectangle {@code [x, x + width) x [y, y + height)} in pixels, time 0 to {@code t1S} left to
     * right, values {@code yMin} to {@code yMax} bottom to top (Hz for a spectrogram, dB for energy).
     */
    public record Pane(int x, int y, int width, int height, double t1S, double yMin, double yMax) {
        /** Horizontal pixel coordinate of time {@code tS}; the pixel column is its floor. */
        public double px(double tS) {
            return x + tS / t1S * width;
        }

        /** Vertical pixel coordinate of {@code v}; the pixel row is its floor. */
        public double py(double v) {
            return y + height - (v - yMin) / (yMax - yMin) * height;
        }

        /** Time at horizontal pixel coordinate {@code px}. */
        double time(double px) {
            return (px - x) / width * t1S;
        }

        /** Value at vertical pixel coordinate {@code py}. */
        double value(double py) {
            return yMin + (y + height - py) / height * (yMax - yMin);
        }
    }

    /** The three panes. */
    public record Layout(Pane input, Pane output, Pane energy) {}

    /** The panes for a plot of {@code durationS} seconds, 0 to {@code maxHz}, energy from {@code dbMin} to {@code dbMax}. */
    public static Layout layout(double durationS, double maxHz, double dbMin, double dbMax) {
        int w = RIGHT_EDGE - LEFT;
        int y2 = TOP + SPEC_H + GAP, y3 = y2 + SPEC_H + GAP;
        return new Layout(
                new Pane(LEFT, TOP, w, SPEC_H, durationS, 0, maxHz),
                new Pane(LEFT, y2, w, SPEC_H, durationS, 0, maxHz),
                new Pane(LEFT, y3, w, ENERGY_H, durationS, dbMin, dbMax));
    }

    /** Top of the frequency axis for these sample rates: the lower Nyquist frequency, at most 8 kHz. */
    public static double maxHz(int... sampleRates) {
        double f = MAX_PLOT_HZ;
        for (int fs : sampleRates) f = Math.min(f, fs / 2.0);
        return f;
    }

    /**
     * Seconds per block, from the rows' {@code time_s = block * blockSize / fs} (5 ms when no row tells).
     *
     * @param params rows in any order
     */
    public static double blockSeconds(List<BlockParams> params) {
        for (BlockParams p : params) if (p.block() > 0 && p.timeS() > 0) return p.timeS() / p.block();
        return 0.005;
    }

    /**
     * Draws the plot and writes it to {@code png} (overwritten).
     *
     * @param params fitted blocks to draw over the input (empty for none)
     * @param title the first line of the title, e.g. the files and the model
     * @throws IOException naming {@code png} when it cannot be written
     */
    public static void write(Path png, MonoClip in, MonoClip out, List<BlockParams> params, String title)
            throws IOException {
        BufferedImage img = draw(in, out, params, title);
        try (OutputStream os = Files.newOutputStream(png)) {
            if (!ImageIO.write(img, "png", os)) throw new IOException("no PNG writer in this Java runtime");
        } catch (NoSuchFileException e) {
            throw new IOException(png + ": cannot write plot (no such directory: " + parentOf(png) + ")", e);
        } catch (AccessDeniedException e) {
            throw new IOException(png + ": cannot write plot (permission denied)", e);
        } catch (IOException e) {
            throw new IOException(png + ": cannot write plot (" + e.getMessage() + ")", e);
        }
    }

    private static Path parentOf(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? p : parent;
    }

    /** Draws the plot into a new {@link #WIDTH} x {@link #HEIGHT} image. */
    public static BufferedImage draw(MonoClip in, MonoClip out, List<BlockParams> params, String title) {
        double maxHz = maxHz(in.sampleRate(), out.sampleRate());
        double duration = Math.max(in.durationSeconds(), out.durationSeconds());
        if (!(duration > 0)) duration = 1;
        Spectrogram sIn = Spectrogram.of(in.samples(), in.sampleRate(), maxHz);
        Spectrogram sOut = Spectrogram.of(out.samples(), out.sampleRate(), maxHz);
        double[] eIn = Spectrogram.energyDb(in.samples(), in.sampleRate(), ENERGY_FRAME_S);
        double[] eOut = Spectrogram.energyDb(out.samples(), out.sampleRate(), ENERGY_FRAME_S);
        double eMax = Math.max(max(eIn), max(eOut));
        double dbMax = Math.max(-130, 10 * Math.ceil((eMax + 1) / 10));
        Layout lay = layout(duration, maxHz, dbMax - DYNAMIC_RANGE_DB, dbMax);
        double refPower = Math.max(Math.max(sIn.maxPower(), sOut.maxPower()), 1e-30);

        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            paintSpectrogram(img, lay.input(), sIn, refPower);
            paintSpectrogram(img, lay.output(), sOut, refPower);
            drawComponents(g, lay.input(), params);
            drawF0(g, lay.input(), params);
            drawEnergy(g, lay.energy(), eIn, in.sampleRate(), eOut, out.sampleRate());

            drawFrequencyAxis(g, lay.input());
            drawFrequencyAxis(g, lay.output());
            drawDbAxis(g, lay.energy());
            drawTimeTicks(g, lay.input(), false);
            drawTimeTicks(g, lay.output(), false);
            drawTimeTicks(g, lay.energy(), true);
            drawColourBar(g, lay.input(), lay.output());

            paneLabel(g, lay.input(), "input");
            paneLabel(g, lay.output(), "output (resynthesis)");
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            g.setColor(Color.BLACK);
            g.drawString(
                    "frame energy (20 ms RMS)", lay.energy().x(), lay.energy().y() - 5);
            if (!params.isEmpty()) componentLegend(g, lay.input());
            energyLegend(g, lay.energy());

            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
            centred(g, title, WIDTH / 2.0, 26);
            g.setColor(new Color(80, 80, 80));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            centred(
                    g,
                    String.format(
                            Locale.ROOT,
                            "log power spectrograms: %.0f ms Hann frames, hop %.0f ms, %.0f dB range, one scale for both"
                                    + "%s",
                            Spectrogram.FRAME_S * 1000,
                            Spectrogram.HOP_S * 1000,
                            DYNAMIC_RANGE_DB,
                            params.isEmpty() ? "" : dotsNote(lay.input(), params)),
                    WIDTH / 2.0,
                    46);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static String dotsNote(Pane pane, List<BlockParams> params) {
        double blockS = blockSeconds(params);
        int every = (int) Math.ceil(DOT_SPACING_PX / (pane.px(blockS) - pane.px(0)) - 1e-9);
        return every <= 1
                ? String.format(
                        Locale.ROOT, "; dots: fitted spectral-mixture components of every %.0f ms block", blockS * 1e3)
                : String.format(
                        Locale.ROOT,
                        "; dots: fitted spectral-mixture components of one %.0f ms block in %d",
                        blockS * 1e3,
                        every);
    }

    /** Fills the pane pixel by pixel: each pixel shows the mean power of the frames and bins it covers. */
    private static void paintSpectrogram(BufferedImage img, Pane pane, Spectrogram s, double refPower) {
        int[] m0 = new int[pane.width()], m1 = new int[pane.width()]; // frame range [m0, m1] per column
        for (int i = 0; i < pane.width(); i++) {
            double a = pane.time(pane.x() + i) / s.hopSeconds(), b = pane.time(pane.x() + i + 1) / s.hopSeconds();
            cells(a, b, s.frames(), m0, m1, i);
        }
        int[] k0 = new int[pane.height()], k1 = new int[pane.height()]; // bin range per row, row 0 at the top
        for (int j = 0; j < pane.height(); j++) {
            double a = pane.value(pane.y() + j + 1) / s.binHz(), b = pane.value(pane.y() + j) / s.binHz();
            cells(a, b, s.bins(), k0, k1, j);
        }
        double floorDb = 10 * Math.log10(refPower) - DYNAMIC_RANGE_DB;
        for (int j = 0; j < pane.height(); j++) {
            for (int i = 0; i < pane.width(); i++) {
                int rgb = ColorMap.inferno(0);
                if (m0[i] >= 0 && k0[j] >= 0) {
                    double sum = 0;
                    for (int m = m0[i]; m <= m1[i]; m++) for (int k = k0[j]; k <= k1[j]; k++) sum += s.power(m, k);
                    double mean = sum / ((m1[i] - m0[i] + 1) * (k1[j] - k0[j] + 1));
                    double db = 10 * Math.log10(mean + 1e-300);
                    rgb = ColorMap.inferno((db - floorDb) / DYNAMIC_RANGE_DB);
                }
                img.setRGB(pane.x() + i, pane.y() + j, rgb);
            }
        }
    }

    /**
     * The grid points (integers) in {@code [a, b)}, or the nearest one when none is; -1 when outside {@code [0, n)}.
     * Writes {@code lo[at]} and {@code hi[at]}.
     */
    private static void cells(double a, double b, int n, int[] lo, int[] hi, int at) {
        int first = (int) Math.ceil(a), last = (int) Math.ceil(b) - 1;
        if (last < first) first = last = (int) Math.round((a + b) / 2);
        first = Math.max(first, 0);
        last = Math.min(last, n - 1);
        if (first > last) first = last = -1;
        lo[at] = first;
        hi[at] = last;
    }

    private static void drawComponents(Graphics2D g, Pane pane, List<BlockParams> params) {
        double half = blockSeconds(params) / 2;
        Rectangle2D clip = new Rectangle2D.Double(pane.x(), pane.y(), pane.width(), pane.height());
        g.setClip(clip);
        Ellipse2D.Double dot = new Ellipse2D.Double();
        double lastX = Double.NEGATIVE_INFINITY;
        for (BlockParams p : params) {
            double wMax = 0;
            for (double w : p.weight()) wMax = Math.max(wMax, w);
            if (!(wMax > 0)) continue;
            double x = pane.px(p.timeS() + half);
            if (Math.abs(x - lastX) < DOT_SPACING_PX) continue; // keep the dots of one block apart from the next
            lastX = x;
            for (int q = 0; q < p.components(); q++) {
                double f = p.freqHz()[q], w = p.weight()[q];
                if (!(w > 0) || !(f >= pane.yMin()) || f > pane.yMax()) continue;
                double s = dotScale(w, wMax);
                double r = dotRadius(s);
                g.setColor(withAlpha(DOT, dotAlpha(s)));
                dot.setFrame(x - r, pane.py(f) - r, 2 * r, 2 * r);
                g.fill(dot);
            }
        }
        g.setClip(null);
    }

    /** Dot radius (pixels) for {@link #dotScale} {@code s}. */
    static double dotRadius(double s) {
        return 0.9 + 1.5 * s;
    }

    /** Dot opacity for {@link #dotScale} {@code s}. */
    static double dotAlpha(double s) {
        return 0.2 + 0.7 * s;
    }

    /** 0 for a weight {@link #WEIGHT_RANGE_DB} dB or more below {@code wMax}, 1 at {@code wMax}, linear in dB. */
    static double dotScale(double w, double wMax) {
        double rel = 10 * Math.log10(w / wMax);
        return Math.max(0, Math.min(1, 1 + rel / WEIGHT_RANGE_DB));
    }

    private static void drawF0(Graphics2D g, Pane pane, List<BlockParams> params) {
        double half = blockSeconds(params) / 2;
        Path2D.Double path = new Path2D.Double();
        long last = Long.MIN_VALUE;
        for (BlockParams p : params) {
            double f = p.f0Hz();
            if (!(f > 0) || f > pane.yMax()) {
                last = Long.MIN_VALUE;
                continue;
            }
            double x = pane.px(p.timeS() + half), y = pane.py(f);
            if (last != Long.MIN_VALUE && p.block() - last <= 2) path.lineTo(x, y);
            else path.moveTo(x, y);
            last = p.block();
        }
        g.setClip(new Rectangle2D.Double(pane.x(), pane.y(), pane.width(), pane.height()));
        g.setStroke(new BasicStroke(3.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0, 0, 0, 150));
        g.draw(path);
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(F0);
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
        g.setClip(null);
    }

    private static void drawEnergy(Graphics2D g, Pane pane, double[] eIn, int fsIn, double[] eOut, int fsOut) {
        g.setColor(new Color(248, 248, 248));
        g.fillRect(pane.x(), pane.y(), pane.width(), pane.height());
        g.setColor(new Color(225, 225, 225));
        for (double db = pane.yMin() + 10; db < pane.yMax(); db += 10)
            g.draw(new Line2D.Double(pane.x(), pane.py(db), pane.x() + pane.width(), pane.py(db)));
        g.setClip(new Rectangle2D.Double(pane.x(), pane.y(), pane.width(), pane.height()));
        g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        energyLine(g, pane, eIn, fsIn, IN_LINE);
        energyLine(g, pane, eOut, fsOut, OUT_LINE);
        g.setStroke(new BasicStroke(1f));
        g.setClip(null);
    }

    private static void energyLine(Graphics2D g, Pane pane, double[] db, int fs, Color c) {
        double hopS = Math.max(1, Math.round(Spectrogram.HOP_S * fs)) / (double) fs;
        Path2D.Double path = new Path2D.Double();
        for (int m = 0; m < db.length; m++) {
            double x = pane.px(m * hopS), y = pane.py(Math.max(db[m], pane.yMin() - 1));
            if (m == 0) path.moveTo(x, y);
            else path.lineTo(x, y);
        }
        g.setColor(c);
        g.draw(path);
    }

    private static void drawFrequencyAxis(Graphics2D g, Pane pane) {
        frame(g, pane);
        double stepHz = pane.yMax() >= 4000 ? 1000 : pane.yMax() >= 1000 ? 500 : 100;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double f = 0; f <= pane.yMax() + 1e-9; f += stepHz) {
            double y = pane.py(f);
            g.setColor(Color.BLACK);
            g.draw(new Line2D.Double(pane.x() - 5, y, pane.x(), y));
            String label = stepHz >= 1000
                    ? String.format(Locale.ROOT, "%.0f", f / 1000)
                    : String.format(Locale.ROOT, "%.1f", f / 1000);
            rightAligned(g, label, pane.x() - 8, y + 4);
        }
        verticalLabel(g, "frequency (kHz)", pane.x() - 40, pane.y() + pane.height() / 2.0);
    }

    private static void drawDbAxis(Graphics2D g, Pane pane) {
        frame(g, pane);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double db = pane.yMin(); db <= pane.yMax() + 1e-9; db += 20) {
            double y = pane.py(db);
            g.setColor(Color.BLACK);
            g.draw(new Line2D.Double(pane.x() - 5, y, pane.x(), y));
            rightAligned(g, String.format(Locale.ROOT, "%.0f", db), pane.x() - 8, y + 4);
        }
        verticalLabel(g, "level (dB FS)", pane.x() - 44, pane.y() + pane.height() / 2.0);
    }

    private static void drawTimeTicks(Graphics2D g, Pane pane, boolean labels) {
        double step = niceStep(pane.t1S() / 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.BLACK);
        int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
        for (int i = 0; i * step <= pane.t1S() + 1e-9; i++) {
            double t = i * step, x = pane.px(t), yb = pane.y() + pane.height();
            g.draw(new Line2D.Double(x, yb, x, yb + 5));
            if (labels) centred(g, String.format(Locale.ROOT, "%." + decimals + "f", t), x, yb + 18);
        }
        if (labels) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            centred(g, "time (s)", pane.x() + pane.width() / 2.0, pane.y() + pane.height() + 36);
        }
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    private static void drawColourBar(Graphics2D g, Pane top, Pane bottom) {
        int x = top.x() + top.width() + 18, w = 14, y0 = top.y(), y1 = bottom.y() + bottom.height();
        for (int y = y0; y < y1; y++) {
            g.setColor(new Color(ColorMap.inferno(1 - (y - y0 + 0.5) / (y1 - y0))));
            g.fillRect(x, y, w, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, y0, w, y1 - y0);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int db = 0; db <= DYNAMIC_RANGE_DB; db += 10) {
            double y = y0 + db / DYNAMIC_RANGE_DB * (y1 - y0);
            g.draw(new Line2D.Double(x + w, y, x + w + 4, y));
            g.drawString(db == 0 ? "0" : "-" + db, x + w + 7, (float) (y + 4));
        }
        verticalLabel(g, "dB re peak", x + w + 44, (y0 + y1) / 2.0);
    }

    private static void frame(Graphics2D g, Pane pane) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(pane.x() - 0.5, pane.y() - 0.5, pane.width() + 1, pane.height() + 1));
    }

    private static void paneLabel(Graphics2D g, Pane pane, String text) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(new Color(0, 0, 0, 150));
        g.fillRect(pane.x() + 6, pane.y() + 6, fm.stringWidth(text) + 10, fm.getHeight() + 2);
        g.setColor(Color.WHITE);
        g.drawString(text, pane.x() + 11, pane.y() + 7 + fm.getAscent());
    }

    private static void componentLegend(Graphics2D g, Pane pane) {
        String[] lines = {
            String.format(
                    Locale.ROOT,
                    "component centre; size and opacity: weight, log scale, 0 to -%.0f dB re the block's largest",
                    WEIGHT_RANGE_DB),
            "F0 (pitch track of the analysis)"
        };
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int width = 0;
        for (String s : lines) width = Math.max(width, fm.stringWidth(s));
        int boxW = width + 46, rowH = fm.getHeight() + 3, boxH = rowH * lines.length + 8;
        int bx = pane.x() + pane.width() - boxW - 6, by = pane.y() + 6;
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(bx, by, boxW, boxH);
        double cy = by + 4 + rowH / 2.0;
        for (int i = 0; i < 4; i++) {
            double s = i / 3.0, r = dotRadius(s);
            g.setColor(withAlpha(DOT, dotAlpha(s)));
            g.fill(new Ellipse2D.Double(bx + 8 + i * 7 - r, cy - r, 2 * r, 2 * r));
        }
        g.setColor(Color.WHITE);
        g.drawString(lines[0], bx + 40, (float) (cy + fm.getAscent() / 2.0 - 1));
        cy += rowH;
        g.setColor(F0);
        g.setStroke(new BasicStroke(1.6f));
        g.draw(new Line2D.Double(bx + 6, cy, bx + 32, cy));
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.WHITE);
        g.drawString(lines[1], bx + 40, (float) (cy + fm.getAscent() / 2.0 - 1));
    }

    /** The two line keys in the gap above the pane, right-aligned, clear of the curves. */
    private static void energyLegend(Graphics2D g, Pane pane) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        String[] names = {"input", "output"};
        Color[] colours = {IN_LINE, OUT_LINE};
        double baseline = pane.y() - 5, cy = baseline - fm.getAscent() / 2.0 + 1;
        double right = pane.x() + pane.width();
        g.setStroke(new BasicStroke(2f));
        for (int i = names.length - 1; i >= 0; i--) {
            right -= fm.stringWidth(names[i]);
            g.setColor(Color.BLACK);
            g.drawString(names[i], (float) right, (float) baseline);
            g.setColor(colours[i]);
            g.draw(new Line2D.Double(right - 30, cy, right - 6, cy));
            right -= 46;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static Color withAlpha(Color c, double alpha) {
        return new Color(
                c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * Math.max(0, Math.min(1, alpha))));
    }

    private static void centred(Graphics2D g, String s, double cx, double baseline) {
        g.drawString(s, (float) (cx - g.getFontMetrics().stringWidth(s) / 2.0), (float) baseline);
    }

    private static void rightAligned(Graphics2D g, String s, double right, double baseline) {
        g.drawString(s, (float) (right - g.getFontMetrics().stringWidth(s)), (float) baseline);
    }

    private static void verticalLabel(Graphics2D g, String s, double x, double cy) {
        AffineTransform saved = g.getTransform();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.translate(x, cy);
        g.rotate(-Math.PI / 2);
        centred(g, s, 0, 0);
        g.setTransform(saved);
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }
}
