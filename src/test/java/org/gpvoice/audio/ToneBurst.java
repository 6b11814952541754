package org.gpvoice.audio;

/**
 * The stretch of a recording from the first to the last sample above a threshold, and how much of it one frequency
 * holds: enough to tell a clean recorded tone from silence, noise or a tone with a gap (an underrun inserts silence,
 * which lengthens the burst and lowers the tone's share).
 *
 * @param x the whole recording, full scale 1
 * @param from first sample of the burst
 * @param frames length of the burst, samples; 0 if nothing crossed the threshold
 * @param rate sample rate, Hz
 */
record ToneBurst(double[] x, int from, int frames, int rate) {
    /** A sine of {@code frames} samples starting at phase 0. */
    static double[] sine(int rate, double hz, double amplitude, int frames) {
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
        return x;
    }

    static ToneBurst find(double[] x, int rate, double threshold) {
        int first = -1, last = -1;
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) > threshold) {
                if (first < 0) first = i;
                last = i;
            }
        }
        return first < 0 ? new ToneBurst(x, 0, 0, rate) : new ToneBurst(x, first, last - first + 1, rate);
    }

    /** Length of the burst, s. */
    double seconds() {
        return frames / (double) rate;
    }

    /** |X(hz)|^2 by the Goertzel recursion over the burst: N^2 A^2 / 4 for a sine of amplitude A. */
    double goertzelPower(double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / rate), s1 = 0, s2 = 0;
        for (int i = from; i < from + frames; i++) {
            double s0 = x[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    /** The amplitude of the sine at {@code hz}: 2 |X| / N. */
    double amplitude(double hz) {
        return 2 * Math.sqrt(goertzelPower(hz)) / frames;
    }

    /** The share of the burst's energy in the sine at {@code hz}: (N A^2 / 2) / sum x^2; 1 for a pure tone. */
    double share(double hz) {
        double energy = 0;
        for (int i = from; i < from + frames; i++) energy += x[i] * x[i];
        return 2 * goertzelPower(hz) / frames / energy;
    }
}
