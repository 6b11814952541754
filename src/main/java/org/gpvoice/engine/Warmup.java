package org.gpvoice.engine;

/**
 * Runs the engine on a second of synthetic voice before a real-time stream starts, so the JIT has compiled the fit
 * and the sampler before the first real block: otherwise the first second of a live stream runs the fit interpreted,
 * ten times slower, and synthesis has to play on without those fits.
 */
public final class Warmup {
    private Warmup() {}

    /** Processes {@code seconds} of a gliding harmonic voice with breath noise through a throwaway engine. */
    public static void run(EngineConfig cfg, double sampleRateHz, int capacity, double seconds) {
        Resynthesizer e = new Resynthesizer(sampleRateHz, cfg, capacity);
        int b = e.blockSize();
        double[] in = new double[b], out = new double[b];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        double phase = 0;
        long blocks = Math.round(seconds * sampleRateHz / b);
        for (long k = 0; k < blocks; k++) {
            for (int i = 0; i < b; i++) {
                double t = (k * b + i) / sampleRateHz;
                double f0 = 120 + 40 * Math.sin(2 * Math.PI * 0.7 * t);
                phase += 2 * Math.PI * f0 / sampleRateHz;
                double voiced = Math.sin(2 * Math.PI * 2.5 * t) > -0.3 ? 1 : 0; // voiced and unvoiced stretches
                double x = 0;
                for (int h = 1; h <= 12; h++) x += Math.sin(h * phase) / h;
                in[i] = 0.1 * voiced * x + 0.01 * (rnd.nextDouble() - 0.5);
            }
            e.process(in, 0, out, 0);
        }
    }
}
