package org.gpvoice.dsp.fit;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.gpvoice.dsp.model.FloorShape;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.ModelResizer;
import org.gpvoice.dsp.model.SmModel;
import org.gpvoice.dsp.spectrum.BlockAnalysis;
import org.gpvoice.dsp.spectrum.FitGrid;
import org.gpvoice.dsp.spectrum.Periodogram;

/**
 * Incremental spectral-mixture fit: every block, a few Levenberg-Marquardt steps on the log of the expected
 * periodogram, warm-started from the previous block's parameters.
 *
 * <h2>Model of what the periodogram sees</h2>
 *
 * Component {@code q} has area {@code a_q = s_q^2} (its variance), centre {@code p_q} Hz and spectral standard
 * deviation {@code sigma_q} Hz (a Gaussian peak: the Gaussian SM kernel with {@code l_q = 1 / (sqrt 2 pi sigma_q)}).
 * A Hann-windowed periodogram does not see {@code S} but {@code S} convolved with the window's power response; with
 * that response approximated by a unit-area Gaussian of variance {@code sw^2} (same peak, see
 * {@code Periodogram#windowSigmaHz}) and the grid's box average of variance {@code box_j}, the expected value at grid
 * point {@code j} is
 *
 * <pre>
 *   M_j = sum_q a_q / 2 * [N(f_j; p_q, v_qj) + N(f_j; -p_q, v_qj)] + exp(nu),
 *   v_qj = sigma_q^2 + sw^2 + box_j + glide_q
 * </pre>
 *
 * (the squared widths add), so the fitted {@code sigma_q} is the process's own width, free to go down to a few Hz:
 * long coherence on harmonics, which is what makes the output sound voiced. {@code exp(nu)} is the white floor,
 * {@code noiseVar = exp(nu) fs}, shaped below {@code floorCutoffHz} by {@link FloorShape}. The mirror peak at {@code
 * -p_q} is kept wherever it reaches the grid (low, broad components), so mass near DC is paid for. {@code glide_q = (k
 * dF0/dt st)^2} for the k-th harmonic, with {@code st} the window's time spread: a pitch that glides within the window
 * widens the observed peak, and that width is the glide (which the synthesis reproduces by following the pitch from
 * block to block), not a loss of coherence.
 *
 * <h2>Loss</h2>
 *
 * {@code sum_j w_j [(y_j - ln M_j)^2 + mu (ln M_j - ln M0_j)^2]}: the log-spectrum error against the bias-corrected
 * log periodogram {@code y}, plus the seed's smoothness term toward the log spectrum {@code M0} of the warm start
 * (the previous block's model). The two combine exactly into one least-squares fit of {@code ln M} to the blended
 * target {@code (y + mu ln M0) / (1 + mu)}. The weights are the grid's equal-weight-per-ERB weighting times
 * {@code 1 + peakWeight} on the strongest point of each cell (the seed's Bark-band-maximum emphasis).
 *
 * <h2>Cells</h2>
 *
 * Each component lives in its own frequency cell, which bounds its centre: in voiced blocks the lowest cells are the
 * harmonics {@code [(k - 1/2) F0, (k + 1/2) F0]} of the pitch estimate (so a voice keeps its pitch), the rest divide
 * the spectrum above them evenly on the Bark scale; in unvoiced blocks all cells are Bark bands (the seed's
 * initialisation at Bark-band peaks, for any Q). A component whose previous centre lies in its new cell is warm-started
 * (harmonic components follow the pitch ratio); otherwise it is re-seeded at its cell's strongest point and marked
 * {@link SmModel#reborn}. Cells cannot overlap, so components cannot get stuck together; a component whose peak falls
 * 20 dB under the floor is re-seeded on its cell's largest positive residual.
 *
 * <h2>Cost</h2>
 *
 * A component touches only grid points within 5 standard deviations of its centre, or as far as its kernel tail
 * stays above -60 dB of its peak ({@link #TAIL_RANGE}), so the Jacobian is sparse and the normal matrix {@code J^T W J}
 * is accumulated pair by pair over overlapping supports only; pairs more than {@link #MAX_BLOCK_BAND} cells apart
 * whose coupling is negligible are bounded from running sums instead of summed. It is then solved by banded-arrow
 * Cholesky (or EJML's dense one) at size {@code 3Q + 1}. Everything is allocated in the constructor; {@link #fit}
 * allocates nothing. A step that produces a non-finite value, or a matrix that is not positive definite, keeps the last
 * good parameters and is counted in {@link #failedSteps()}.
 */
public final class SmFitter {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double LOG_TINY = Math.log(1e-30);
    /** Floor added to the periodogram before the log: about -120 dB re a full-scale variance, spread over fs. */
    static final double POWER_FLOOR_VAR = 1e-12;

    private final int capacity;
    private final FitGrid grid;
    private final int gridSize;
    private final double sampleRateHz;
    private final double nyquistHz;
    private final double winVar; // window response variance, Hz^2
    private final double winTimeSigmaS; // window power time spread, s
    private final double blockSeconds;
    private final double[] glideVar; // (capacity) Hz^2, pitch-glide broadening of harmonic components
    private final double[] floorShape; // (G) |H(f_j)|^2 of the floor's high-pass
    private static final double FOUR_PI2 = 4 * Math.PI * Math.PI;
    // the sampler's kernel tail: Matern order n (0 = none), lam = tailKappa * sigma, E_n = tailNorm / lam * r^n
    private final int tailOrder;
    private final double tailKappa, tailNorm, tailReach;
    private double floorCutoffHz;
    private FitConfig cfg;
    private int q; // active components

    // parameters, (capacity): ln a, p (Hz), ln sigma
    private final double[] alpha, freq, beta;
    private double nu;
    // trial parameters
    private final double[] tAlpha, tFreq, tBeta;
    private double tNu;
    // cells, (capacity)
    private final double[] cellLo, cellHi, cellMaxSigma;
    private final int[] cellJ0, cellJ1;
    private final boolean[] harmonicCell, reborn;
    private double layoutF0; // F0 of the current layout, 0 = unvoiced layout
    private boolean initialised;
    // a change of component count carries the model over (ModelResizer) in this scratch model; the slots it changed
    // are reported reborn with the next block's model, so the sampler crossfades them
    private final SmModel carried;
    private final boolean[] carriedReborn;

    // observations, (gridSize)
    private final double[] y, target, weight;
    private final double[] invLin; // (gridSize) 1 / M_j of the evaluation in progress
    // (capacity) each peak's shape in the evaluation in progress, for its slopes
    private final double[] kA2, kVq, kS2, kL2, kC4, kAmp, kSw;
    private final double maxBoxVar; // largest box variance of the grid, Hz^2
    private final int[] kMirror;
    // two evaluation workspaces, swapped on acceptance
    private Eval cur, trial;
    // the chord method's workspaces: the Jacobian's evaluation (kept through the steps taken on it), the two value-only
    // evaluations that take turns as current and trial, and the undamped normal matrix with its diagonal
    private final Eval evB, evC, jacE;
    private final double[] h0, hDiag;
    private final DMatrixRMaj normal, rhs, step;
    private final double[] diagExtra; // (3 capacity + 1)
    private final LinearSolverDense<DMatrixRMaj> solver;

    private long failedSteps, reseeds, blocks;
    private double lmLambda = 1e-2; // LM damping, carried from block to block like the parameters
    private double lambda; // the damping of the block's current step (starts from lmLambda)
    /**
     * How far under its own peak a component's kernel tail is fitted. A Matern-3/2 line falls as {@code f^-4}, so a
     * harmonic 20 Hz wide is still 40 dB under its peak 300 Hz away, where a voice's spectrum can be 60 dB under it:
     * below the fundamental, and in the valleys between harmonics and formants. Cut at -40 dB (as it was), the fit
     * never saw that part of the tails it would synthesize, and the output's mel bands stood 10 to 20 dB over the
     * recording's there. On 7 LJSpeech and VCTK clips, -40 / -50 / -60 dB gave 6.57 / 6.14 / 5.74 dB log-mel, and
     * -80 dB about 0.1 dB better again at twice the fit's cost of -60 dB (docs/BENCHMARKS.md).
     */
    static final double TAIL_RANGE = 1e6;

    /** A block's LM steps stop once an accepted step lowers the loss by less than this fraction. */
    static final double EARLY_STOP = 0.01;
    /**
     * A warm level within this of its cell's energy (ln 2: 3 dB) is left to the fit and the smoothness term, so that
     * small block-to-block differences stay smooth (they modulate the component's gain at the block rate).
     */
    static final double ENERGY_GAP = Math.log(2);

    private double residualDb;

    /** Workspace of one model evaluation. */
    private static final class Eval {
        final double[] linear, log; // (G)
        final double[] jA, jP, jB; // (capacity * G), component q's derivative at point j in [q * G + j]
        final double[] jN; // (G)
        // (capacity) each peak's grid points [lo, hi): its whole support after a value-only evaluation, its Jacobian's
        // span (see JACOBIAN_SHARE) after one with the Jacobian
        final int[] lo, hi;
        final double[] sqA, sqP, sqB; // (capacity * G) running sums over the support of w_j * (column entry)^2
        double cost;

        Eval(int capacity, int g) {
            linear = new double[g];
            log = new double[g];
            jA = new double[capacity * g];
            jP = new double[capacity * g];
            jB = new double[capacity * g];
            jN = new double[g];
            lo = new int[capacity];
            hi = new int[capacity];
            sqA = new double[capacity * g];
            sqP = new double[capacity * g];
            sqB = new double[capacity * g];
        }
    }

    /**
     * @param capacity largest component count this fitter will ever run (sizes every buffer)
     * @param grid the fit grid of the analysis
     * @param periodogram the analysis periodogram (sample rate, window response width and time spread)
     * @param blockSize samples per block
     * @param tailOrder Matern order n of the kernel the sampler draws from (its PSD tails fall as {@code f^-2n}), or 0
     *     to fit pure Gaussian peaks
     */
    public SmFitter(int capacity, FitGrid grid, Periodogram periodogram, int blockSize, int tailOrder, FitConfig cfg) {
        if (cfg.components() > capacity)
            throw new IllegalArgumentException("components " + cfg.components() + " > capacity " + capacity);
        this.capacity = capacity;
        this.grid = grid;
        this.gridSize = grid.size;
        this.sampleRateHz = periodogram.sampleRateHz();
        this.nyquistHz = sampleRateHz / 2;
        this.winVar = periodogram.windowSigmaHz() * periodogram.windowSigmaHz();
        this.winTimeSigmaS = periodogram.timeSigmaS();
        this.blockSeconds = blockSize / sampleRateHz;
        glideVar = new double[capacity];
        if (tailOrder < 0 || tailOrder > 6)
            throw new IllegalArgumentException("tail order must be 0 to 6: " + tailOrder);
        this.tailOrder = tailOrder;
        if (tailOrder > 0) {
            double root = Math.sqrt(Math.pow(2, 1.0 / tailOrder) - 1);
            tailKappa = Math.PI * 2 * Math.sqrt(2 * Math.log(2)) / root; // same FWHM as the Gaussian of sd sigma
            double binom = 1; // C(2n-2, n-1)
            for (int i = 1; i <= tailOrder - 1; i++) binom = binom * (tailOrder - 1 + i) / i;
            tailNorm = 2 * Math.pow(4, tailOrder - 1) / binom;
            tailReach = Math.sqrt(Math.pow(TAIL_RANGE, 1.0 / tailOrder) - 1);
        } else {
            tailKappa = tailNorm = tailReach = 0;
        }
        floorShape = new double[gridSize];
        alpha = new double[capacity];
        freq = new double[capacity];
        beta = new double[capacity];
        tAlpha = new double[capacity];
        tFreq = new double[capacity];
        tBeta = new double[capacity];
        cellLo = new double[capacity];
        cellHi = new double[capacity];
        cellMaxSigma = new double[capacity];
        cellJ0 = new int[capacity];
        cellJ1 = new int[capacity];
        harmonicCell = new boolean[capacity];
        reborn = new boolean[capacity];
        carried = new SmModel(capacity);
        carriedReborn = new boolean[capacity];
        y = new double[gridSize];
        target = new double[gridSize];
        weight = new double[gridSize];
        invLin = new double[gridSize];
        kA2 = new double[capacity];
        kVq = new double[capacity];
        kS2 = new double[capacity];
        kL2 = new double[capacity];
        double mb = 0;
        for (int j = 0; j < gridSize; j++) mb = Math.max(mb, grid.boxVar[j]);
        maxBoxVar = mb;
        kC4 = new double[capacity];
        kAmp = new double[capacity];
        kSw = new double[capacity];
        kMirror = new int[capacity];
        cur = new Eval(capacity, gridSize);
        trial = new Eval(capacity, gridSize);
        evB = cur;
        evC = trial;
        jacE = new Eval(capacity, gridSize);
        h0 = new double[(3 * capacity + 1) * (3 * capacity + 1)];
        hDiag = new double[3 * capacity + 1];
        int np = 3 * capacity + 1;
        normal = new DMatrixRMaj(np, np);
        diagExtra = new double[np];
        rhs = new DMatrixRMaj(np, 1);
        step = new DMatrixRMaj(np, 1);
        solver = LinearSolverFactory_DDRM.chol(np);
        configure(cfg);
    }

    /**
     * Changes the settings; a change of component count keeps the model (the next block re-lays the cells, warm
     * components keep their place). Call from the thread that calls {@link #fit}; allocates nothing.
     */
    public void configure(FitConfig c) {
        if (c.components() > capacity)
            throw new IllegalArgumentException("components " + c.components() + " > capacity " + capacity);
        if (cfg != null && c.components() != q) {
            layoutF0 = -1; // force a re-layout
            if (initialised) carryOver(c.components(), cfg.kernel());
        }
        this.cfg = c;
        this.q = c.components();
        if (c.floorCutoffHz() != floorCutoffHz) {
            FloorShape shape = new FloorShape(sampleRateHz, c.floorCutoffHz());
            for (int j = 0; j < gridSize; j++) floorShape[j] = shape.powerResponse(grid.freqHz[j]);
            floorCutoffHz = c.floorCutoffHz();
        }
    }

    /**
     * Fits one block and writes the model (count, weights, centres, kernel lengthscales, noise, reborn flags) to
     * {@code out}. The model's level is the periodogram's; the caller rescales it to the block envelope.
     */
    public void fit(BlockAnalysis an, SmModel out) {
        blocks++;
        final int g = gridSize;
        final double floorPsd = POWER_FLOOR_VAR / sampleRateHz;
        for (int j = 0; j < g; j++) y[j] = Math.log(an.gridPower[j] + floorPsd) - grid.logBias[j];

        boolean silent = an.windowMeanSquare < 1e-10;
        if (!(silent && initialised)) {
            layout(an.f0Hz);
            initialiseComponents(an.f0Hz);
            fitSteps();
            reseedDead();
        }
        writeModel(out);
    }

    // ---------------------------------------------------------------- cells

    private void layout(double f0) {
        final int nq = q;
        int h = 0;
        if (f0 > 0) {
            h = (int) Math.min(Math.round(cfg.harmonicFraction() * nq), Math.floor(cfg.harmonicMaxHz() / f0));
            h = (int) Math.min(h, Math.floor(nyquistHz / f0 - 0.5));
            h = Math.max(0, h);
        }
        for (int k = 0; k < h; k++) {
            cellLo[k] = (k + 0.5) * f0;
            cellHi[k] = (k + 1.5) * f0;
            harmonicCell[k] = true;
            cellMaxSigma[k] = f0 / 3;
        }
        // no component lives below the lowest pitch a voice has: the spectrum there is 50 dB down, at the level of
        // the analysis window's leakage, and a component fitted to that leakage would put it into the output
        double start = h > 0 ? (h + 0.5) * f0 : Math.max(grid.freqHz[0], cfg.lowestHz());
        double z0 = bark(start), z1 = bark(nyquistHz);
        int nb = nq - h;
        for (int i = 0; i < nb; i++) {
            int k = h + i;
            cellLo[k] = barkToHz(z0 + (z1 - z0) * i / nb);
            cellHi[k] = barkToHz(z0 + (z1 - z0) * (i + 1) / nb);
            harmonicCell[k] = false;
            // a component's mass stays near its cell and clear of DC: sigma <= half the cell width and <= p / 3
            cellMaxSigma[k] = Math.max(cfg.minWidthHz() * 2, Math.min(0.5 * (cellHi[k] - cellLo[k]), cellLo[k] / 3));
        }
        for (int k = 0; k < nq; k++) {
            cellJ0[k] = grid.indexAtOrAbove(cellLo[k]);
            cellJ1[k] = Math.max(cellJ0[k], grid.indexAtOrAbove(cellHi[k]));
        }
    }

    private void initialiseComponents(double f0) {
        final int nq = q;
        final double prevF0 = layoutF0;
        double glideHzPerS = f0 > 0 && prevF0 > 0 ? (f0 - prevF0) / blockSeconds : 0;
        for (int k = 0; k < nq; k++) {
            double g = harmonicCell[k] ? (k + 1) * glideHzPerS * winTimeSigmaS : 0;
            glideVar[k] = g * g;
        }
        for (int k = 0; k < nq; k++) {
            reborn[k] = false;
            double slack = 0.5 * (cellHi[k] - cellLo[k]);
            boolean warm = initialised && freq[k] >= cellLo[k] - slack && freq[k] < cellHi[k] + slack;
            if (warm && harmonicCell[k] && prevF0 > 0) freq[k] *= f0 / prevF0; // follow the pitch
            if (warm) {
                // a cell that moved a little keeps its component (clamped in), only a far move re-seeds it
                freq[k] = clamp(freq[k], cellLo[k], cellHi[k] - 1e-6);
                if (harmonicCell[k]) snapToPeak(k);
            } else {
                reseedAtPeak(k);
            }
            beta[k] = clamp(beta[k], Math.log(cfg.minWidthHz()), Math.log(cellMaxSigma[k]));
        }
        if (initialised) startFromCellEnergy();
        if (!initialised) {
            double min = Double.MAX_VALUE;
            for (int j = 0; j < gridSize; j++) min = Math.min(min, y[j]);
            nu = min;
        }
        layoutF0 = f0;
        initialised = true;
    }

    /**
     * A warm component keeps its centre and width but starts from its cell's observed energy above the floor, when
     * that is at least a tenth of the cell's energy and more than {@link #ENERGY_GAP} away from its warm level: the
     * log-spectrum fit pulls a peak's level only through the few grid points its core covers, and a handful of steps
     * from the last block's level can leave it tens of dB short when the voice changes fast (an onset, a formant moving
     * through a harmonic). The energy is what the mel bands and the listener hear, so the fit starts from it and
     * refines shape and position.
     */
    private void startFromCellEnergy() {
        final double level = Math.exp(nu);
        for (int k = 0; k < q; k++) {
            if (reborn[k]) continue; // a re-seeded component already starts from its cell's energy
            double energy = 0, floorEnergy = 0;
            for (int j = cellJ0[k]; j < cellJ1[k]; j++) {
                energy += Math.exp(y[j]) * grid.widthHz[j];
                floorEnergy += level * floorShape[j] * grid.widthHz[j];
            }
            double above = energy - floorEnergy;
            if (above > 0.1 * energy) {
                double target = Math.log(2 * above);
                if (Math.abs(target - alpha[k]) > ENERGY_GAP) alpha[k] = target;
            }
        }
    }

    /**
     * A harmonic component starts from its cell's observed peak when that lies more than two window widths away:
     * a Gaussian peak's pull fades beyond a few widths, so LM alone would not find it.
     */
    private void snapToPeak(int k) {
        int best = -1;
        for (int j = cellJ0[k]; j < cellJ1[k]; j++) if (best < 0 || y[j] > y[best]) best = j;
        if (best >= 0 && Math.abs(grid.freqHz[best] - freq[k]) > 2 * Math.sqrt(winVar)) freq[k] = grid.freqHz[best];
    }

    /** Re-seeds component k at its cell's strongest point with the cell's energy. */
    private void reseedAtPeak(int k) {
        int j0 = cellJ0[k], j1 = cellJ1[k];
        double energy = 0;
        int best = -1;
        for (int j = j0; j < j1; j++) {
            energy += Math.exp(y[j]) * grid.widthHz[j];
            if (best < 0 || y[j] > y[best]) best = j;
        }
        if (best < 0) { // a cell narrower than one grid point
            freq[k] = 0.5 * (cellLo[k] + cellHi[k]);
            int j = Math.min(gridSize - 1, grid.indexAtOrAbove(freq[k]));
            energy = Math.exp(y[j]) * (cellHi[k] - cellLo[k]);
        } else {
            freq[k] = grid.freqHz[best];
        }
        double sigma = harmonicCell[k] ? 3.0 : (cellHi[k] - cellLo[k]) / 6;
        beta[k] = Math.log(Math.max(cfg.minWidthHz(), Math.min(sigma, cellMaxSigma[k])));
        alpha[k] = Math.log(Math.max(1e-30, 2 * energy));
        reborn[k] = true;
        reseeds++;
    }

    // ---------------------------------------------------------------- LM

    private void fitSteps() {
        final int g = gridSize;
        for (int j = 0; j < g; j++) weight[j] = grid.baseWeight[j];
        for (int k = 0; k < q; k++) {
            int best = -1;
            for (int j = cellJ0[k]; j < cellJ1[k]; j++) if (best < 0 || y[j] > y[best]) best = j;
            if (best >= 0) weight[best] *= 1 + cfg.peakWeight();
        }
        // warm start's log spectrum = the smoothness anchor; evaluate it with the Jacobian for the first step
        System.arraycopy(y, 0, target, 0, g);
        final boolean chord = cfg.jacobianSteps() > 1;
        if (chord) {
            cur = jacE;
            trial = evB;
        }
        evaluate(alpha, freq, beta, nu, cur, true);
        double mu = blocks > 1 ? cfg.smoothness() : 0;
        for (int j = 0; j < g; j++) target[j] = (y[j] + mu * cur.log[j]) / (1 + mu);
        cur.cost = cost(cur);
        if (!Double.isFinite(cur.cost)) {
            failedSteps++;
            return;
        }
        lambda = Math.max(1e-4, lmLambda * 0.1);
        final int np = 3 * q + 1;
        if (chord) {
            chordSteps(np);
            return;
        }
        for (int it = 0; it < cfg.iterations(); it++) {
            int bw = buildNormalEquations(np, lambda);
            if (!solveNormalEquations(np, bw)) {
                failedSteps++;
                lambda = Math.min(1e6, lambda * 10);
                continue;
            }
            proposeStep();
            // the last step's trial is not stepped from: its value decides acceptance, its Jacobian would go unused
            evaluate(tAlpha, tFreq, tBeta, tNu, trial, it + 1 < cfg.iterations());
            if (judgeTrial()) break;
        }
        finishSteps();
    }

    /**
     * Costs the evaluated trial and takes it when it lowers the cost (damping down), else keeps the current point
     * (damping up; a non-finite cost is counted as a failed step). Returns true when the step taken gained under
     * {@link #EARLY_STOP} of the cost: more steps would not be heard. Used by both step loops.
     */
    private boolean judgeTrial() {
        trial.cost = cost(trial);
        if (!Double.isFinite(trial.cost)) {
            failedSteps++;
            lambda *= 10;
            return false;
        }
        if (!(trial.cost < cur.cost)) {
            lambda = Math.min(1e6, lambda * 10);
            return false;
        }
        boolean converged = cur.cost - trial.cost < EARLY_STOP * cur.cost;
        System.arraycopy(tAlpha, 0, alpha, 0, q);
        System.arraycopy(tFreq, 0, freq, 0, q);
        System.arraycopy(tBeta, 0, beta, 0, q);
        nu = tNu;
        Eval prev = cur;
        cur = trial;
        // the chord method's kept Jacobian (jacE) is never overwritten by a trial: the next trial takes a free buffer
        trial = prev == jacE ? (cur == evB ? evC : evB) : prev;
        lambda = Math.max(1e-7, lambda / 3);
        return converged;
    }

    /** Keeps the damping for the next block and measures the block's fit residual (dB, ERB-weighted RMS). */
    private void finishSteps() {
        lmLambda = lambda;
        double num = 0, den = 0;
        for (int j = 0; j < gridSize; j++) {
            double r = y[j] - cur.log[j];
            num += grid.baseWeight[j] * r * r;
            den += grid.baseWeight[j];
        }
        residualDb = 10 / Math.log(10) * Math.sqrt(num / den);
    }

    /** LM steps on the Jacobian of the block's start (chord method): one matrix build, a right-hand side per step. */
    private void chordSteps(int np) {
        int bw = buildNormalEquations(np, 0);
        final int nn = np * np;
        System.arraycopy(normal.data, 0, h0, 0, nn);
        boolean first = true;
        for (int it = 0; it < cfg.iterations(); it++) {
            if (!first && it % cfg.jacobianSteps() == 0 && cur != jacE) {
                evaluate(alpha, freq, beta, nu, jacE, true);
                jacE.cost = cur.cost;
                Eval prev = cur;
                cur = jacE;
                trial = prev;
                bw = buildNormalEquations(np, 0);
                System.arraycopy(normal.data, 0, h0, 0, nn);
            } else if (!first) {
                System.arraycopy(h0, 0, normal.data, 0, nn);
                jacobianRhs(np);
            }
            first = false;
            for (int i = 0; i < np; i++) normal.data[i * np + i] += lambda * hDiag[i];
            if (!solveNormalEquations(np, bw)) {
                failedSteps++;
                lambda = Math.min(1e6, lambda * 10);
                continue;
            }
            proposeStep();
            evaluate(tAlpha, tFreq, tBeta, tNu, trial, false);
            if (judgeTrial()) break;
        }
        finishSteps();
    }

    /** {@code J^T W (target - ln M)} with the block-start Jacobian and the current model. */
    private void jacobianRhs(int np) {
        final Eval e = jacE;
        final int g = gridSize;
        final double[] lg = cur.log;
        for (int a = 0; a < q; a++) {
            int la = e.lo[a], ha = e.hi[a], ba = a * g;
            double rA = 0, rP = 0, rB = 0;
            for (int j = la; j < ha; j++) {
                double wr = weight[j] * (target[j] - lg[j]);
                rA += wr * e.jA[ba + j];
                rP += wr * e.jP[ba + j];
                rB += wr * e.jB[ba + j];
            }
            rhs.data[3 * a] = rA;
            rhs.data[3 * a + 1] = rP;
            rhs.data[3 * a + 2] = rB;
        }
        double rn = 0;
        for (int j = 0; j < g; j++) rn += weight[j] * e.jN[j] * (target[j] - lg[j]);
        rhs.data[3 * q] = rn;
    }

    private double cost(Eval e) {
        double c = 0;
        for (int j = 0; j < gridSize; j++) {
            double r = target[j] - e.log[j];
            c += weight[j] * r * r;
        }
        return c;
    }

    /**
     * Model of {@code ln M} at the given parameters into {@code e}, and its Jacobian when {@code jacobian} (without,
     * {@code e}'s Jacobian entries are stale and must not be stepped from).
     */
    private void evaluate(double[] al, double[] fr, double[] be, double n, Eval e, boolean jacobian) {
        final int g = gridSize;
        final double[] lin = e.linear;
        final double floor = Math.exp(n);
        for (int j = 0; j < g; j++) lin[j] = floor * floorShape[j];
        final double[] fj = grid.freqHz, box = grid.boxVar;
        for (int k = 0; k < q; k++) {
            double a2 = 0.5 * Math.exp(al[k]);
            double s2 = Math.exp(2 * be[k]);
            double vq = s2 + winVar + glideVar[k];
            // support: where the peak stays above 1% of the floor (it cannot change ln M by more than 0.01 there),
            // at least 3 and at most 5 core standard deviations, and as far as its kernel tail reaches that level
            double vc = vq + box[Math.min(g - 1, grid.indexAtOrAbove(fr[k]))];
            double cut = 0.01 * floor;
            double ratio = a2 / (SQRT_2PI * Math.sqrt(vc) * cut);
            double half = Math.sqrt(vc) * clamp(ratio > 1 ? Math.sqrt(2 * Math.log(ratio)) : 0, 3, 5);
            double lam = 0, tailC4 = 0, tailAmp = 0, swBeta = 0;
            if (tailOrder > 0) {
                lam = tailKappa * Math.sqrt(s2);
                double x = a2 * tailNorm / (lam * cut); // E_n(d) = tailNorm / lam * (1 + w^2 / lam^2)^-n
                if (x > 1) {
                    double reach = lam / (2 * Math.PI) * Math.sqrt(Math.pow(x, 1.0 / tailOrder) - 1);
                    half = Math.max(half, Math.min(reach, lam / (2 * Math.PI) * tailReach));
                }
                double c2 = 9 * vq; // the tail takes over beyond about 3 standard deviations of the core
                tailC4 = c2 * c2;
                tailAmp = a2 * tailNorm / lam;
                swBeta = -4 * tailC4 * s2 / vq;
            }
            int hi = grid.indexAtOrAbove(fr[k] + half);
            int mirrorHi = grid.indexAtOrAbove(half - fr[k]); // the peak at -p reaches points below half - p
            int lo = mirrorHi > 0 ? 0 : grid.indexAtOrAbove(fr[k] - half);
            e.lo[k] = lo;
            e.hi[k] = hi;
            final int base = k * g, mirrorTop = Math.min(hi, mirrorHi);
            final double p = fr[k], l2 = lam * lam;
            // the peak's values into e.jA (scratch when !jacobian): the tail over the whole support, the core near p
            final double[] v = e.jA;
            java.util.Arrays.fill(v, base + lo, base + hi, 0);
            if (tailC4 > 0) {
                addTail(tailOrder, v, base, lo, hi, p, l2, tailC4, tailAmp);
                addTail(tailOrder, v, base, lo, mirrorTop, -p, l2, tailC4, tailAmp);
            }
            addCore(v, base, lo, hi, p, a2, vq);
            addCore(v, base, lo, mirrorTop, -p, a2, vq);
            for (int j = lo; j < hi; j++) lin[j] += v[base + j];
            kA2[k] = a2;
            kVq[k] = vq;
            kS2[k] = s2;
            kL2[k] = l2;
            kC4[k] = tailC4;
            kAmp[k] = tailAmp;
            kSw[k] = swBeta;
            kMirror[k] = mirrorHi;
        }
        if (!jacobian) {
            for (int j = 0; j < g; j++) e.log[j] = Math.log(lin[j]);
            return;
        }
        // the Jacobian only where the peak is at least JACOBIAN_SHARE of the model: the span from the first such point
        // to the last (the model itself counted every peak over its whole support)
        for (int k = 0; k < q; k++) {
            final int base = k * g;
            int lo = e.lo[k], hi = e.hi[k];
            while (lo < hi && e.jA[base + lo] < JACOBIAN_SHARE * lin[lo]) lo++;
            while (hi > lo && e.jA[base + hi - 1] < JACOBIAN_SHARE * lin[hi - 1]) hi--;
            e.lo[k] = lo;
            e.hi[k] = hi;
            final int mirrorTop = Math.min(hi, kMirror[k]);
            final double p = fr[k];
            java.util.Arrays.fill(e.jA, base + lo, base + hi, 0);
            java.util.Arrays.fill(e.jP, base + lo, base + hi, 0);
            java.util.Arrays.fill(e.jB, base + lo, base + hi, 0);
            if (kC4[k] > 0) {
                addTailSlopes(tailOrder, e, base, lo, hi, p, -1, kL2[k], kC4[k], kAmp[k], kSw[k]);
                addTailSlopes(tailOrder, e, base, lo, mirrorTop, -p, 1, kL2[k], kC4[k], kAmp[k], kSw[k]);
            }
            addCoreSlopes(e, base, lo, hi, p, -1, kA2[k], kVq[k], kS2[k]);
            addCoreSlopes(e, base, lo, mirrorTop, -p, 1, kA2[k], kVq[k], kS2[k]);
        }
        final double[] invLin = this.invLin;
        for (int j = 0; j < g; j++) {
            e.log[j] = Math.log(lin[j]);
            double inv = 1 / lin[j];
            invLin[j] = inv;
            e.jN[j] = floor * floorShape[j] * inv;
        }
        for (int k = 0; k < q; k++) {
            int base = k * g;
            for (int j = e.lo[k]; j < e.hi[k]; j++) {
                double inv = invLin[j];
                e.jA[base + j] *= inv;
                e.jP[base + j] *= inv;
                e.jB[base + j] *= inv;
            }
        }
    }

    /**
     * Share of the model at a grid point under which a peak's slopes there are left out of the Jacobian (its value
     * always counts). Matern tails fall only as {@code f^-2n}: each of 24 components reached over half the grid, and
     * most of the normal equations' cost went into tails far under loud neighbours.
     */
    static final double JACOBIAN_SHARE = 1e-4;

    /*
     * One peak of area 2 a2 seen at offset d Hz from its centre is the window-convolved Gaussian core a2 N(d; v), v =
     * vq + box_j, plus, when the sampler's kernel has polynomial tails (Matern order n), the kernel's exact far-field
     * PSD a2 E_n(d; lam) = tailAmp (lam^2 / (lam^2 + w^2))^n, w = 2 pi d, switched in beyond about three core standard
     * deviations by sw = d^4 / (d^4 + c^4). Far from the peak the window does not change a smooth PSD, so this is what
     * the periodogram will see of the synthesized tails; fitting it makes the fit pay for them. The tail is summed over
     * a whole support in loops without branches, the core only near its centre, each for the peak at +p and, near 0
     * Hz, its mirror at -p.
     */

    /** Adds the tail of order {@code n} at centre {@code p} to {@code v[base + j]}, j in [lo, hi). */
    private void addTail(int n, double[] v, int base, int lo, int hi, double p, double l2, double c4, double amp) {
        if (n == 2) addTail2(grid.freqHz, v, base, lo, hi, p, l2, c4, amp);
        else addTailN(n, grid.freqHz, v, base, lo, hi, p, l2, c4, amp);
    }

    /** {@link #addTailN} for n = 2 (Matern-3/2) with the power written out, one division a point. */
    private static void addTail2(
            double[] f, double[] v, int base, int lo, int hi, double p, double l2, double c4, double amp) {
        for (int j = lo; j < hi; j++) {
            double d = f[j] - p, d2 = d * d, d4 = d2 * d2;
            double l = l2 + FOUR_PI2 * d2;
            v[base + j] += amp * l2 * l2 * d4 / (l * l * (d4 + c4));
        }
    }

    private static void addTailN(
            int n, double[] f, double[] v, int base, int lo, int hi, double p, double l2, double c4, double amp) {
        for (int j = lo; j < hi; j++) {
            double d = f[j] - p, d2 = d * d, d4 = d2 * d2;
            double r = l2 / (l2 + FOUR_PI2 * d2), rn = r;
            for (int i = 1; i < n; i++) rn *= r;
            v[base + j] += amp * rn * d4 / (d4 + c4);
        }
    }

    /**
     * Adds the tail's value, d/dp and d/dbeta at centre {@code p} to {@code e.jA, e.jP, e.jB}; {@code sign} is -1 for
     * the peak at +p (d = f - p moves against p) and +1 for its mirror.
     */
    private void addTailSlopes(
            int n,
            Eval e,
            int base,
            int lo,
            int hi,
            double p,
            double sign,
            double l2,
            double c4,
            double amp,
            double sb) {
        if (n == 2) addTailSlopes2(grid.freqHz, e, base, lo, hi, p, sign, l2, c4, amp, sb);
        else addTailSlopesN(n, grid.freqHz, e, base, lo, hi, p, sign, l2, c4, amp, sb);
    }

    /** {@link #addTailSlopesN} for n = 2 (Matern-3/2) with the powers written out. */
    private static void addTailSlopes2(
            double[] f,
            Eval e,
            int base,
            int lo,
            int hi,
            double p,
            double sign,
            double l2,
            double c4,
            double amp,
            double swBeta) {
        final double[] jA = e.jA, jP = e.jP, jB = e.jB;
        for (int j = lo; j < hi; j++) {
            double d = f[j] - p, d2 = d * d, d4 = d2 * d2;
            double inv4 = 1 / (d4 + c4);
            double invL = 1 / (l2 + FOUR_PI2 * d2);
            double r = l2 * invL;
            double tOverD = amp * r * r * d2 * d * inv4;
            double t = tOverD * d;
            double dd = t * (-4 * FOUR_PI2 * d * invL) + tOverD * (4 * c4 * inv4);
            jA[base + j] += t;
            jP[base + j] += sign * dd;
            jB[base + j] += t * (3 - 4 * r + swBeta * inv4);
        }
    }

    private static void addTailSlopesN(
            int n,
            double[] f,
            Eval e,
            int base,
            int lo,
            int hi,
            double p,
            double sign,
            double l2,
            double c4,
            double amp,
            double swBeta) {
        final double[] jA = e.jA, jP = e.jP, jB = e.jB;
        for (int j = lo; j < hi; j++) {
            double d = f[j] - p, d2 = d * d, d4 = d2 * d2;
            double inv4 = 1 / (d4 + c4);
            double invL = 1 / (l2 + FOUR_PI2 * d2);
            double r = l2 * invL, rn = r;
            for (int i = 1; i < n; i++) rn *= r;
            double tOverD = amp * rn * d2 * d * inv4; // t / d, t = amp r^n sw
            double t = tOverD * d;
            // d t / d(offset) = t d ln E / dd + (t / d) d ln sw / d ln d, d ln sw / d ln d = 4 c^4 / (d^4 + c^4)
            double dd = t * (-n * 2 * FOUR_PI2 * d * invL) + tOverD * (4 * c4 * inv4);
            jA[base + j] += t;
            jP[base + j] += sign * dd;
            // d ln E / d ln lam (lam is proportional to sigma), and the switch's c^4 = 81 vq^2 moves with sigma too:
            // d ln sw / d beta = -4 c^4 s2 / (vq (d^4 + c^4)) = swBeta inv4
            jB[base + j] += t * ((2 * n - 1) - 2 * n * r + swBeta * inv4);
        }
    }

    /**
     * The span of [lo, hi) where the core at centre {@code p} is above {@code exp(-CORE_CUT)} of its peak (beyond, it
     * is under 1e-17 of it: far under any tail or floor), into {@link #coreLo} and {@link #coreHi}.
     */
    private void coreSpan(int lo, int hi, double p, double vq) {
        double reach = Math.sqrt(2 * CORE_CUT * (vq + maxBoxVar));
        coreLo = Math.max(lo, grid.indexAtOrAbove(p - reach));
        coreHi = Math.max(coreLo, Math.min(hi, grid.indexAtOrAbove(p + reach)));
    }

    private int coreLo, coreHi;

    /** Adds the core at centre {@code p} to {@code v[base + j]}, j in [lo, hi). */
    private void addCore(double[] v, int base, int lo, int hi, double p, double a2, double vq) {
        coreSpan(lo, hi, p, vq);
        final double[] f = grid.freqHz, box = grid.boxVar;
        for (int j = coreLo; j < coreHi; j++) {
            double d = f[j] - p, vj = vq + box[j], e2 = 0.5 * d * d / vj;
            if (e2 < CORE_CUT) v[base + j] += a2 / (SQRT_2PI * Math.sqrt(vj)) * Math.exp(-e2);
        }
    }

    /** Adds the core's value, d/dp and d/dbeta at centre {@code p}; {@code sign} as in {@link #addTailSlopes}. */
    private void addCoreSlopes(
            Eval e, int base, int lo, int hi, double p, double sign, double a2, double vq, double s2) {
        coreSpan(lo, hi, p, vq);
        final double[] f = grid.freqHz, box = grid.boxVar;
        for (int j = coreLo; j < coreHi; j++) {
            double d = f[j] - p, vj = vq + box[j], e2 = 0.5 * d * d / vj;
            if (!(e2 < CORE_CUT)) continue;
            double gv = a2 / (SQRT_2PI * Math.sqrt(vj)) * Math.exp(-e2);
            e.jA[base + j] += gv;
            e.jP[base + j] += sign * (-gv * d / vj);
            e.jB[base + j] += gv * (d * d / (vj * vj) - 1 / vj) * s2;
        }
    }

    /** {@code e2 = d^2 / 2v} beyond which the Gaussian core is left out: {@code exp(-40) = 4e-18}. */
    private static final double CORE_CUT = 40;

    /**
     * Solves the normal equations into {@code step}: banded-arrow Cholesky when the band is narrow (the usual case),
     * EJML's dense Cholesky otherwise. Returns false when the matrix is not positive definite.
     */
    private boolean solveNormalEquations(int np, int bw) {
        if (3 * bw >= np) {
            if (!solver.setA(normal)) return false;
            solver.solve(rhs, step);
            return true;
        }
        if (!BandedArrowCholesky.factor(normal.data, np, np, bw)) return false;
        System.arraycopy(rhs.data, 0, step.data, 0, np);
        BandedArrowCholesky.solve(normal.data, np, np, bw, step.data);
        return true;
    }

    /**
     * Components more than this many cells apart are not coupled in the Gauss-Newton matrix: their (small) coupling
     * through far tails is moved onto the diagonal instead, which keeps the matrix banded (see buildNormalEquations).
     */
    static final int MAX_BLOCK_BAND = 2;

    /**
     * {@code (J^T W J + lambda diag) step = J^T W (target - ln M)}, accumulated over overlapping supports only. Returns
     * the half-bandwidth of the component part in scalar rows (the floor row is dense).
     */
    private int buildNormalEquations(int np, double lambda) {
        normal.reshape(np, np);
        rhs.reshape(np, 1);
        step.reshape(np, 1);
        java.util.Arrays.fill(normal.data, 0, np * np, 0);
        java.util.Arrays.fill(rhs.data, 0, np, 0);
        final Eval e = cur;
        final int g = gridSize;
        final double[] h = normal.data;
        final int nIdx = 3 * q;
        int blockBw = 0;
        java.util.Arrays.fill(diagExtra, 0, np, 0);
        for (int a = 0; a < q; a++) {
            int la = e.lo[a], ha = e.hi[a], ba = a * g;
            double rA = 0, rP = 0, rB = 0, nA = 0, nP = 0, nB = 0;
            double cA = 0, cP = 0, cB = 0;
            for (int j = la; j < ha; j++) {
                double w = weight[j], xa = e.jA[ba + j], xp = e.jP[ba + j], xb = e.jB[ba + j];
                double wr = w * (target[j] - e.log[j]);
                rA += wr * xa;
                rP += wr * xp;
                rB += wr * xb;
                double wn = w * e.jN[j];
                nA += wn * xa;
                nP += wn * xp;
                nB += wn * xb;
                e.sqA[ba + j] = cA += w * xa * xa;
                e.sqP[ba + j] = cP += w * xp * xp;
                e.sqB[ba + j] = cB += w * xb * xb;
            }
            rhs.data[3 * a] = rA;
            rhs.data[3 * a + 1] = rP;
            rhs.data[3 * a + 2] = rB;
            h[(3 * a) * np + nIdx] = h[nIdx * np + 3 * a] = nA;
            h[(3 * a + 1) * np + nIdx] = h[nIdx * np + 3 * a + 1] = nP;
            h[(3 * a + 2) * np + nIdx] = h[nIdx * np + 3 * a + 2] = nB;
        }
        for (int a = 0; a < q; a++) {
            int la = e.lo[a], ha = e.hi[a], ba = a * g;
            // the whole-support sums: the diagonal of a's own block
            double da = e.sqA[ba + ha - 1], dp = e.sqP[ba + ha - 1], dbb = e.sqB[ba + ha - 1];
            for (int b = a; b < q; b++) {
                int lo = Math.max(la, e.lo[b]), hi = Math.min(ha, e.hi[b]);
                if (lo >= hi) continue;
                int bb = b * g;
                if (b - a > MAX_BLOCK_BAND) {
                    // Cauchy-Schwarz over the overlap, |sum w x y| <= sqrt(sum w x^2) sqrt(sum w y^2), from the
                    // running sums: when that bound is small beside both components' own curvature the pair's
                    // coupling is negligible, and the bound itself goes onto the diagonals (see below) without a pass
                    // over the overlap. Most far-apart pairs meet only where both tails are far under the spectrum.
                    int lb = e.lo[b], hb = e.hi[b];
                    double xa = overlapSum(e.sqA, ba, la, lo, hi),
                            xp = overlapSum(e.sqP, ba, la, lo, hi),
                            xb = overlapSum(e.sqB, ba, la, lo, hi);
                    double ya = overlapSum(e.sqA, bb, lb, lo, hi),
                            yp = overlapSum(e.sqP, bb, lb, lo, hi),
                            yb = overlapSum(e.sqB, bb, lb, lo, hi);
                    double ea = e.sqA[bb + hb - 1], ep = e.sqP[bb + hb - 1], eb = e.sqB[bb + hb - 1];
                    double tol = NEGLIGIBLE * NEGLIGIBLE;
                    if (xa * ya <= tol * da * ea
                            && xp * yp <= tol * dp * ep
                            && xb * yb <= tol * dbb * eb
                            && xa * yb <= tol * da * eb
                            && xb * ya <= tol * dbb * ea) {
                        xa = Math.sqrt(xa);
                        xp = Math.sqrt(xp);
                        xb = Math.sqrt(xb);
                        ya = Math.sqrt(ya);
                        yp = Math.sqrt(yp);
                        yb = Math.sqrt(yb);
                        double sx = xa + xp + xb, sy = ya + yp + yb;
                        int r0 = 3 * a, c0 = 3 * b;
                        diagExtra[r0] += xa * sy;
                        diagExtra[r0 + 1] += xp * sy;
                        diagExtra[r0 + 2] += xb * sy;
                        diagExtra[c0] += ya * sx;
                        diagExtra[c0 + 1] += yp * sx;
                        diagExtra[c0 + 2] += yb * sx;
                        continue;
                    }
                }
                double aa = 0, ap = 0, ab = 0, pa = 0, pp = 0, pb = 0, ba2 = 0, bp = 0, bbv = 0;
                for (int j = lo; j < hi; j++) {
                    double w = weight[j];
                    double xa = w * e.jA[ba + j], xp = w * e.jP[ba + j], xb = w * e.jB[ba + j];
                    double ya = e.jA[bb + j], yp = e.jP[bb + j], yb = e.jB[bb + j];
                    aa += xa * ya;
                    ap += xa * yp;
                    ab += xa * yb;
                    pa += xp * ya;
                    pp += xp * yp;
                    pb += xp * yb;
                    ba2 += xb * ya;
                    bp += xb * yp;
                    bbv += xb * yb;
                }
                int r0 = 3 * a, c0 = 3 * b;
                if (b - a > MAX_BLOCK_BAND) {
                    // far apart: move the coupling onto the diagonals (|x| to both ends). A - D + diag(|D| row sums)
                    // = A + (a diagonally dominant, hence PSD, matrix): still SPD and no smaller than J^T W J, so the
                    // step stays a descent direction, and the matrix stays banded
                    diagExtra[r0] += Math.abs(aa) + Math.abs(ap) + Math.abs(ab);
                    diagExtra[r0 + 1] += Math.abs(pa) + Math.abs(pp) + Math.abs(pb);
                    diagExtra[r0 + 2] += Math.abs(ba2) + Math.abs(bp) + Math.abs(bbv);
                    diagExtra[c0] += Math.abs(aa) + Math.abs(pa) + Math.abs(ba2);
                    diagExtra[c0 + 1] += Math.abs(ap) + Math.abs(pp) + Math.abs(bp);
                    diagExtra[c0 + 2] += Math.abs(ab) + Math.abs(pb) + Math.abs(bbv);
                    continue;
                }
                if (b - a > blockBw) blockBw = b - a;
                set2(h, np, r0, c0, aa);
                set2(h, np, r0, c0 + 1, ap);
                set2(h, np, r0, c0 + 2, ab);
                set2(h, np, r0 + 1, c0, pa);
                set2(h, np, r0 + 1, c0 + 1, pp);
                set2(h, np, r0 + 1, c0 + 2, pb);
                set2(h, np, r0 + 2, c0, ba2);
                set2(h, np, r0 + 2, c0 + 1, bp);
                set2(h, np, r0 + 2, c0 + 2, bbv);
            }
        }
        double nn = 0, rn = 0;
        for (int j = 0; j < g; j++) {
            nn += weight[j] * e.jN[j] * e.jN[j];
            rn += weight[j] * e.jN[j] * (target[j] - e.log[j]);
        }
        h[nIdx * np + nIdx] = nn;
        rhs.data[nIdx] = rn;
        for (int i = 0; i < np; i++) hDiag[i] = h[i * np + i];
        for (int i = 0; i < np; i++) h[i * np + i] += diagExtra[i] + lambda * h[i * np + i] + 1e-9;
        return 3 * blockBw + 2;
    }

    /** Sum over {@code [lo, hi)} of a component's running sums {@code run[base + j]}, which start at {@code start}. */
    private static double overlapSum(double[] run, int base, int start, int lo, int hi) {
        return run[base + hi - 1] - (lo > start ? run[base + lo - 1] : 0);
    }

    /**
     * A far-apart pair whose coupling bound is under this fraction of their own curvatures is not summed. At 0.05 the
     * seed preset's fit (peak weight 250) lost its pitch (F0 error 37 to 212 cents on the 7 clips); at 0.01 default-24
     * and the seed preset both match or beat summing every pair (log-mel 5.74 against 5.88 dB at 24 components).
     */
    static final double NEGLIGIBLE = 0.01;

    private static void set2(double[] h, int np, int r, int c, double v) {
        h[r * np + c] = v;
        h[c * np + r] = v;
    }

    /**
     * Trial parameters: current + step, the whole step scaled down (direction kept) if any parameter would move beyond
     * its trust region (ln a and nu by 3, ln sigma by 2, p by a quarter of its cell), then projected onto the cell and
     * width bounds.
     */
    private void proposeStep() {
        final double[] s = step.data;
        double scale = 1;
        for (int k = 0; k < q; k++) {
            double span = cellHi[k] - cellLo[k];
            scale = Math.min(scale, 3 / Math.max(3, Math.abs(s[3 * k])));
            scale = Math.min(scale, 0.25 * span / Math.max(0.25 * span, Math.abs(s[3 * k + 1])));
            scale = Math.min(scale, 2 / Math.max(2, Math.abs(s[3 * k + 2])));
        }
        scale = Math.min(scale, 3 / Math.max(3, Math.abs(s[3 * q])));
        final double minB = Math.log(cfg.minWidthHz());
        for (int k = 0; k < q; k++) {
            tAlpha[k] = Math.max(LOG_TINY, alpha[k] + scale * s[3 * k]);
            tFreq[k] = clamp(freq[k] + scale * s[3 * k + 1], cellLo[k], Math.min(cellHi[k], nyquistHz) - 1e-6);
            tBeta[k] = clamp(beta[k] + scale * s[3 * k + 2], minB, Math.log(cellMaxSigma[k]));
        }
        tNu = Math.max(LOG_TINY, nu + scale * s[3 * q]);
    }

    /**
     * A component that explains nothing (its peak under 1% of the observed power at its centre) while its cell holds
     * a peak the model misses by more than 6 dB moves to the strongest such point.
     */
    private void reseedDead() {
        for (int k = 0; k < q; k++) {
            double s2 = Math.exp(2 * beta[k]);
            double peak = 0.5 * Math.exp(alpha[k]) / (SQRT_2PI * Math.sqrt(s2 + winVar + glideVar[k]));
            int jc = Math.min(gridSize - 1, grid.indexAtOrAbove(freq[k]));
            if (peak >= 0.01 * Math.exp(y[jc])) continue;
            int best = -1; // the strongest observed point that the model misses by more than 6 dB
            for (int j = cellJ0[k]; j < cellJ1[k]; j++) {
                if (y[j] - cur.log[j] > Math.log(4) && (best < 0 || y[j] > y[best])) best = j;
            }
            if (best < 0) continue; // nothing unexplained: leave it
            double excess = Math.exp(y[best]) - cur.linear[best];
            freq[k] = grid.freqHz[best];
            double sigma = harmonicCell[k] ? 3.0 : Math.max(cfg.minWidthHz(), grid.widthHz[best]);
            beta[k] = Math.log(Math.min(sigma, cellMaxSigma[k]));
            double v = Math.exp(2 * beta[k]) + winVar + glideVar[k] + grid.boxVar[best];
            alpha[k] = Math.log(Math.max(1e-30, 2 * excess * SQRT_2PI * Math.sqrt(v)));
            reborn[k] = true;
            reseeds++;
        }
    }

    /**
     * Carries the fitted components over to {@code newQ} components: split (growing) or merged (shrinking) by
     * frequency with the total variance kept ({@link ModelResizer}), rather than reset. The next block re-lays the
     * cells for the new count and starts warm from these.
     */
    private void carryOver(int newQ, Kernel kernel) {
        carried.count = q;
        for (int k = 0; k < q; k++) {
            carried.weight[k] = Math.exp(alpha[k]);
            carried.freqHz[k] = freq[k];
            carried.lengthscaleS[k] = lengthscaleFromSigma(kernel, Math.exp(beta[k]));
            carried.reborn[k] = false;
        }
        ModelResizer.resize(carried, newQ, kernel);
        for (int k = 0; k < newQ; k++) {
            alpha[k] = Math.log(Math.max(1e-30, carried.weight[k]));
            freq[k] = carried.freqHz[k];
            beta[k] = Math.log(kernel.fwhmHz(carried.lengthscaleS[k]) / FWHM_PER_SIGMA);
            carriedReborn[k] = carried.reborn[k];
        }
    }

    private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

    private void writeModel(SmModel out) {
        out.count = q;
        for (int k = 0; k < q; k++) {
            out.weight[k] = Math.exp(alpha[k]);
            out.freqHz[k] = freq[k];
            out.lengthscaleS[k] = lengthscaleFromSigma(cfg.kernel(), Math.exp(beta[k]));
            out.reborn[k] = reborn[k] || carriedReborn[k];
            carriedReborn[k] = false;
        }
        out.noiseVar = Math.exp(nu) * sampleRateHz;
    }

    /**
     * Kernel lengthscale whose envelope has the same full width at half maximum as a Gaussian peak of standard
     * deviation {@code sigmaHz} (exact for the Gaussian kernel: {@code l = 1 / (sqrt 2 pi sigma)}).
     */
    public static double lengthscaleFromSigma(Kernel k, double sigmaHz) {
        if (k == Kernel.GAUSSIAN) return 1 / (Math.sqrt(2) * Math.PI * sigmaHz);
        return Kernel.lengthscaleForFwhm(k, 2 * Math.sqrt(2 * Math.log(2)) * sigmaHz);
    }

    static double clamp(double x, double lo, double hi) {
        return x < lo ? lo : (x > hi ? hi : x);
    }

    /** Traunmueller's Bark scale. */
    static double bark(double f) {
        return 26.81 * f / (1960 + f) - 0.53;
    }

    static double barkToHz(double z) {
        return 1960 * (z + 0.53) / (26.28 - z);
    }

    // ---------------------------------------------------------------- test access

    /**
     * Evaluates {@code ln M} and its Jacobian at the current parameters with parameter {@code idx} (3k + 0 = ln a,
     * 3k + 1 = p, 3k + 2 = ln sigma, 3Q = nu) shifted by {@code delta}; writes ln M to {@code logOut (G)} and, when
     * {@code jacOut} is not null, column {@code col} of the Jacobian to it, and the perturbed component's support
     * {@code [lo, hi)} to {@code supportOut} when not null. Without {@code jacOut} the model is evaluated the way the
     * last LM step's trial is, value only, so the finite-difference test checks that path's values against the
     * Jacobian path's derivatives.
     */
    void probe(int idx, double delta, double[] logOut, int col, double[] jacOut, int[] supportOut) {
        System.arraycopy(alpha, 0, tAlpha, 0, q);
        System.arraycopy(freq, 0, tFreq, 0, q);
        System.arraycopy(beta, 0, tBeta, 0, q);
        double n = nu;
        if (idx == 3 * q) n += delta;
        else if (idx % 3 == 0) tAlpha[idx / 3] += delta;
        else if (idx % 3 == 1) tFreq[idx / 3] += delta;
        else tBeta[idx / 3] += delta;
        evaluate(tAlpha, tFreq, tBeta, n, trial, jacOut != null);
        System.arraycopy(trial.log, 0, logOut, 0, gridSize);
        if (supportOut != null && idx < 3 * q) {
            supportOut[0] = trial.lo[idx / 3];
            supportOut[1] = trial.hi[idx / 3];
        }
        if (jacOut != null) {
            java.util.Arrays.fill(jacOut, 0);
            if (col == 3 * q) {
                System.arraycopy(trial.jN, 0, jacOut, 0, gridSize);
            } else {
                int k = col / 3, base = k * gridSize;
                double[] src = col % 3 == 0 ? trial.jA : (col % 3 == 1 ? trial.jP : trial.jB);
                for (int j = trial.lo[k]; j < trial.hi[k]; j++) jacOut[j] = src[base + j];
            }
        }
    }

    // ---------------------------------------------------------------- read-outs

    /** Weighted RMS error of the last fit, log periodogram vs expected model, dB. */
    public double residualDb() {
        return residualDb;
    }

    /** Steps that failed numerically (kept the previous parameters). */
    public long failedSteps() {
        return failedSteps;
    }

    /** Components re-seeded so far (cell changes and dead components). */
    public long reseeds() {
        return reseeds;
    }

    public int components() {
        return q;
    }

    /** Log of the expected periodogram of the current model on the grid (nepers), {@code (grid.size)}. */
    public double[] modelLog() {
        return cur.log;
    }

    /** The expected periodogram of the current model on the grid (the exponential of {@link #modelLog()}). */
    public double[] modelLinear() {
        return cur.linear;
    }

    /** Bias-corrected log periodogram of the last block on the grid (nepers), {@code (grid.size)}. */
    public double[] observedLog() {
        return y;
    }
}
