package dev.sextant.trading.features.indicators;

/**
 * The lowest of the last {@code period} values, the current one included (TA-Lib
 * {@code MIN}). Streaming uses a monotonic deque: amortised O(1), allocation-free. Warm-up
 * {@code period - 1}. Not thread-safe.
 */
public final class RollingMin extends RollingExtremum {

    /** Rolling min of the close. */
    public RollingMin(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Rolling min of a bar value.
     *
     * @param period number of values, positive
     * @param source the bar value, e.g. {@link Source#LOW} for the lowest low
     */
    public RollingMin(int period, Source source) {
        super("min", period, source, false);
    }
}
