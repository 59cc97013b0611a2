package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;

/**
 * How a {@link DriftReference} is built.
 *
 * @param bins          bins of each quantile grid, 2 to 1000 (default {@value #DEFAULT_BINS})
 * @param oodSamples    training rows kept (evenly spaced) for the out-of-distribution distance, at
 *                      least {@code oodNeighbours + 2} (default {@value #DEFAULT_OOD_SAMPLES})
 * @param oodNeighbours nearest neighbours averaged in the distance, at least 1 (default
 *                      {@value #DEFAULT_OOD_NEIGHBOURS})
 * @param oodQuantile   quantile of the kept rows' own leave-one-out distances used as the gating
 *                      threshold, in (0, 1] (default {@value #DEFAULT_OOD_QUANTILE})
 */
public record ReferenceSettings(int bins, int oodSamples, int oodNeighbours, double oodQuantile) {

    /** Default bins per grid. */
    public static final int DEFAULT_BINS = 20;
    /** Default training rows kept for the distance. */
    public static final int DEFAULT_OOD_SAMPLES = 256;
    /** Default neighbours. */
    public static final int DEFAULT_OOD_NEIGHBOURS = 5;
    /** Default threshold quantile. */
    public static final double DEFAULT_OOD_QUANTILE = 0.99;

    /** Validates. */
    public ReferenceSettings {
        Checks.inRange(bins, 2, 1000, "bins");
        Checks.positive(oodNeighbours, "oodNeighbours");
        if (oodSamples < oodNeighbours + 2) {
            throw new IllegalArgumentException("oodSamples must be at least oodNeighbours + 2 (" + (oodNeighbours + 2)
                    + ") but was " + oodSamples);
        }
        if (!(oodQuantile > 0 && oodQuantile <= 1)) {
            throw new IllegalArgumentException("oodQuantile must be in (0, 1] but was " + oodQuantile);
        }
    }

    /** The defaults. */
    public static ReferenceSettings defaults() {
        return new ReferenceSettings(DEFAULT_BINS, DEFAULT_OOD_SAMPLES, DEFAULT_OOD_NEIGHBOURS, DEFAULT_OOD_QUANTILE);
    }
}
