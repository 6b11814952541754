package org.gpvoice.plot;

/**
 * One row of a parameters CSV ({@link org.gpvoice.io.ParamsCsvWriter}): the spectral-mixture model fitted to one
 * analysis block.
 *
 * @param block analysis block index
 * @param timeS start of the block in the input (s); the analysis window is centred on the block
 * @param f0Hz pitch estimate (Hz), 0 when unvoiced
 * @param envRms the block's level (RMS)
 * @param residualDb the fit's residual (dB)
 * @param noiseVar the model's white-noise variance
 * @param freqHz component centres (Hz), shape (Q), Q the component count of this block
 * @param weight component weights (variances), shape (Q)
 * @param lengthscaleS component kernel lengthscales (s), shape (Q)
 */
public record BlockParams(
        long block,
        double timeS,
        double f0Hz,
        double envRms,
        double residualDb,
        double noiseVar,
        double[] freqHz,
        double[] weight,
        double[] lengthscaleS) {
    public BlockParams {
        if (freqHz.length != weight.length || freqHz.length != lengthscaleS.length)
            throw new IllegalArgumentException("component arrays differ in length: " + freqHz.length + ", "
                    + weight.length + ", " + lengthscaleS.length);
    }

    /** Q, the number of components in this block. */
    public int components() {
        return freqHz.length;
    }
}
