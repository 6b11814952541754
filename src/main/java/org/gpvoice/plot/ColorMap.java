package org.gpvoice.plot;

/**
 * The "inferno" perceptual colour map (van der Walt and Smith, matplotlib), black through purple and orange to pale
 * yellow, monotonic in lightness. Evaluated from the degree-6 polynomial fit of Matt Zucker
 * (shadertoy.com/view/WlfXRN, CC0) into a 256-entry table.
 */
final class ColorMap {
    private static final double[][] C = { // (7, 3): coefficients of t^0 .. t^6 for r, g, b
        {0.0002189403691192265, 0.001651004631001012, -0.01948089843709184},
        {0.1065134194856116, 0.5639564367884091, 3.932712388889277},
        {11.60249308247187, -3.972853965665698, -15.9423941062914},
        {-41.70399613139459, 17.43639888205313, 44.35414519872813},
        {77.162935699427, -33.40235894210092, -81.80730925738993},
        {-71.31942824499214, 32.62606426397723, 73.20951985803202},
        {25.13112622477341, -12.24266895238567, -23.07032500287172}
    };

    private static final int[] TABLE = new int[256]; // packed 0xRRGGBB

    static {
        for (int i = 0; i < TABLE.length; i++) {
            double t = i / 255.0;
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
                double v = 0;
                for (int k = C.length - 1; k >= 0; k--) v = v * t + C[k][c];
                rgb = (rgb << 8) | (int) Math.round(255 * Math.max(0, Math.min(1, v)));
            }
            TABLE[i] = rgb;
        }
    }

    private ColorMap() {}

    /** The colour of {@code t} in [0, 1] (clamped; NaN maps to 0) as packed {@code 0xRRGGBB}. */
    static int inferno(double t) {
        if (!(t > 0)) return TABLE[0];
        if (t >= 1) return TABLE[255];
        return TABLE[(int) Math.round(t * 255)];
    }
}
