package org.gpvoice.dsp.synth;

/**
 * The recording's band below the voice, as a process of its own: a Matern-5/2 Gaussian process centred at 0 Hz (white
 * noise through a triple real pole), its half-power frequency {@link #HALF_POWER_HZ}, whose variance each block sets
 * ({@link org.gpvoice.dsp.model.SmModel#subBandVar}). Room rumble, handling and breath on the microphone sit there:
 * VCTK's clips hold -24 to -28 dB of their power below 50 Hz, where no component of the voice's model lives, and
 * without this the output's lowest mel bands stood 14 to 19 dB under the input's.
 *
 * <p>The spectrum, {@code E_3(f) ~ (lam^2 + 4 pi^2 f^2)^-3}, falls 36 dB per octave above its corner, so what is added
 * for the band stays out of the voice's (a second-order process at 30 Hz, tried first, lifted the 90-150 Hz mel bands
 * of VCTK's female voices by about 2 dB). Sampled exactly with {@link MaternSde}'s whitened discretisation (unit
 * variance, the state carried across blocks), scaled by an amplitude that ramps linearly across the block from the last
 * block's to {@code sqrt(var)}: no seam. It has its own generator, seeded from the stream's seed, so the voice's draws
 * do not depend on it.
 *
 * <p>No allocation after construction; one instance per stream, on the synthesis thread.
 */
public final class SubBandSource {
    /** Where the band's power spectrum is half its value at 0 Hz. */
    public static final double HALF_POWER_HZ = 15;
    /** Matern order {@code n} of the band's process (Matern-(n-1/2)). */
    static final int ORDER = 3;

    // whitened transition and noise factor, lower triangular (row-major entries named aRC, lRC), and output weights
    private final double a00, a10, a11, a20, a21, a22, l00, l10, l11, l20, l21, l22, h0, h1, h2;
    private final GaussianSource rng;
    private double z0, z1, z2, amp;

    public SubBandSource(double sampleRateHz, long seed) {
        MaternSde sde = new MaternSde(ORDER);
        double lam = decayRate();
        double[] aw = new double[ORDER * ORDER], lq = new double[ORDER * ORDER];
        if (!sde.discretise(lam / sampleRateHz, aw, lq, 0))
            throw new IllegalStateException("sub-band discretisation failed at " + sampleRateHz + " Hz");
        a00 = aw[0];
        a10 = aw[3];
        a11 = aw[4];
        a20 = aw[6];
        a21 = aw[7];
        a22 = aw[8];
        l00 = lq[0];
        l10 = lq[3];
        l11 = lq[4];
        l20 = lq[6];
        l21 = lq[7];
        l22 = lq[8];
        h0 = sde.h(0);
        h1 = sde.h(1);
        h2 = sde.h(2);
        rng = new GaussianSource(seed ^ 0x5DEECE66DL);
    }

    /**
     * The process's decay rate {@code lam} (1/s): the half-power frequency is half the full width at half maximum,
     * {@code lam sqrt(2^(1/n) - 1) / pi}.
     */
    static double decayRate() {
        return 2 * Math.PI * HALF_POWER_HZ / Math.sqrt(Math.pow(2, 1.0 / ORDER) - 1);
    }

    /**
     * Adds {@code n} samples of the band to {@code buf[off .. off + n)}, its amplitude ramping from the last block's to
     * {@code sqrt(var)} ({@code var <= 0} or not finite: to silence). Nothing is drawn while the band stays silent.
     */
    public void add(double[] buf, int off, int n, double var) {
        double target = var > 0 && Double.isFinite(var) ? Math.sqrt(var) : 0;
        if (target == 0 && amp == 0) return;
        final double g0 = amp, step = (target - g0) / n;
        double s0 = z0, s1 = z1, s2 = z2;
        for (int i = 0; i < n; i++) {
            double w0 = rng.next(), w1 = rng.next(), w2 = rng.next();
            double n0 = a00 * s0 + l00 * w0;
            double n1 = a10 * s0 + a11 * s1 + l10 * w0 + l11 * w1;
            double n2 = a20 * s0 + a21 * s1 + a22 * s2 + l20 * w0 + l21 * w1 + l22 * w2;
            s0 = n0;
            s1 = n1;
            s2 = n2;
            buf[off + i] += (g0 + step * (i + 1)) * (h0 * s0 + h1 * s1 + h2 * s2);
        }
        z0 = s0;
        z1 = s1;
        z2 = s2;
        amp = target;
    }
}
