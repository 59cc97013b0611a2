package dev.sextant.trading.core.stats;

import dev.sextant.trading.core.Checks;
import java.util.Arrays;

/**
 * The trailing sample standard deviation (divisor {@code window - 1}) of the last {@code window}
 * one-bar log returns {@code ln(c[j] / c[j-1])}, per bar and without look-ahead: the volatility
 * estimate of the labelers (in batch) and of the pipeline's sizing inputs (streaming).
 *
 * <p>Both forms compute each value by two passes over the window in time order (mean, then the
 * sum of squared deviations) instead of running sums of squares, so a window of tiny or equal
 * returns gives its exact deviation (0 for a constant trend, up to the rounding of the logs)
 * rather than the cancellation noise running sums leave; and the streaming value after bar i is
 * bit-for-bit the batch value at bar i. O(window) per value, no allocation per update.
 *
 * <p>An instance is not thread-safe; the static {@link #of} is.
 */
public final class RollingVolatility {
    private final int window;
    private final double[] returns;
    private int next;
    private long count;
    private double lastClose = Double.NaN;

    /**
     * A streaming estimate over {@code window} returns.
     *
     * @param window returns in the estimate, at least 2
     * @throws IllegalArgumentException if {@code window} is below 2
     */
    public RollingVolatility(int window) {
        this.window = Checks.inRange(window, 2, Integer.MAX_VALUE, "window");
        this.returns = new double[window];
    }

    /** The number of returns in the estimate. */
    public int window() {
        return window;
    }

    /**
     * Adds the close of the next bar; from the second close on, one more log return enters the
     * window (and the oldest leaves it once the window is full).
     *
     * @param close the close, finite and positive
     * @throws IllegalArgumentException if {@code close} is not finite and positive
     */
    public void update(double close) {
        if (!(close > 0) || !Double.isFinite(close)) {
            throw new IllegalArgumentException("close must be finite and positive but was " + close);
        }
        if (!Double.isNaN(lastClose)) {
            returns[next] = Math.log(close / lastClose);
            next = next + 1 == window ? 0 : next + 1;
            count++;
        }
        lastClose = close;
    }

    /** Whether {@code window} returns have been seen, so that {@link #value()} is defined. */
    public boolean isStable() {
        return count >= window;
    }

    /** The sample standard deviation of the last {@code window} returns; NaN before there are that many. */
    public double value() {
        if (count < window) {
            return Double.NaN;
        }
        // next is the oldest return now: walk the ring in time order so that the arithmetic is
        // the batch form's.
        double mean = 0;
        for (int j = 0, r = next; j < window; j++, r = r + 1 == window ? 0 : r + 1) {
            mean += returns[r];
        }
        mean /= window;
        double ss = 0;
        for (int j = 0, r = next; j < window; j++, r = r + 1 == window ? 0 : r + 1) {
            double d = returns[r] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (window - 1));
    }

    /** Forgets every close seen, as if newly created. */
    public void reset() {
        next = 0;
        count = 0;
        lastClose = Double.NaN;
        Arrays.fill(returns, 0);
    }

    /**
     * The estimate at every bar of {@code close}: element i is the sample standard deviation of
     * the {@code window} returns ending at bar i (returns {@code j} in {@code [i - window + 1, i]}),
     * NaN for {@code i < window}. Uses only closes up to bar i.
     *
     * @param close  closes, oldest first; finite and positive (not checked here)
     * @param window returns in the estimate, at least 2
     * @return a new array as long as {@code close}
     * @throws IllegalArgumentException if {@code window} is below 2
     */
    public static double[] of(double[] close, int window) {
        Checks.notNull(close, "close");
        Checks.inRange(window, 2, Integer.MAX_VALUE, "window");
        int n = close.length;
        double[] vol = new double[n];
        Arrays.fill(vol, Double.NaN);
        double[] r = new double[n];
        for (int i = 1; i < n; i++) {
            r[i] = Math.log(close[i] / close[i - 1]);
        }
        for (int i = window; i < n; i++) {
            double mean = 0;
            for (int j = i - window + 1; j <= i; j++) {
                mean += r[j];
            }
            mean /= window;
            double ss = 0;
            for (int j = i - window + 1; j <= i; j++) {
                double d = r[j] - mean;
                ss += d * d;
            }
            vol[i] = Math.sqrt(ss / (window - 1));
        }
        return vol;
    }
}
