package org.gpvoice.dsp.synth;

import java.util.Objects;
import org.gpvoice.dsp.model.Kernel;
import org.gpvoice.dsp.model.SmModel;

/**
 * Draws one continuous sample path of a spectral-mixture process, block by block, with exact state-space recursions.
 *
 * <p><b>Component model.</b> Component {@code q} (weight {@code w}, centre {@code p} Hz, lengthscale {@code l} s) is a
 * complex Matern-(n-1/2) process rotated at its centre frequency; its covariance is {@code w k_n(r) cos(2 pi p r)}:
 *
 * <ul>
 *   <li>{@link Kernel#MATERN12}: {@code n = 1, lam = 1/l} (exact).
 *   <li>{@link Kernel#MATERN32}: {@code n = 2, lam = sqrt(3)/l} (exact).
 *   <li>{@link Kernel#GAUSSIAN}: no finite state space exists. Approximated by Matern-(n-1/2) with {@code n = seOrder}
 *       (1..6, callers default to 3) and {@code lam} chosen so its FWHM equals the Gaussian's: the Matern envelope PSD is
 *       proportional to {@code (lam^2 + 4 pi^2 f^2)^-n}, half maximum at {@code f = lam/(2 pi) sqrt(2^(1/n) - 1)}, so
 *       {@code lam = 2 sqrt(ln 2) / (l sqrt(2^(1/n) - 1))}. Error of the unit-area envelope spectrum against the
 *       Gaussian's for {@code n = 3}: at most 9.7% inside the FWHM (7.9% low at the peak), L1 distance 0.145 (of 2),
 *       and far tails falling as {@code f^-6} instead of Gaussian; {@code n = 6}: 4.6% and 0.067; Matern-1/2 with
 *       matched FWHM: 36% and 0.59 (measured in the tests). This is {@link SeMethod#CASCADE}.
 *   <li>{@link Kernel#GAUSSIAN} with {@link SeMethod#TAYLOR}: the order-N spectral factorisation of {@code 1 /
 *       P_N((pi l f)^2)}, {@code P_N} the Taylor polynomial of {@code exp} (Hartikainen and Sarkka 2010; {@link
 *       TaylorSeSde}, N = 1..10, default 6), variance normalised to exactly {@code w}. Error of the unit-area envelope
 *       spectrum against the Gaussian's: N = 6: 0.30% inside the FWHM (0.30% low at the peak), L1 0.0055; N = 8: 0.060%
 *       and 0.0011. Tails fall as {@code f^-2N}. Its transition {@code Aw = expm(Fw 2 dt / l)} is a full {@code N x N}
 *       matrix (complex poles), so it runs the full-matrix loop {@link #full}: about {@code 1.5 N^2 + 1.5 N}
 *       multiply-adds per sample per real part instead of the cascade's {@code N^2 + 2 N}; the matrices are recomputed (scaling and
 *       squaring, about 2 us per component at N = 6) only when a lengthscale changed.
 * </ul>
 *
 * <p><b>SDE and discretisation</b> (details and the closed forms in {@link MaternSde}): repeated-pole cascade {@code F =
 * -lam I + J} ({@code J} ones on the sub-diagonal), noise into state 0, output state {@code n-1}; with {@code dt = 1/fs}
 * exactly {@code A = exp(-lam dt) sum_k (J dt)^k / k!}, {@code Pinf_ij = (i+j)! / (i! j! (2 lam)^(i+j+1))}, {@code Q =
 * Pinf - A Pinf A^T}.
 *
 * <p><b>Whitened coordinates</b> keep the state exactly stationary when {@code lam} changes between blocks: {@code Lp =
 * chol(Pinf)}, {@code Aw = Lp^-1 A Lp}, {@code Qw = I - Aw Aw^T}, {@code Lq = chol(Qw)}, {@code h = (row n-1 of Lp) /
 * sqrt(Pinf_(n-1,n-1))} (unit norm, independent of {@code lam}). The state is complex, {@code z} ({@code n} complex
 * numbers; real and imaginary parts are independent copies of the real whitened state). The defining recursion is
 * {@code z <- e^(i 2 pi p dt) (Aw z) + Lq (eps_re + i eps_im)}, {@code eps ~ N(0, I)}, output {@code sqrt(w) Re(h . z)}.
 * Because the complex noise is circularly symmetric, the co-rotating state {@code u = e^(-i phi) z} ({@code phi} the
 * accumulated phase) obeys {@code u <- Aw u + Lq eps} in law, and the output is {@code sqrt(w) Re(e^(i phi) h . u) =
 * sqrt(w) (cos phi h.u_re - sin phi h.u_im)}. That is what runs: the same process, with one phasor per component
 * instead of rotating {@code n} state entries. Covariance: {@code w k_n(r) cos(2 pi p r)}, exact.
 *
 * <p><b>Blocks.</b> The state carries over (one continuous waveform, no seams). {@code Aw, Lq} are recomputed at a block
 * start only when the component's {@code lam} changed. Within a block the gain {@code sqrt(w)} and the per-sample phase
 * increment {@code 2 pi p dt} move linearly from the previous block's values (sample {@code j} of a block of {@code B}
 * uses {@code v_prev + (v - v_prev)(j+1)/B}); the phasor runs by recurrence inside the block and is recomputed exactly
 * from the accumulated phase (kept modulo {@code 2 pi}) at each block start, so no drift accumulates. A component that
 * was not running in the previous block (first render after construction or {@link #reseed}, {@code m.count} grew) or
 * has {@code m.reborn[q]} starts from a fresh stationary draw {@code u ~ N(0, I)}, at its new frequency at once, with
 * its gain ramping up over the crossfade ({@link #setCrossfadeBlocks}); a reborn component's previous incarnation is
 * not cut off (that would click) but continues, as a ghost in a spare slot, at its old frequency while its gain ramps
 * to 0 over the crossfade, and a component reborn again before its last ghost has faded gets another. The crossfade
 * keeps the power (the two incarnations are independent): after {@code k} of its {@code F} blocks the newborn's gain
 * is {@code sqrt(k / F)} of its own and the ghost's {@code sqrt(1 - k / F)} of its last, each ramped linearly within a
 * block (a linear crossfade dips to half the power halfway, which a switch of presets re-laying every component made
 * a level drop: {@code PresetSwitchingTest}). Components beyond a
 * shrunken {@code m.count} ramp to 0 over one block and then stop being computed. The noise floor is {@code
 * sqrt(noiseVar)} (interpolated likewise, from 0 at the first block) times an independent {@code N(0, 1)} draw per
 * sample.
 *
 * <p><b>Invalid parameters</b> (non-finite, {@code w < 0}, {@code l <= 0}, {@code noiseVar < 0}) are not thrown: the
 * component (or floor) is silenced for that block, its last {@code lam} and frequency are kept, and {@link #faults()}
 * counts the event.
 *
 * <p><b>Decimated baseband sampling</b> (off by default, {@link #setDecimation}; see there why). The co-rotating
 * state {@code u} is a baseband process whose bandwidth is the component's own width, so for a narrow component it
 * barely moves between samples, yet the exact recursion spends {@code 2n} Gaussian draws per sample on it (about 70%
 * of the synthesis time at Q = 24). A component with decay rate {@code lam} instead advances its state once every {@code D} samples with the
 * exact {@code D}-step matrices ({@code Aw, Lq} for {@code a = lam D dt}: the states at the knots are exactly the
 * process's), and its envelope {@code c = h . u} between knots is the cubic Hermite interpolant through the knot
 * values and the envelope's exact slopes {@code c' = lam (dh . u)} ({@link MaternSde#dh}); gain and phasor still move
 * every sample. The envelope is continuous with a continuous slope; only its curvature jumps at the knots. Rule:
 * {@code D} is the largest divisor of {@code blockSize} up to 16 with {@code 1 - rho(lam D dt) <= 0.02}, {@code rho(a)
 * = h . Aw(a) h} the envelope correlation at one decimated step ({@code lam D dt <= 0.215} for Matern-3/2, about
 * {@code 0.35} for the order-3 cascade); {@code D} divides the block, so every block starts and ends on a knot and
 * the state seen by the amplitude lock, by rebirths and ghosts and by a change of {@code lam} is the exact state.
 * {@code D = 1} (too wide, or off) runs the per-sample recursion below unchanged, bit for bit. Matern-1/2 (not
 * differentiable) and the Taylor factorisation always run at {@code D = 1}. At 48 kHz with Matern-3/2 this puts
 * components up to about 50 Hz wide at {@code D = 16}, 200 Hz at 10 and 1 kHz at 2. Error at the bound (exact,
 * from the knot covariances and the interpolation weights, Matern-3/2, any D): the segment-averaged variance 7.8e-5
 * low, the PSD within 3 FWHM of the peak at most 5.6e-4 off (0.0024 dB), anywhere at most 2.9e-6 of the peak value
 * off; empirical autocovariance and Welch PSD of components 2, 10 and 50 Hz wide at 16 and 48 kHz match the kernel
 * within the exact path's tolerances (measured in {@code StateSpaceSamplerDecimationTest}).
 *
 * <p>No allocation in {@link #render} (all arrays sized for {@code capacity} and the order at construction). Same seed
 * and same models give bit-identical output. Not thread-safe: one audio thread owns an instance.
 */
public final class StateSpaceSampler implements BlockSampler {
    private static final double TWO_PI = 2.0 * Math.PI;

    private final int capacity;
    private final int blockSize;
    private final double dt;
    private final Kernel kernel;
    /** {@code lam * l}: the decay rate is this over the lengthscale for every kernel. */
    private final double lamTimesL;
    /** State order. */
    private final int n;

    /** Exactly one of these is non-null: the Matern cascade, or the Taylor factorisation of the Gaussian. */
    private final MaternSde sde;

    private final TaylorSeSde taylor;
    /** Method used for {@link Kernel#GAUSSIAN} ({@link SeMethod#CASCADE} for the Matern kernels, which are exact). */
    private final SeMethod seMethod;
    /** Next state of one slot during the full-matrix update, {@code (n)} each. */
    private final double[] tr;

    private final double[] ti;
    private final GaussianSource rng;
    /** Output weights, {@code (n)}. */
    private final double[] h;
    /** Slope weights (cascade only): the envelope's derivative is {@code lam (dh . u)} 1/s, {@code (n)}. */
    private final double[] dh;

    // Per slot: slots [0, capacity) are the components, slots [capacity, capacity + ghostSlots) the ghosts: previous
    // incarnations of reborn components fading out over the crossfade.

    /** Co-rotating state, real and imaginary parts, {@code (slots, n)}. */
    private final double[] ur;

    private final double[] ui;
    /** Whitened transition and noise factor, {@code (slots, n, n)} row-major, lower triangular. */
    private final double[] aw;

    private final double[] lq;
    /** Decay rate (1/s) the matrices of each slot were computed for, {@code (slots)}. */
    private final double[] lam;
    /** Gain {@code sqrt(w)} reached at the end of the last block, {@code (slots)}. */
    private final double[] gain;
    /** Phase increment (rad/sample) reached at the end of the last block, {@code (slots)}. */
    private final double[] omega;
    /** Accumulated phase (rad, in [0, 2 pi)) at the start of the next block, {@code (slots)}. */
    private final double[] phase;
    /** Noise for one component over one block, {@code (blockSize, 2 n)}: real parts then imaginary parts per sample. */
    private final double[] eps;
    /** Components {@code [0, running)} were computed in the previous block. */
    private int running;
    /** Noise-floor standard deviation reached at the end of the last block. */
    private double noiseStd;

    private int crossfadeBlocks = 4;
    /**
     * Ghost slots: a component is reborn at most once per block and its ghost lives at most {@link
     * #MAX_CROSSFADE_BLOCKS} blocks, so {@code capacity * MAX_CROSSFADE_BLOCKS} slots can never run out. A component
     * reborn again while its last ghost still fades (a pitch that glides through the harmonic cells, a voicing onset)
     * gets another ghost: one ghost per component cut the fading one off, a step that splattered across the spectrum.
     */
    private final int ghostSlots;

    private final double[] ghostGain; // (ghostSlots) current gain of each fading ghost
    private final int[] ghostLeft; // (ghostSlots) blocks of fade-out left, 0 = free
    private final int[] liveGhosts; // ghost indices in use, [0, ghostCount), in order of birth
    private int ghostCount;
    private final int[] freeGhosts; // free ghost indices, a stack: [0, freeCount)
    private int freeCount;
    static final int MAX_CROSSFADE_BLOCKS = 16;
    private final int[] fadeIn; // (capacity) 0 = settled, k = k-th block of a newborn's fade-in

    private org.gpvoice.dsp.model.FloorShape floor; // null = white floor
    private double fx1, fx2, fy1, fy2; // floor biquad state, carried across blocks

    // amplitude lock: per slot, the smoothed power of h . u (2 in expectation) and the gain correction reached
    private final double[] envPow, kappa;
    /** Per slot: {@code rho^2}, the squared envelope correlation across one block at the slot's decay rate. */
    private final double[] blockRho2;
    /** {@code rho(a)^2} at {@code a = exp(RHO_LOG_A0 + i RHO_LOG_STEP)}, {@code rho(a) = h . Aw(a) h}. */
    private final double[] rhoTable = new double[RHO_POINTS];

    static final double RHO_LOG_A0 = Math.log(1e-4);
    static final double RHO_LOG_STEP = Math.log(10.0) / 20;
    static final int RHO_POINTS = 141; // a = 1e-4 .. 1e3, 20 per decade
    /** {@code Gamma(2 - L)^(-1/2)} at {@code L = i / (LOCK_NORM.length - 1)}: the lock's power normalisation. */
    private static final double[] LOCK_NORM = new double[65];

    static {
        int last = LOCK_NORM.length - 1;
        for (int i = 0; i <= last; i++) LOCK_NORM[i] = 1.0 / Math.sqrt(gamma(2.0 - i / (double) last));
    }

    private double lock; // 0 = a pure sample of the process
    /** Line narrowing: {@code (c / (FWHM l))^2}, subtracted from {@code 1/l^2} of every component; 0 = off. */
    private double narrowInvL2;
    /** Kernel FWHM times lengthscale, {@code FWHM = fwhmTimesL / l}. */
    private final double fwhmTimesL;
    /** Line narrowing makes no component more than this many times narrower than fitted. */
    static final double MAX_NARROWING = 4;
    /** Weight of the newest block in the smoothed power: a 5 ms block and this give a time constant of about 7 ms. */
    static final double LOCK_ALPHA = 0.5;
    /** Largest gain correction either way. */
    static final double KAPPA_MAX = 4;

    /**
     * Decimated baseband sampling (see the class javadoc): per slot, the step {@code D} in samples that the matrices in
     * {@link #aw}, {@link #lq} were computed for ({@code 1}: the exact per-sample recursion), {@code (slots)}.
     */
    private final int[] dec;
    /** Candidate steps: the divisors of {@code blockSize} up to {@link #MAX_DECIMATION}, descending, then 1. */
    private final int[] steps;
    /**
     * Largest decimated step {@code lam D dt} allowed: where the envelope correlation {@code rho(a) = h . Aw(a) h} has
     * fallen by {@link #MAX_DEFECT} (found once at construction, per kernel and order).
     */
    private final double maxDecimatedStep;

    private boolean decimation = false;
    /** Largest decimation factor {@code D}. */
    static final int MAX_DECIMATION = 16;
    /**
     * Largest {@code 1 - rho(lam D dt)} for which a component is decimated. At this bound the Hermite interpolation's
     * PSD is within 5.6e-4 of the exact one near the peak (class javadoc); 1.5e-3 (about 0.056 for Matern-3/2) gave
     * errors 200 times smaller still, but decimated fewer components: 61 against 43 us synthesis p50 at 48 kHz.
     */
    static final double MAX_DEFECT = 2e-2;

    private long faults;
    /** Test hook: run the general order-n loop even where a fast path exists. */
    private final boolean generalOnly;

    /**
     * @param capacity largest component count of the models passed to {@link #render}
     * @param sampleRateHz sample rate {@code fs}
     * @param blockSize samples written per {@link #render}
     * @param kernel envelope family of every component
     * @param seOrder Matern order approximating {@link Kernel#GAUSSIAN} (1..6; ignored for the Matern kernels)
     * @param seed random seed
     */
    public StateSpaceSampler(int capacity, double sampleRateHz, int blockSize, Kernel kernel, int seOrder, long seed) {
        this(capacity, sampleRateHz, blockSize, kernel, SeMethod.CASCADE, seOrder, seed, false);
    }

    /**
     * @param seMethod how {@link Kernel#GAUSSIAN} is realised (ignored for the Matern kernels)
     * @param seOrder its order: 1..6 for {@link SeMethod#CASCADE}, 1..10 for {@link SeMethod#TAYLOR}
     */
    public StateSpaceSampler(
            int capacity,
            double sampleRateHz,
            int blockSize,
            Kernel kernel,
            SeMethod seMethod,
            int seOrder,
            long seed) {
        this(capacity, sampleRateHz, blockSize, kernel, seMethod, seOrder, seed, false);
    }

    StateSpaceSampler(
            int capacity,
            double sampleRateHz,
            int blockSize,
            Kernel kernel,
            int seOrder,
            long seed,
            boolean generalOnly) {
        this(capacity, sampleRateHz, blockSize, kernel, SeMethod.CASCADE, seOrder, seed, generalOnly);
    }

    private StateSpaceSampler(
            int capacity,
            double sampleRateHz,
            int blockSize,
            Kernel kernel,
            SeMethod seMethod,
            int seOrder,
            long seed,
            boolean generalOnly) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        if (blockSize < 1) throw new IllegalArgumentException("blockSize must be >= 1: " + blockSize);
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRateHz);
        }
        this.capacity = capacity;
        this.blockSize = blockSize;
        this.dt = 1.0 / sampleRateHz;
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(seMethod, "seMethod");
        this.seMethod = kernel == Kernel.GAUSSIAN ? seMethod : SeMethod.CASCADE;
        this.generalOnly = generalOnly;
        if (this.seMethod == SeMethod.TAYLOR) {
            if (seOrder < TaylorSeSde.MIN_ORDER || seOrder > TaylorSeSde.MAX_ORDER) {
                throw new IllegalArgumentException("taylor order must be " + TaylorSeSde.MIN_ORDER + ".."
                        + TaylorSeSde.MAX_ORDER + ": " + seOrder);
            }
            this.n = seOrder;
            this.lamTimesL = 2.0; // a = 2 dt / l
            sde = null;
            taylor = new TaylorSeSde(n);
        } else {
            this.n = MaternSde.order(kernel, seOrder);
            this.lamTimesL = MaternSde.decayRate(kernel, seOrder, 1.0);
            sde = new MaternSde(n);
            taylor = null;
        }
        rng = new GaussianSource(seed);
        h = new double[n];
        for (int j = 0; j < n; j++) h[j] = sde != null ? sde.h(j) : taylor.h(j);
        dh = new double[n];
        if (sde != null) for (int j = 0; j < n; j++) dh[j] = sde.dh(j);
        tr = new double[n];
        ti = new double[n];
        ghostSlots = capacity * MAX_CROSSFADE_BLOCKS;
        int slots = capacity + ghostSlots;
        ghostGain = new double[ghostSlots];
        ghostLeft = new int[ghostSlots];
        liveGhosts = new int[ghostSlots];
        freeGhosts = new int[ghostSlots];
        fadeIn = new int[capacity];
        ur = new double[slots * n];
        ui = new double[slots * n];
        aw = new double[slots * n * n];
        lq = new double[slots * n * n];
        lam = new double[slots];
        gain = new double[slots];
        omega = new double[slots];
        phase = new double[slots];
        eps = new double[blockSize * 2 * n];
        envPow = new double[slots];
        kappa = new double[slots];
        blockRho2 = new double[slots];
        dec = new int[slots];
        java.util.Arrays.fill(dec, 1);
        int nd = 0;
        for (int d = Math.min(MAX_DECIMATION, blockSize); d >= 2; d--) if (blockSize % d == 0) nd++;
        steps = new int[nd + 1];
        nd = 0;
        for (int d = Math.min(MAX_DECIMATION, blockSize); d >= 2; d--) if (blockSize % d == 0) steps[nd++] = d;
        steps[nd] = 1;
        maxDecimatedStep = largestStep();
        for (int i = 0; i < RHO_POINTS; i++) {
            double rho = envelopeCorrelation(Math.exp(RHO_LOG_A0 + i * RHO_LOG_STEP));
            if (Double.isNaN(rho)) throw new IllegalStateException("discretisation failed");
            rhoTable[i] = rho * rho;
        }
        fwhmTimesL = Kernel.lengthscaleForFwhm(kernel, 1.0);
        // Valid matrices from the start (a = 1), so a component whose first parameters are invalid still has some.
        for (int q = 0; q < capacity; q++) {
            lam[q] = sampleRateHz;
            if (!discretise(1.0, q)) throw new IllegalStateException("discretisation failed");
        }
        reset();
    }

    /** Restarts from a fresh stationary state with the random sequence of {@code seed}. */
    public void reseed(long seed) {
        rng.reseed(seed);
        reset();
    }

    private void reset() {
        running = 0;
        noiseStd = 0.0;
        for (int q = 0; q < capacity; q++) {
            gain[q] = 0.0;
            omega[q] = 0.0;
            phase[q] = 0.0;
            fadeIn[q] = 0;
        }
        java.util.Arrays.fill(ghostLeft, 0);
        java.util.Arrays.fill(ghostGain, 0.0);
        ghostCount = 0;
        freeCount = ghostSlots; // handed out lowest index first
        for (int i = 0; i < ghostSlots; i++) freeGhosts[i] = ghostSlots - 1 - i;
        java.util.Arrays.fill(envPow, 2.0);
        java.util.Arrays.fill(kappa, 1.0);
        fx1 = fx2 = fy1 = fy2 = 0;
    }

    /** Envelope family of every component. */
    public Kernel kernel() {
        return kernel;
    }

    /** How the Gaussian envelope is realised ({@link SeMethod#CASCADE} for the Matern kernels). */
    public SeMethod seMethod() {
        return seMethod;
    }

    /** State order {@code n} of every component. */
    public int order() {
        return n;
    }

    /** Samples written per {@link #render}. */
    public int blockSize() {
        return blockSize;
    }

    /** Invalid parameters or failed discretisations seen so far (each silenced a component or the floor for a block). */
    public long faults() {
        return faults;
    }

    /**
     * Writes the next {@code blockSize} samples of the process with model {@code m} into {@code out[off .. off +
     * blockSize)} (overwritten; nothing else is modified). {@code m} is only read.
     *
     * @throws IllegalArgumentException if {@code m.count} exceeds this sampler's capacity
     * @throws IndexOutOfBoundsException if the block does not fit {@code out}
     */
    /**
     * Shapes the noise floor with {@code shape} (a high-pass biquad whose state carries across blocks), or white when
     * null. Call before rendering (allocates nothing).
     */
    public void setFloorShape(org.gpvoice.dsp.model.FloorShape shape) {
        this.floor = shape;
    }

    /**
     * Length in blocks of the crossfade when a component is re-seeded (old incarnation out, new in), 1 to 16. Call
     * before rendering.
     */
    public void setCrossfadeBlocks(int blocks) {
        if (blocks < 1 || blocks > MAX_CROSSFADE_BLOCKS)
            throw new IllegalArgumentException("crossfade must be 1 to " + MAX_CROSSFADE_BLOCKS + " blocks: " + blocks);
        this.crossfadeBlocks = blocks;
    }

    /** Filters {@code eps[0 .. n)} in place through the floor biquad (direct form I). */
    private void shapeFloor(int n) {
        final org.gpvoice.dsp.model.FloorShape f = floor;
        double x1 = fx1, x2 = fx2, y1 = fy1, y2 = fy2;
        for (int j = 0; j < n; j++) {
            double x = eps[j];
            double y = f.b0 * x + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            eps[j] = y;
        }
        fx1 = x1;
        fx2 = x2;
        fy1 = y1;
        fy2 = y2;
    }

    public void render(SmModel m, double[] out, int off) {
        int count = m.count;
        if (count < 0 || count > capacity) throw new IllegalArgumentException("model count out of range");
        Objects.checkFromIndexSize(off, blockSize, out.length);
        final int b = blockSize;
        final double invB = 1.0 / b;

        // Noise floor (overwrites the block).
        double nv = m.noiseVar;
        double nsB;
        if (nv >= 0 && nv < Double.POSITIVE_INFINITY) {
            nsB = Math.sqrt(nv);
        } else {
            faults++;
            nsB = 0.0;
        }
        double nsA = noiseStd;
        if (nsA == 0.0 && nsB == 0.0) {
            for (int j = 0; j < b; j++) out[off + j] = 0.0;
        } else {
            rng.fill(eps, 0, b);
            if (floor != null) shapeFloor(b);
            double ns = nsA;
            double dns = (nsB - nsA) * invB;
            for (int j = 0; j < b; j++) {
                ns += dns;
                out[off + j] = ns * eps[j];
            }
        }
        noiseStd = nsB;

        int top = Math.max(count, running);
        for (int q = 0; q < top; q++) {
            double gA;
            double gB;
            double wA;
            double wB;
            if (q < count) {
                boolean fresh = q >= running || m.reborn[q];
                if (fresh && q < running && gain[q] != 0.0) {
                    // reborn while audible: the old incarnation fades out in a ghost slot over the crossfade
                    // (a 5 ms fade is an amplitude transient that splatters energy far from the peak)
                    int i = freeGhosts[--freeCount];
                    copySlot(q, capacity + i);
                    ghostGain[i] = gain[q];
                    ghostLeft[i] = crossfadeBlocks;
                    liveGhosts[ghostCount++] = i;
                }
                double w = m.weight[q];
                double p = m.freqHz[q];
                double l = m.lengthscaleS[q];
                if (w >= 0
                        && w < Double.POSITIVE_INFINITY
                        && Math.abs(p) < Double.POSITIVE_INFINITY
                        && l > 0
                        && l < Double.POSITIVE_INFINITY) {
                    gB = Math.sqrt(w);
                    wB = TWO_PI * p * dt;
                    double lamNew = lamTimesL / (narrowInvL2 > 0 ? narrowed(l) : l);
                    if (lamNew != lam[q]) {
                        if (discretiseSlot(lamNew, q)) {
                            lam[q] = lamNew;
                            blockRho2[q] = blockRho2(lamNew);
                        } else {
                            // keep the last good matrices (they were computed successfully before)
                            faults++;
                            gB = 0.0;
                            discretiseSlot(lam[q], q);
                        }
                    }
                } else {
                    faults++;
                    gB = 0.0;
                    wB = omega[q];
                }
                if (fresh) {
                    rng.fill(ur, q * n, n);
                    rng.fill(ui, q * n, n);
                    envPow[q] = 2.0;
                    kappa[q] = 1.0;
                    gA = 0.0;
                    wA = wB;
                    fadeIn[q] = 1;
                } else {
                    gA = gain[q];
                    wA = omega[q];
                }
            } else {
                gA = gain[q];
                gB = 0.0;
                wA = omega[q];
                wB = wA;
            }
            if (q < count && fadeIn[q] > 0) { // a newborn reaches full gain over the crossfade
                gB *= Math.sqrt(fadeIn[q] / (double) crossfadeBlocks);
                fadeIn[q] = fadeIn[q] >= crossfadeBlocks ? 0 : fadeIn[q] + 1;
            }
            double kA = kappa[q], kB = kA;
            if (lock > 0 && q < count) kB = lockGain(q);
            synthesize(q, gA * kA, gB * kB, wA, wB, out, off);
            kappa[q] = kB;
            gain[q] = gB;
            omega[q] = wB;
        }
        running = count;
        renderGhosts(out, off);
    }

    /** Every fading ghost's block, its gain one step further down its ramp; ghosts that reach 0 free their slot. */
    private void renderGhosts(double[] out, int off) {
        int kept = 0;
        for (int k = 0; k < ghostCount; k++) {
            int i = liveGhosts[k];
            int slot = capacity + i;
            double g0 = ghostGain[i], g1 = g0 * Math.sqrt((ghostLeft[i] - 1) / (double) ghostLeft[i]);
            synthesize(slot, g0 * kappa[slot], g1 * kappa[slot], omega[slot], omega[slot], out, off);
            ghostGain[i] = g1;
            if (--ghostLeft[i] > 0) liveGhosts[kept++] = i;
            else freeGhosts[freeCount++] = i;
        }
        ghostCount = kept;
    }

    /**
     * The amplitude lock's gain for slot {@code q} at the end of this block: {@code Gamma(2 - L)^(-1/2) (2 / P)^(L /
     * 2)}, with {@code P} the smoothed power of the component's complex output {@code h . u} (whose expectation is 2:
     * unit variance in the real part and in the imaginary part) and {@code L = lock rho^2} the lock scaled by the
     * envelope's squared correlation across one block, clamped to [1/4, 4]. {@code P} is read from the state at the
     * block's start, so the gain ramps toward it over the block like every other gain.
     */
    private double lockGain(int q) {
        final int s0 = q * n;
        double cr = 0, ci = 0;
        for (int i = 0; i < n; i++) {
            cr += h[i] * ur[s0 + i];
            ci += h[i] * ui[s0 + i];
        }
        double e = envPow[q] + LOCK_ALPHA * (cr * cr + ci * ci - envPow[q]);
        envPow[q] = e;
        double strength = lock * blockRho2[q];
        double x = strength * (LOCK_NORM.length - 1);
        int i = Math.min((int) x, LOCK_NORM.length - 2);
        double norm = LOCK_NORM[i] + (x - i) * (LOCK_NORM[i + 1] - LOCK_NORM[i]);
        double k = norm * Math.pow(2.0 / Math.max(e, 1e-300), 0.5 * strength);
        return Math.min(KAPPA_MAX, Math.max(1 / KAPPA_MAX, k));
    }

    /**
     * Amplitude lock, 0 (off: the output is a sample of the fitted process) to 1. A narrow component of a Gaussian
     * process is a slowly wandering phasor whose amplitude is Rayleigh-distributed: a harmonic 3 Hz wide swells and
     * fades over about 100 ms, independently of its neighbours, which a listener hears as a wobbling, rough voice and
     * which spreads a band's level by about 5 dB around the model's. With the lock, each component's gain is divided
     * by its own recent amplitude raised to {@code L}: at 1 a narrow component holds its fitted weight and only its
     * phase wanders; in between the swells are compressed. The power spectrum of each component stays centred on its
     * peak; its width changes little for narrow components, whose amplitude moves slowly against a block.
     *
     * <p>The strength applied to a component is {@code L = lock rho^2}, {@code rho} its envelope's correlation across
     * one block: a broad component's amplitude has moved on by the time the block is drawn, so a gain read from the
     * block's start would only add noise (it is left nearly free), while a narrow one is locked fully. The gain is
     * normalised by {@code Gamma(2 - L)^(-1/2)}, so a narrow component keeps its mean power: its envelope power {@code
     * P} is exponential, and {@code E[(2 / P)^L P] = 2 Gamma(2 - L)} (without the normalisation, -0.52 dB at {@code L
     * = 0.5}; {@code AmplitudeLockTest}). Call before rendering.
     */
    public void setAmplitudeLock(double lock) {
        if (!(lock >= 0 && lock <= 1)) throw new IllegalArgumentException("amplitude lock must be 0 to 1: " + lock);
        this.lock = lock;
    }

    /**
     * Line narrowing: each component is sampled narrower than fitted, its half-power width {@code W} taken down to
     * {@code sqrt(W^2 - c^2)} (at most {@link #MAX_NARROWING} times narrower), so {@code c} = 20 Hz turns a 23 Hz
     * harmonic into an 11 Hz one and leaves a 200 Hz formant band within 1%. A fitted width holds more than the
     * process's own loss of coherence: what moves within the 30 ms analysis window (the voice's level, jitter, a pitch
     * curve the glide term does not take out) widens the observed peak, and the sampler already reproduces that motion
     * by following the model from block to block, so sampling the full width counts it twice: harmonics that swell and
     * fade by chance within a syllable. The weight (the component's power) is unchanged. 0 turns it off (the output is
     * a sample of the fitted widths). Call before rendering.
     *
     * @param widthHz {@code c}, Hz, 0 or more
     * @throws IllegalArgumentException if {@code widthHz} is negative or not finite
     */
    public void setNarrowing(double widthHz) {
        if (!(widthHz >= 0 && widthHz < Double.POSITIVE_INFINITY))
            throw new IllegalArgumentException("line narrowing must be 0 Hz or more: " + widthHz);
        double c = widthHz / fwhmTimesL;
        narrowInvL2 = c * c;
    }

    /**
     * Decimated baseband sampling on or off (off, every component runs the exact per-sample recursion). Takes effect
     * for a component when its lengthscale next changes, so call before rendering.
     *
     * <p>Off by default here, so that a sampler made on its own is the exact per-sample recursion; the engine
     * ({@code SynthStage}) turns it on: its errors are small and the quality figures of {@code bench --quality} do not
     * move beyond their seed-to-seed spread, at half the synthesis time at 48 kHz (docs/BENCHMARKS.md, "Decimated
     * baseband sampling").
     */
    public void setDecimation(boolean on) {
        this.decimation = on;
    }

    /** Step {@code D} in samples that slot {@code q} (component {@code q}, or ghost {@code q - capacity}) runs at. */
    int decimation(int q) {
        return dec[q];
    }

    /**
     * The decimation rule: the largest {@code D} among the divisors of {@code blockSize} up to {@link #MAX_DECIMATION}
     * with {@code lam D dt <= maxDecimatedStep}; 1 when off, when none qualifies, for Matern-1/2 (no derivative to
     * interpolate with) and for the Taylor factorisation (its slope weights are not derived here).
     */
    int decimationFor(double lamPerS) {
        if (!decimation || sde == null || n < 2) return 1;
        for (int d : steps) if (lamPerS * d * dt <= maxDecimatedStep) return d;
        return 1;
    }

    /**
     * The {@code a} at which {@code 1 - rho(a) = MAX_DEFECT}, {@code rho(a) = h . Aw(a) h} the envelope correlation at
     * step {@code a} (bisection; constructor only: uses slot 0's matrices as scratch, rewritten afterwards).
     */
    private double largestStep() {
        double lo = 0.0;
        double hi = 1.0;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            double rho = envelopeCorrelation(mid);
            if (Double.isNaN(rho)) return 0.0;
            if (1.0 - rho <= MAX_DEFECT) lo = mid;
            else hi = mid;
        }
        return lo;
    }

    /**
     * {@code rho(a) = h . Aw(a) h}, the envelope correlation at step {@code a}, or NaN if the discretisation fails
     * (constructor only: uses slot 0's matrices as scratch, rewritten afterwards).
     */
    private double envelopeCorrelation(double a) {
        if (!discretise(a, 0)) return Double.NaN;
        double rho = 0.0;
        for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) rho += h[i] * aw[i * n + k] * h[k];
        return rho;
    }

    /** Chooses slot {@code q}'s step {@code D} for decay rate {@code lam} and writes its matrices for {@code lam D dt}. */
    private boolean discretiseSlot(double lamPerS, int q) {
        int d = decimationFor(lamPerS);
        if (!discretise(lamPerS * d * dt, q)) return false;
        dec[q] = d;
        return true;
    }

    /** Writes slot {@code q}'s {@code Aw, Lq} for step {@code a = lam dt}; false on numerical failure. */
    private boolean discretise(double a, int q) {
        return sde != null ? sde.discretise(a, aw, lq, q * n * n) : taylor.discretise(a, aw, lq, q * n * n);
    }

    /** Copies state, matrices, phase, frequency and gain of slot {@code from} into slot {@code to}. */
    private void copySlot(int from, int to) {
        System.arraycopy(ur, from * n, ur, to * n, n);
        System.arraycopy(ui, from * n, ui, to * n, n);
        System.arraycopy(aw, from * n * n, aw, to * n * n, n * n);
        System.arraycopy(lq, from * n * n, lq, to * n * n, n * n);
        lam[to] = lam[from];
        dec[to] = dec[from];
        gain[to] = gain[from];
        omega[to] = omega[from];
        phase[to] = phase[from];
        envPow[to] = envPow[from];
        kappa[to] = kappa[from];
        blockRho2[to] = blockRho2[from];
    }

    /** {@code rho^2} across one block at decay rate {@code lamPerS} (log-linear in the table; 1 and 0 beyond it). */
    private double blockRho2(double lamPerS) {
        double x = (Math.log(lamPerS * blockSize * dt) - RHO_LOG_A0) / RHO_LOG_STEP;
        if (!(x > 0)) return rhoTable[0];
        if (x >= RHO_POINTS - 1) return rhoTable[RHO_POINTS - 1];
        int i = (int) x;
        return rhoTable[i] + (x - i) * (rhoTable[i + 1] - rhoTable[i]);
    }

    /** The lengthscale sampled for a fitted {@code l} under line narrowing (see {@link #setNarrowing}). */
    private double narrowed(double l) {
        double inv = 1.0 / l;
        double inv2 = inv * inv - narrowInvL2;
        return 1.0 / Math.max(inv2 > 0 ? Math.sqrt(inv2) : 0.0, inv / MAX_NARROWING);
    }

    /** Gamma(x) for {@code 1 <= x <= 2} (Lanczos, g = 7, n = 9; relative error about 1e-15). Class set-up only. */
    static double gamma(double x) {
        final double[] c = {
            0.99999999999980993,
            676.5203681218851,
            -1259.1392167224028,
            771.32342877765313,
            -176.61502916214059,
            12.507343278686905,
            -0.13857109526572012,
            9.9843695780195716e-6,
            1.5056327351493116e-7
        };
        double z = x - 1;
        double a = c[0];
        for (int i = 1; i < c.length; i++) a += c[i] / (z + i);
        double t = z + 7.5;
        return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
    }

    /**
     * Adds slot {@code q}'s block to {@code out[off .. off + blockSize)}: gain from {@code gA} to {@code gB}, phase
     * increment from {@code wA} to {@code wB} rad/sample, both linear; advances its state and phase.
     */
    private void synthesize(int q, double gA, double gB, double wA, double wB, double[] out, int off) {
        final int b = blockSize;
        double dg = (gB - gA) / b;
        double dw = (wB - wA) / b;
        double ph = phase[q];
        double pc = Math.cos(ph);
        double ps = Math.sin(ph);
        double ic = Math.cos(wA + dw);
        double is = Math.sin(wA + dw);
        double cc = 1.0;
        double cs = 0.0;
        if (dw != 0.0) {
            cc = Math.cos(dw);
            cs = Math.sin(dw);
        }
        final int d = dec[q];
        if (d > 1) {
            rng.fill(eps, 0, 2 * n * (b / d));
            decimated(q, d, gA, dg, pc, ps, ic, is, cc, cs, out, off);
        } else {
            rng.fill(eps, 0, 2 * n * b);
            if (taylor != null) {
                full(q, gA, dg, pc, ps, ic, is, cc, cs, out, off);
            } else if (generalOnly || n > 3) {
                general(q, gA, dg, pc, ps, ic, is, cc, cs, out, off);
            } else if (n == 1) {
                order1(q, gA, dg, pc, ps, ic, is, cc, cs, out, off);
            } else if (n == 2) {
                order2(q, gA, dg, pc, ps, ic, is, cc, cs, out, off);
            } else {
                order3(q, gA, dg, pc, ps, ic, is, cc, cs, out, off);
            }
        }
        // Exact phase at the next block start: sum_{j<B} (wA + dw (j+1)) = B wA + dw B (B+1)/2.
        ph += b * wA + dw * (0.5 * b * (b + 1.0));
        ph -= TWO_PI * Math.floor(ph / TWO_PI);
        phase[q] = ph;
    }

    /**
     * Decimated step {@code D = d}: the state advances once per {@code d} samples by the exact {@code d}-step recursion
     * {@code u <- Aw u + Lq eps} (matrices for {@code lam d dt}, full row loop through {@code tr, ti}, so it serves the
     * cascade and the Taylor factorisation alike), and the envelope {@code c = h . u} is interpolated linearly between
     * consecutive states; gain and phasor still advance every sample. {@code d} divides the block, so the state at the
     * block's start and end is the exact state at that sample.
     */
    private void decimated(
            int q,
            int d,
            double g,
            double dg,
            double pc,
            double ps,
            double ic,
            double is,
            double cc,
            double cs,
            double[] out,
            int off) {
        final int nn = n;
        final int s = q * nn;
        final int mo = q * nn * nn;
        final double[] awl = aw;
        final double[] lql = lq;
        final double[] hh = h;
        final double[] x = ur;
        final double[] y = ui;
        final double[] xn = tr;
        final double[] yn = ti;
        final double[] e = eps;
        final double invD = 1.0 / d;
        final double invD2 = invD * invD;
        final double invD3 = invD2 * invD;
        final double slope = lam[q] * dt; // per-sample derivative = slope * (dh . u)
        final double[] dhh = dh;
        double c0r = 0;
        double c0i = 0;
        double m0r = 0;
        double m0i = 0;
        for (int i = 0; i < nn; i++) {
            c0r += hh[i] * x[s + i];
            c0i += hh[i] * y[s + i];
            m0r += dhh[i] * x[s + i];
            m0i += dhh[i] * y[s + i];
        }
        m0r *= slope;
        m0i *= slope;
        final int segments = blockSize / d;
        int o = off;
        for (int seg = 0; seg < segments; seg++) {
            int eo = seg * 2 * nn;
            for (int i = 0; i < nn; i++) {
                double ar = 0;
                double ai = 0;
                int row = mo + i * nn;
                for (int k = 0; k <= i; k++) {
                    ar += lql[row + k] * e[eo + k];
                    ai += lql[row + k] * e[eo + nn + k];
                }
                for (int k = 0; k < nn; k++) {
                    ar += awl[row + k] * x[s + k];
                    ai += awl[row + k] * y[s + k];
                }
                xn[i] = ar;
                yn[i] = ai;
            }
            double c1r = 0;
            double c1i = 0;
            double m1r = 0;
            double m1i = 0;
            for (int i = 0; i < nn; i++) {
                x[s + i] = xn[i];
                y[s + i] = yn[i];
                c1r += hh[i] * xn[i];
                c1i += hh[i] * yn[i];
                m1r += dhh[i] * xn[i];
                m1i += dhh[i] * yn[i];
            }
            m1r *= slope;
            m1i *= slope;
            // Cubic Hermite p(j) = c0 + m0 j + C j^2 + E j^3 through (c0, m0) at j = 0 and (c1, m1) at j = d, run by
            // forward differences: value, first, second and (constant) third difference.
            double er = (d * (m0r + m1r) - 2.0 * (c1r - c0r)) * invD3;
            double ei = (d * (m0i + m1i) - 2.0 * (c1i - c0i)) * invD3;
            double qr = (3.0 * (c1r - c0r) - d * (2.0 * m0r + m1r)) * invD2;
            double qi = (3.0 * (c1i - c0i) - d * (2.0 * m0i + m1i)) * invD2;
            double cr = c0r;
            double ci = c0i;
            double d1r = m0r + qr + er;
            double d1i = m0i + qi + ei;
            double d2r = 2.0 * qr + 6.0 * er;
            double d2i = 2.0 * qi + 6.0 * ei;
            double d3r = 6.0 * er;
            double d3i = 6.0 * ei;
            for (int j = 0; j < d; j++, o++) {
                g += dg;
                out[o] += g * (pc * cr - ps * ci);
                cr += d1r;
                ci += d1i;
                d1r += d2r;
                d1i += d2i;
                d2r += d3r;
                d2i += d3i;
                double t = pc * ic - ps * is;
                ps = pc * is + ps * ic;
                pc = t;
                t = ic * cc - is * cs;
                is = ic * cs + is * cc;
                ic = t;
            }
            c0r = c1r;
            c0i = c1i;
            m0r = m1r;
            m0i = m1i;
        }
    }

    /** Any order: {@code u <- Aw u + Lq eps} row by row from the bottom (Aw, Lq lower triangular, so in place). */
    private void general(
            int q,
            double g,
            double dg,
            double pc,
            double ps,
            double ic,
            double is,
            double cc,
            double cs,
            double[] out,
            int off) {
        final int nn = n;
        final int s = q * nn;
        final int mo = q * nn * nn;
        final double[] awl = aw;
        final double[] lql = lq;
        final double[] x = ur;
        final double[] y = ui;
        final double[] e = eps;
        for (int j = 0; j < blockSize; j++) {
            g += dg;
            double hr = 0;
            double hi = 0;
            for (int i = 0; i < nn; i++) {
                hr += h[i] * x[s + i];
                hi += h[i] * y[s + i];
            }
            out[off + j] += g * (pc * hr - ps * hi);
            int eo = j * 2 * nn;
            for (int i = nn - 1; i >= 0; i--) {
                // noise, then the other states, then the diagonal term last: the diagonal is the only
                // sample-to-sample dependency of row i, so the fast paths keep it off a long add chain
                double ar = 0;
                double ai = 0;
                int row = mo + i * nn;
                for (int k = 0; k <= i; k++) {
                    ar += lql[row + k] * e[eo + k];
                    ai += lql[row + k] * e[eo + nn + k];
                }
                for (int k = 0; k < i; k++) {
                    ar += awl[row + k] * x[s + k];
                    ai += awl[row + k] * y[s + k];
                }
                x[s + i] = awl[row + i] * x[s + i] + ar;
                y[s + i] = awl[row + i] * y[s + i] + ai;
            }
            double t = pc * ic - ps * is;
            ps = pc * is + ps * ic;
            pc = t;
            t = ic * cc - is * cs;
            is = ic * cs + is * cc;
            ic = t;
        }
    }

    /**
     * Full {@code Aw} (Taylor factorisation): {@code u <- Aw u + Lq eps} through the buffers {@code tr, ti}. The step
     * loop is written out here and in {@link #decimated} rather than shared: as one called method the engine's
     * synthesis measured about 5% slower at 48 kHz (p50 43 to 46 us per block, three interleaved runs).
     */
    private void full(
            int q,
            double g,
            double dg,
            double pc,
            double ps,
            double ic,
            double is,
            double cc,
            double cs,
            double[] out,
            int off) {
        final int nn = n;
        final int s = q * nn;
        final int mo = q * nn * nn;
        final double[] awl = aw;
        final double[] lql = lq;
        final double[] hh = h;
        final double[] x = ur;
        final double[] y = ui;
        final double[] xn = tr;
        final double[] yn = ti;
        final double[] e = eps;
        for (int j = 0; j < blockSize; j++) {
            g += dg;
            double hr = 0;
            double hi = 0;
            for (int i = 0; i < nn; i++) {
                hr += hh[i] * x[s + i];
                hi += hh[i] * y[s + i];
            }
            out[off + j] += g * (pc * hr - ps * hi);
            int eo = j * 2 * nn;
            for (int i = 0; i < nn; i++) {
                double ar = 0;
                double ai = 0;
                int row = mo + i * nn;
                for (int k = 0; k <= i; k++) {
                    ar += lql[row + k] * e[eo + k];
                    ai += lql[row + k] * e[eo + nn + k];
                }
                for (int k = 0; k < nn; k++) {
                    ar += awl[row + k] * x[s + k];
                    ai += awl[row + k] * y[s + k];
                }
                xn[i] = ar;
                yn[i] = ai;
            }
            System.arraycopy(xn, 0, x, s, nn);
            System.arraycopy(yn, 0, y, s, nn);
            double t = pc * ic - ps * is;
            ps = pc * is + ps * ic;
            pc = t;
            t = ic * cc - is * cs;
            is = ic * cs + is * cc;
            ic = t;
        }
    }

    /** Order 1 (same arithmetic, in the same order, as {@link #general}). */
    private void order1(
            int q,
            double g,
            double dg,
            double pc,
            double ps,
            double ic,
            double is,
            double cc,
            double cs,
            double[] out,
            int off) {
        final double a00 = aw[q];
        final double l00 = lq[q];
        final double h0 = h[0];
        double r0 = ur[q];
        double i0 = ui[q];
        final double[] e = eps;
        for (int j = 0; j < blockSize; j++) {
            g += dg;
            double hr = h0 * r0;
            double hi = h0 * i0;
            out[off + j] += g * (pc * hr - ps * hi);
            int eo = 2 * j;
            r0 = a00 * r0 + l00 * e[eo];
            i0 = a00 * i0 + l00 * e[eo + 1];
            double t = pc * ic - ps * is;
            ps = pc * is + ps * ic;
            pc = t;
            t = ic * cc - is * cs;
            is = ic * cs + is * cc;
            ic = t;
        }
        ur[q] = r0;
        ui[q] = i0;
    }

    /** Order 2 (same arithmetic, in the same order, as {@link #general}). */
    private void order2(
            int q,
            double g,
            double dg,
            double pc,
            double ps,
            double ic,
            double is,
            double cc,
            double cs,
            double[] out,
            int off) {
        final int mo = 4 * q;
        final double a00 = aw[mo];
        final double a10 = aw[mo + 2];
        final double a11 = aw[mo + 3];
        final double l00 = lq[mo];
        final double l10 = lq[mo + 2];
        final double l11 = lq[mo + 3];
        final double h0 = h[0];
        final double h1 = h[1];
        final int s = 2 * q;
        double r0 = ur[s];
        double r1 = ur[s + 1];
        double i0 = ui[s];
        double i1 = ui[s + 1];
        final double[] e = eps;
        for (int j = 0; j < blockSize; j++) {
            g += dg;
            double hr = h0 * r0 + h1 * r1;
            double hi = h0 * i0 + h1 * i1;
            out[off + j] += g * (pc * hr - ps * hi);
            int eo = 4 * j;
            double e0 = e[eo];
            double e1 = e[eo + 1];
            double f0 = e[eo + 2];
            double f1 = e[eo + 3];
            r1 = a11 * r1 + (l10 * e0 + l11 * e1 + a10 * r0);
            i1 = a11 * i1 + (l10 * f0 + l11 * f1 + a10 * i0);
            r0 = a00 * r0 + l00 * e0;
            i0 = a00 * i0 + l00 * f0;
            double t = pc * ic - ps * is;
            ps = pc * is + ps * ic;
            pc = t;
            t = ic * cc - is * cs;
            is = ic * cs + is * cc;
            ic = t;
        }
        ur[s] = r0;
        ur[s + 1] = r1;
        ui[s] = i0;
        ui[s + 1] = i1;
    }

    /** Order 3 (same arithmetic, in the same order, as {@link #general}). */
    private void order3(
            int q,
            double g,
            double dg,
            double pc,
            double ps,
            double ic,
            double is,
            double cc,
            double cs,
            double[] out,
            int off) {
        final int mo = 9 * q;
        final double a00 = aw[mo];
        final double a10 = aw[mo + 3];
        final double a11 = aw[mo + 4];
        final double a20 = aw[mo + 6];
        final double a21 = aw[mo + 7];
        final double a22 = aw[mo + 8];
        final double l00 = lq[mo];
        final double l10 = lq[mo + 3];
        final double l11 = lq[mo + 4];
        final double l20 = lq[mo + 6];
        final double l21 = lq[mo + 7];
        final double l22 = lq[mo + 8];
        final double h0 = h[0];
        final double h1 = h[1];
        final double h2 = h[2];
        final int s = 3 * q;
        double r0 = ur[s];
        double r1 = ur[s + 1];
        double r2 = ur[s + 2];
        double i0 = ui[s];
        double i1 = ui[s + 1];
        double i2 = ui[s + 2];
        final double[] e = eps;
        for (int j = 0; j < blockSize; j++) {
            g += dg;
            double hr = h0 * r0 + h1 * r1 + h2 * r2;
            double hi = h0 * i0 + h1 * i1 + h2 * i2;
            out[off + j] += g * (pc * hr - ps * hi);
            int eo = 6 * j;
            double e0 = e[eo];
            double e1 = e[eo + 1];
            double e2 = e[eo + 2];
            double f0 = e[eo + 3];
            double f1 = e[eo + 4];
            double f2 = e[eo + 5];
            r2 = a22 * r2 + (l20 * e0 + l21 * e1 + l22 * e2 + a20 * r0 + a21 * r1);
            i2 = a22 * i2 + (l20 * f0 + l21 * f1 + l22 * f2 + a20 * i0 + a21 * i1);
            r1 = a11 * r1 + (l10 * e0 + l11 * e1 + a10 * r0);
            i1 = a11 * i1 + (l10 * f0 + l11 * f1 + a10 * i0);
            r0 = a00 * r0 + l00 * e0;
            i0 = a00 * i0 + l00 * f0;
            double t = pc * ic - ps * is;
            ps = pc * is + ps * ic;
            pc = t;
            t = ic * cc - is * cs;
            is = ic * cs + is * cc;
            ic = t;
        }
        ur[s] = r0;
        ur[s + 1] = r1;
        ur[s + 2] = r2;
        ui[s] = i0;
        ui[s + 1] = i1;
        ui[s + 2] = i2;
    }
}
