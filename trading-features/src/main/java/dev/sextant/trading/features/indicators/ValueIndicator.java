package dev.sextant.trading.features.indicators;

/**
 * An indicator of a single input value per bar (a {@link Source} of the bar, or the output of
 * another indicator), so that indicators can be chained: a z-score of OBV, the standard
 * deviation of log returns.
 *
 * <p>Leading {@code NaN} inputs are skipped (not counted), so that chaining onto an indicator
 * that is still warming up works: the chained warm-up is the sum of both warm-ups. Any other
 * non-finite input is an error. Not thread-safe.
 */
public interface ValueIndicator extends Indicator {

    /** The bar value read by {@link #update(long, double, double, double, double, double)}. */
    Source source();

    /**
     * Feeds the next input value directly (instead of a bar). O(1), allocation-free.
     *
     * @throws IllegalArgumentException if {@code value} is infinite, or {@code NaN} after a
     *                                  finite value was accepted, or outside the indicator's
     *                                  domain (e.g. not positive for a log return)
     */
    void accept(double value);

    /**
     * Batch computation over one input column: {@code out[k][i]} for {@code i < length},
     * skipping leading {@code NaN}s exactly as {@link #accept(double)} does.
     *
     * @throws IllegalArgumentException if {@code out} has the wrong shape or the input holds a
     *                                  non-finite value after its first finite one
     */
    void compute(double[] input, int length, double[][] out);
}
