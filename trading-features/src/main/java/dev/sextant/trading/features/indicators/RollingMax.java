package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;

/**
 * The highest of the last {@code period} values, the current one included (TA-Lib
 * {@code MAX}). Streaming uses a monotonic deque: amortised O(1), allocation-free. Warm-up
 * {@code period - 1}. Not thread-safe.
 */
public final class RollingMax extends AbstractValueIndicator {
    private final int period;
    private final RollingExtreme extreme;
    private double value = Double.NaN;

    /** Rolling max of the close. */
    public RollingMax(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the window, at least 1
     * @param source the bar value, e.g. {@link Source#HIGH} for the highest high
     */
    public RollingMax(int period, Source source) {
        super("max_" + Checks.positive(period, "period") + suffix(source), source, "max_" + period + suffix(source));
        this.period = period;
        this.extreme = new RollingExtreme(period, true);
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period - 1;
    }

    @Override
    void push(double x) {
        double e = extreme.push(x);
        if (seen >= period - 1) {
            value = e;
        }
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return value;
    }

    @Override
    void clear() {
        extreme.clear();
        value = Double.NaN;
    }

    @Override
    void kernel(double[] in, int from, int to, double[][] out) {
        RollingExtreme.batch(in, from, to, period, true, out[0]);
    }
}
