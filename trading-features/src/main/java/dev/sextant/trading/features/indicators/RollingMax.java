package dev.sextant.trading.features.indicators;

/**
 * The highest of the last {@code period} values, the current one included (TA-Lib
 * {@code MAX}). Streaming uses a monotonic deque: amortised O(1), allocation-free. Warm-up
 * {@code period - 1}. Not thread-safe.
 */
public final class RollingMax extends RollingExtremum {

    /** Rolling max of the close. */
    public RollingMax(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Rolling max of a bar value.
     *
     * @param period number of values, positive
     * @param source the bar value, e.g. {@link Source#HIGH} for the highest high
     */
    public RollingMax(int period, Source source) {
        super("max", period, source, true);
    }
}
