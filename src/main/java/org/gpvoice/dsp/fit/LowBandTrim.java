package org.gpvoice.dsp.fit;

import org.gpvoice.dsp.model.FloorShape;
import org.gpvoice.dsp.spectrum.FitGrid;

/**
 * How far the sampler's low shelf must pull the output down below {@link #CUTOFF_HZ} so that the model's power there
 * is no more than the block's: the {@link org.gpvoice.dsp.model.SmModel#lowBandGain} of each fit.
 *
 * <p>Why: a Matern-3/2 component's spectrum falls only as the fourth power of the distance from its centre, so a
 * strong, fairly broad component at 200 to 300 Hz (a voice's first harmonic or formant in a block that YIN does not
 * call voiced) carries its tail down to DC. On LJ001-0001 the fitted models held 4 dB more power at 20-100 Hz than the
 * recording (which is 50 dB down there), and the output followed. The fit cannot narrow such a component without
 * missing its peak, and a fixed high-pass would take away what VCTK's rooms do put there. So each block measures the
 * excess itself.
 *
 * <p>The shelf mixes the output with its second-order Butterworth high-pass at {@link #CUTOFF_HZ}, {@code y = g x +
 * (1 - g) HP(x)}, response {@code G(f) = g + (1 - g) A(f)}. With the model's expected periodogram {@code S_j} and the
 * observed one {@code X_j} on the grid points below the cut-off (each weighted by its width), the block asks for the
 * largest {@code g} in {@code [0, 1]} with {@code sum S_j |G(f_j)|^2 = min(sum X_j, sum S_j)}: a quadratic in {@code g},
 * {@code a g^2 + 2 b g + c}, with {@code a = sum S |1 - A|^2}, {@code b = sum S Re(conj(A) (1 - A))}, {@code c = sum S
 * |A|^2}. When the target lies below the quadratic's minimum, {@code g} is where the minimum is. A block whose model
 * holds no more than the recording below the cut-off keeps {@code g = 1}: the shelf never lifts.
 *
 * <p>No allocation after construction; one instance per fit thread.
 */
public final class LowBandTrim {
    /** The shelf's corner: the top of the lowest Bark band, below every voice's usual pitch. */
    public static final double CUTOFF_HZ = 100;

    private final int end; // grid points [1 .. end) lie below the cut-off (point 0 too if it is not DC)
    private final double[] width, aa, ab, bb; // per point: width, |1-A|^2, Re(conj(A)(1-A)), |A|^2

    public LowBandTrim(FitGrid grid, double sampleRateHz) {
        int n = 0;
        while (n < grid.size && grid.freqHz[n] < CUTOFF_HZ) n++;
        end = n;
        width = new double[n];
        aa = new double[n];
        ab = new double[n];
        bb = new double[n];
        FloorShape hp = new FloorShape(sampleRateHz, CUTOFF_HZ);
        double[] resp = new double[2];
        for (int j = 0; j < n; j++) {
            hp.response(grid.freqHz[j], resp);
            double ar = resp[0], ai = resp[1]; // A
            width[j] = grid.widthHz[j];
            aa[j] = (1 - ar) * (1 - ar) + ai * ai;
            ab[j] = ar * (1 - ar) - ai * ai; // Re(conj(A) (1 - A))
            bb[j] = ar * ar + ai * ai;
        }
    }

    /** Grid points the trim looks at (those below the cut-off). */
    public int points() {
        return end;
    }

    /**
     * The shelf gain for one block.
     *
     * @param observed the block's periodogram on the grid, power per point
     * @param model the fitted model's expected periodogram on the grid, in the same units
     */
    public double gain(double[] observed, double[] model) {
        double x = 0, m = 0, a = 0, b = 0, c = 0;
        for (int j = 0; j < end; j++) {
            double s = model[j] * width[j];
            x += observed[j] * width[j];
            m += s;
            a += s * aa[j];
            b += s * ab[j];
            c += s * bb[j];
        }
        if (!(m > 0) || !(x < m) || !(a > 0) || Double.isInfinite(m)) return 1;
        double disc = b * b - a * (c - x);
        double g = disc > 0 ? (-b + Math.sqrt(disc)) / a : -b / a;
        return g > 1 ? 1 : (g > 0 ? g : 0);
    }
}
