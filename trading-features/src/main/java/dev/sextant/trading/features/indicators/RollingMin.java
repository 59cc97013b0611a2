package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;

/**
 * The lowest of the last {@code period} values, the current one included (TA-Lib
 * {@code MIN}). Streaming uses a monotonic deque: amortised O(1), allocation-free. Warm-up
 * {@code period - 1}. Not thread-safe.
 */
public final class RollingMin extends AbstractValueIndicator {
    private final int period;
    private final RollingExtreme extreme;
    private double value = Double.NaN;

    /** Rolling min of the close. */
    public RollingMin(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the window, at least 1
     * @param source the bar value, e.g. {@link Source#LOW} for the lowest low
     */
    public RollingMin(int period, Source source) {
        super("min_" + Checks.positive(period, "period") + suffix(source), source, "min_" + period + suffix(source));
        this.period = period;
        this.extreme = new RollingExtreme(period, false);
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
        RollingExtreme.batch(in, from, to, period, false, out[0]);
    }
}
