package org.gpvoice.engine;

/** Per-block times of a stage, summarised. */
public interface Percentiles {
    /** Percentile {@code p} in [0, 100], microseconds. */
    double percentileUs(double p);
}
