package dev.sextant.trading.core.stats;

import dev.sextant.trading.core.Checks;
import java.util.Arrays;

/**
 * The trailing sample standard deviation (divisor {@code window - 1}) of the last {@code window}
 * one-bar log returns {@code ln(c[j] / c[j-1])}, per bar and without look-ahead: the volatility
 * estimate of the labelers (in batch) and of the pipeline's sizing inputs (streaming).
 *
 * <p>Both forms run the same recurrence, so the streaming value after bar i is bit for bit the
 * batch value at bar i: the mean and the sum of squared deviations are recomputed exactly, by two
 * passes over the window in time order, every {@code window} returns, and between those they are
 * moved by Welford's rolling update (replace the oldest return), amortised O(1) per bar. Unlike
 * running sums of squares, neither suffers cancellation when the returns are tiny or nearly equal
 * (a constant trend gives 0 up to the rounding of the logs), and the rounding of the rolling
 * update cannot accumulate beyond one window. No allocation per update.
 *
 * <p>An instance is not thread-safe; the static {@link #of} is.
 */
public final class RollingVolatility {
    private final int window;
    private final double[] returns;
    private int next;
    private long count;
    private int untilExact;
    private double mean;
    private double m2;
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
            double r = Math.log(close / lastClose);
            double old = returns[next];
            returns[next] = r;
            next = next + 1 == window ? 0 : next + 1;
            long k = count++;
            if (k + 1 >= window && untilExact == 0) {
                // next is the oldest return now: an exact two-pass recomputation in time order.
                double s = 0;
                for (int j = 0, i = next; j < window; j++, i = i + 1 == window ? 0 : i + 1) {
                    s += returns[i];
                }
                double mu = s / window;
                double q = 0;
                for (int j = 0, i = next; j < window; j++, i = i + 1 == window ? 0 : i + 1) {
                    double d = returns[i] - mu;
                    q += d * d;
                }
                mean = mu;
                m2 = q;
                untilExact = window - 1;
            } else {
                if (k + 1 >= window) {
                    untilExact--;
                }
                if (k < window) {
                    double delta = r - mean;
                    mean += delta / (k + 1);
                    m2 += delta * (r - mean);
                } else {
                    double moved = mean + (r - old) / window;
                    m2 += (r - old) * (r - moved + old - mean);
                    mean = moved;
                }
            }
        }
        lastClose = close;
    }

    /** Whether {@code window} returns have been seen, so that {@link #value()} is defined. */
    public boolean isStable() {
        return count >= window;
    }

    /** The sample standard deviation of the last {@code window} returns; NaN before there are that many. */
    public double value() {
        return count < window ? Double.NaN : deviation(m2, window);
    }

    /** Forgets every close seen, as if newly created. */
    public void reset() {
        next = 0;
        count = 0;
        untilExact = 0;
        mean = 0;
        m2 = 0;
        lastClose = Double.NaN;
        Arrays.fill(returns, 0);
    }

    /**
     * The estimate at every bar of {@code close}: element i is the sample standard deviation of
     * the {@code window} returns ending at bar i (returns {@code j} in {@code [i - window + 1, i]}),
     * NaN for {@code i < window}. Uses only closes up to bar i; equal, bit for bit, to what an
     * instance fed the same closes reports after bar i.
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
        double mean = 0;
        double m2 = 0;
        int untilExact = 0;
        // Return i (bar i) is the (i)-th return, k = i - 1 returns came before it.
        for (int i = 1; i < n; i++) {
            long k = i - 1;
            if (k + 1 >= window && untilExact == 0) {
                double s = 0;
                for (int j = i - window + 1; j <= i; j++) {
                    s += r[j];
                }
                double mu = s / window;
                double q = 0;
                for (int j = i - window + 1; j <= i; j++) {
                    double d = r[j] - mu;
                    q += d * d;
                }
                mean = mu;
                m2 = q;
                untilExact = window - 1;
            } else {
                if (k + 1 >= window) {
                    untilExact--;
                }
                if (k < window) {
                    double delta = r[i] - mean;
                    mean += delta / (k + 1);
                    m2 += delta * (r[i] - mean);
                } else {
                    double old = r[i - window];
                    double moved = mean + (r[i] - old) / window;
                    m2 += (r[i] - old) * (r[i] - moved + old - mean);
                    mean = moved;
                }
            }
            if (i >= window) {
                vol[i] = deviation(m2, window);
            }
        }
        return vol;
    }

    private static double deviation(double m2, int window) {
        return m2 > 0 ? Math.sqrt(m2 / (window - 1)) : 0.0;
    }
}
