package org.gpvoice.dsp.fit;

import org.gpvoice.dsp.model.TrimBands;
import org.gpvoice.dsp.spectrum.FitGrid;

/**
 * What share of a block's power each band of {@link TrimBands} holds: the targets of the sampler's band balance
 * ({@link org.gpvoice.dsp.model.SmModel#bandShare}, {@link org.gpvoice.dsp.synth.BandTrimFilter}).
 *
 * <p>A band's share is the power the block would leave at that band's output of the crossover chain over the block's
 * power: {@code sum_j X_j m_b(f_j)^2 / sum_j X_j}, with {@code X_j} the periodogram on the fit grid (each point
 * weighted by its width) from the grid point at or above the fit's lowest frequency up (what lies below is the
 * recording's rumble, which the model is not held to either) and {@code m_b} the band's magnitude ({@link
 * TrimBands#magnitudes}). The synthesis measures its own output's shares the same way, so an output whose spectrum
 * has the block's shape keeps unit gains. The shares sum to a little under 1 (the bands overlap in amplitude, not in
 * power); a block with no power gets NaN in every band (no target: the synthesis keeps its gains).
 *
 * <p>No allocation after construction; one instance per fit thread.
 */
public final class BandTrim {
    private final int from, points, bands;
    private final double[] width;
    private final double[] pass; // per grid point, per band: the band's power response m_b(f_j)^2, at [j * bands + b]

    /** @param from first grid point counted (the first at or above the fit's lowest frequency) */
    public BandTrim(FitGrid grid, double sampleRateHz, int from) {
        TrimBands tb = new TrimBands(sampleRateHz);
        this.from = from;
        points = grid.size;
        bands = tb.bands();
        width = grid.widthHz.clone();
        pass = new double[points * bands];
        double[] m = new double[bands];
        for (int j = 0; j < points; j++) {
            tb.magnitudes(grid.freqHz[j], m);
            for (int b = 0; b < bands; b++) pass[j * bands + b] = m[b] * m[b];
        }
    }

    /** Bands at this grid's sample rate. */
    public int bands() {
        return bands;
    }

    /**
     * Writes each band's share of the block's power into {@code out[0 .. bands())}.
     *
     * @param observed the block's periodogram on the grid, power per point
     */
    public void shares(double[] observed, double[] out) {
        java.util.Arrays.fill(out, 0, bands, 0);
        double total = 0;
        for (int j = from; j < points; j++) {
            double e = observed[j] * width[j];
            for (int b = 0, at = j * bands; b < bands; b++) out[b] += e * pass[at + b];
            total += e;
        }
        double scale = total > 0 && total < Double.POSITIVE_INFINITY ? 1 / total : Double.NaN;
        for (int b = 0; b < bands; b++) out[b] *= scale;
    }
}
