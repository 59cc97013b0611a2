package dev.sextant.trading.features;

/**
 * What a {@link FeatureScaler} does with a {@code NaN} or infinite input value when transforming.
 * Fitting never accepts non-finite values.
 */
public enum NonFinitePolicy {
    /** Throw an {@link IllegalArgumentException} naming the column and value (the default). */
    REJECT,
    /**
     * Impute the fitted centre (mean or median), i.e. write 0 after scaling, and carry on: for
     * inputs that can legitimately be missing, such as a stale external series.
     */
    IMPUTE_CENTER
}
