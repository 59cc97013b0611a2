package dev.sextant.trading.core.stats;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.StateFormatException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The rolling mean and standard deviation of the last {@code window} values of a series, in
 * amortised O(1) per value and without allocation: the one implementation behind the rolling
 * standard deviation, z-score and band indicators and behind {@link RollingVolatility}.
 *
 * <p>Between exact recomputations the mean and the sum of squared deviations move by Welford's
 * recurrence (add a value while the window fills, then replace the oldest). To stop rounding from
 * accumulating over long series (it shows when the variance is tiny against the level of the
 * values), both are recomputed exactly, by two passes over the window in time order, when the
 * window first fills and then every {@code window} values: at most O(window) for one value. Unlike
 * running sums of squares, neither suffers cancellation when the values are large and nearly
 * equal. A window whose values are all equal (detected by the length of the run of equal values)
 * yields exactly mean = that value and deviation 0.
 *
 * <p>Accuracy: the mean is within a few ulps of the exact mean; the variance is within about
 * {@code window} ulps of {@code spread * (spread + |level|)}, where spread is the range of the
 * values since the last exact recomputation (at most {@code 2 * window} values back). So when a far
 * value leaves the window and the rest are nearly equal, the deviation reads the square root of
 * that rounding (about 1e-8 of the spread) rather than 0, until the next exact recomputation.
 *
 * <p>The result depends only on the values and their order, so the batch
 * {@link #meanAndPopulationStdDev} (which feeds an instance) is bit for bit what an instance fed
 * the same values reports. An instance is not thread-safe; the static method is.
 */
public final class RollingMoments {
    private final int window;
    private final double[] ring;
    private int pos;
    private long count;
    private int untilExact;
    private long run;
    private double last = Double.NaN;
    private double mean;
    private double m2;

    /**
     * An empty window.
     *
     * @param window values in the moments, at least 1
     * @throws IllegalArgumentException if {@code window} is below 1
     */
    public RollingMoments(int window) {
        this.window = Checks.positive(window, "window");
        this.ring = new double[window];
    }

    /** The number of values in a full window. */
    public int window() {
        return window;
    }

    /**
     * Adds the next value; once the window is full the oldest value leaves it. The value is not
     * checked: a NaN or infinity makes the moments NaN until it has left the window and the next
     * exact recomputation has run.
     *
     * @param x the next value
     */
    public void add(double x) {
        long k = count++;
        double old = ring[pos];
        ring[pos] = x;
        pos = pos + 1 == window ? 0 : pos + 1;
        if (k == 0) {
            untilExact = window - 1;
        }
        boolean exact = untilExact == 0;
        untilExact = exact ? window - 1 : untilExact - 1;
        if (exact) {
            // pos is the oldest value now: an exact two-pass recomputation in time order.
            double s = 0;
            for (int j = 0, r = pos; j < window; j++, r = r + 1 == window ? 0 : r + 1) {
                s += ring[r];
            }
            double mu = s / window;
            double q = 0;
            for (int j = 0, r = pos; j < window; j++, r = r + 1 == window ? 0 : r + 1) {
                double d = ring[r] - mu;
                q += d * d;
            }
            mean = mu;
            m2 = q;
        } else if (k < window) {
            double delta = x - mean;
            mean += delta / (k + 1);
            m2 += delta * (x - mean);
        } else {
            double next = mean + (x - old) / window;
            m2 += (x - old) * (x - next + old - mean);
            mean = next;
        }
        run = x == last ? run + 1 : 1;
        last = x;
        if (run >= window) {
            mean = x;
            m2 = 0;
        }
    }

    /**
     * Writes the exact streaming state (window, ring, position, counters, running moments) so
     * that {@link #readState} into an instance of the same window continues bit for bit as this
     * one would. About {@code 8 * window + 50} bytes.
     *
     * @param out where to write
     * @throws IOException from {@code out}
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(window);
        out.writeInt(pos);
        out.writeLong(count);
        out.writeInt(untilExact);
        out.writeLong(run);
        out.writeDouble(last);
        out.writeDouble(mean);
        out.writeDouble(m2);
        for (double v : ring) {
            out.writeDouble(v);
        }
    }

    /**
     * Replaces this instance's state with one written by {@link #writeState}.
     *
     * @param in where to read
     * @throws StateFormatException if the state is of another window or holds an impossible
     *                              position or count; this instance is then reset
     * @throws IOException          from {@code in} (an {@link java.io.EOFException} when it ends early)
     */
    public void readState(DataInput in) throws IOException {
        int w = in.readInt();
        if (w != window) {
            reset();
            throw new StateFormatException("rolling moments state", StateFormatException.Problem.FOREIGN,
                    "saved for a window of " + w + " but this window holds " + window);
        }
        int p = in.readInt();
        long c = in.readLong();
        int u = in.readInt();
        long r = in.readLong();
        if (p < 0 || p >= window || c < 0 || u < 0 || u >= window || r < 0) {
            reset();
            throw new StateFormatException("rolling moments state", StateFormatException.Problem.CORRUPT,
                    "position " + p + ", count " + c + ", countdown " + u + " or run " + r + " impossible for a window of "
                            + window);
        }
        pos = p;
        count = c;
        untilExact = u;
        run = r;
        last = in.readDouble();
        mean = in.readDouble();
        m2 = in.readDouble();
        for (int i = 0; i < window; i++) {
            ring[i] = in.readDouble();
        }
    }

    /** The number of values added since creation or the last {@link #reset()}. */
    public long count() {
        return count;
    }

    /** Whether {@code window} values have been added, so that the moments cover a full window. */
    public boolean isFull() {
        return count >= window;
    }

    /** The mean of the values in the window (fewer than {@code window} while filling); NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /**
     * The population standard deviation (divisor n) of the n values in the window, n =
     * min(count, window); NaN when empty, 0 for a single value.
     */
    public double populationStdDev() {
        if (count == 0) {
            return Double.NaN;
        }
        return m2 > 0 ? Math.sqrt(m2 / size()) : 0.0;
    }

    /**
     * The sample standard deviation (divisor n - 1) of the n values in the window, n =
     * min(count, window); NaN while n is below 2 (always, for a window of 1).
     */
    public double sampleStdDev() {
        int n = size();
        if (n < 2) {
            return Double.NaN;
        }
        return m2 > 0 ? Math.sqrt(m2 / (n - 1)) : 0.0;
    }

    /** Forgets every value added, as if newly created. */
    public void reset() {
        untilExact = 0;
        pos = 0;
        count = 0;
        run = 0;
        last = Double.NaN;
        mean = 0;
        m2 = 0;
    }

    private int size() {
        return count < window ? (int) count : window;
    }

    /**
     * Batch: the mean and population standard deviation of each full window of
     * {@code in[from, to)}, bit for bit what an instance fed {@code in[from]}, {@code in[from+1]},
     * ... reports. Element i of the outputs, for {@code i} in {@code [from + window - 1, to)}, is
     * the window ending at {@code in[i]}; the other elements are not written. Allocates
     * nothing.
     *
     * @param in      the values, oldest first
     * @param from    the first value, inclusive
     * @param to      the end, exclusive
     * @param window  values per window, at least 1
     * @param meanOut receives the means; at least {@code to} long
     * @param stdOut  receives the population standard deviations; at least {@code to} long
     * @throws IllegalArgumentException if {@code window} is below 1 or the range lies outside {@code in}
     * @throws NullPointerException     if an array is null
     */
    public static void meanAndPopulationStdDev(
            double[] in, int from, int to, int window, double[] meanOut, double[] stdOut) {
        Checks.notNull(in, "in");
        Checks.notNull(meanOut, "meanOut");
        Checks.notNull(stdOut, "stdOut");
        if (from < 0 || from > to || to > in.length) {
            throw new IllegalArgumentException(
                    "range [" + from + ", " + to + ") must lie in [0, " + in.length + "]");
        }
        Checks.positive(window, "window");
        // add() step by step on the array itself instead of a ring: the same operations in the
        // same order (so the same bits), without an instance or its ring.
        double mean = 0;
        double m2 = 0;
        long run = 0;
        double last = Double.NaN;
        int untilExact = window - 1;
        for (int i = from; i < to; i++) {
            int k = i - from;
            double x = in[i];
            boolean exact = untilExact == 0;
            untilExact = exact ? window - 1 : untilExact - 1;
            if (exact) {
                int first = i - window + 1;
                double s = 0;
                for (int j = first; j <= i; j++) {
                    s += in[j];
                }
                double mu = s / window;
                double q = 0;
                for (int j = first; j <= i; j++) {
                    double d = in[j] - mu;
                    q += d * d;
                }
                mean = mu;
                m2 = q;
            } else if (k < window) {
                double delta = x - mean;
                mean += delta / (k + 1);
                m2 += delta * (x - mean);
            } else {
                double old = in[i - window];
                double next = mean + (x - old) / window;
                m2 += (x - old) * (x - next + old - mean);
                mean = next;
            }
            run = x == last ? run + 1 : 1;
            last = x;
            if (run >= window) {
                mean = x;
                m2 = 0;
            }
            if (k >= window - 1) {
                meanOut[i] = mean;
                stdOut[i] = m2 > 0 ? Math.sqrt(m2 / window) : 0.0;
            }
        }
    }
}
