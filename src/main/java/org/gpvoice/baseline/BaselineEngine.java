package org.gpvoice.baseline;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The baseline engines by name, as {@code gpvoice render --engine NAME} selects them. Each computes the short-time
 * magnitude of the whole input with {@link Stft#forSampleRate} (1024-point Hann frames, hop 256 at 22.05 kHz) and
 * resynthesizes a waveform of the input's length from that magnitude alone; the seed fixes the random phases.
 */
public enum BaselineEngine {
    /** Uniformly random phases, overlap-add inverse: {@link RandomPhase}. */
    RANDOM_PHASE("random-phase"),
    /** Griffin-Lim, {@link GriffinLim#DEFAULT_ITERATIONS} iterations from random phase. */
    GRIFFIN_LIM("griffin-lim"),
    /** Fast Griffin-Lim, momentum {@link GriffinLim#FGLA_MOMENTUM}, {@link GriffinLim#DEFAULT_ITERATIONS} iterations. */
    FGLA("fgla"),
    /** Real-time phase gradient heap integration, one frame of look-ahead: {@link Rtpghi}. */
    RTPGHI("rtpghi");

    private final String id;

    BaselineEngine(String id) {
        this.id = id;
    }

    /** The name on the command line, e.g. {@code griffin-lim}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /** The names of every baseline, comma-separated, in declaration order. */
    public static String choices() {
        return Arrays.stream(values()).map(BaselineEngine::id).collect(Collectors.joining(", "));
    }

    /**
     * The engine named {@code name} (its {@link #id()}, case-insensitive; the enum constant's name is accepted too).
     *
     * @throws IllegalArgumentException naming the choices, for any other name
     */
    public static BaselineEngine parse(String name) {
        if (name != null) {
            String s = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (BaselineEngine e : values()) if (e.id.equals(s)) return e;
        }
        throw new IllegalArgumentException("unknown baseline engine '" + name + "': choose one of " + choices());
    }

    /**
     * Resynthesizes {@code x} (sampled at {@code sampleRate} Hz) from its short-time magnitude. Returns a new array of
     * {@code x.length} samples; {@code x} is not modified. Deterministic for a seed.
     */
    public double[] render(double[] x, int sampleRate, long seed) {
        Stft stft = Stft.forSampleRate(sampleRate);
        double[] y = new double[x.length];
        if (x.length == 0) return y;
        double[] mag = stft.magnitude(x);
        switch (this) {
            case RANDOM_PHASE -> RandomPhase.reconstruct(stft, mag, seed, y);
            case GRIFFIN_LIM -> GriffinLim.plain(stft).reconstruct(mag, seed, y, null);
            case FGLA -> GriffinLim.fast(stft).reconstruct(mag, seed, y, null);
            case RTPGHI -> Rtpghi.forHann(stft).reconstruct(stft, mag, seed, y);
        }
        return y;
    }
}
