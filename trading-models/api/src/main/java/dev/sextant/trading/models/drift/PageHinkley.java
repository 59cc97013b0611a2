package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.StateFormatException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The Page-Hinkley test for an increase in the mean of a stream (written here; MOA's is GPL).
 * With {@code x̄_t} the running mean, it accumulates {@code m_t = Σ (x_i - x̄_i - delta)} and
 * its running minimum {@code M_t}; the statistic is {@code m_t - M_t} and the test alarms when it
 * exceeds {@code lambda} after at least {@value #MIN_OBSERVATIONS} observations, then restarts.
 * {@code delta} is the tolerated increase per observation; {@code lambda} trades detection delay
 * against false alarms.
 *
 * <p>Its exact state can be saved ({@link #writeState}) and restored ({@link #readState}).
 * Allocates nothing. Not thread-safe.
 */
public final class PageHinkley {

    private static final String KIND = "page-hinkley state";

    /** Observations after a (re)start before the test may alarm. */
    public static final int MIN_OBSERVATIONS = 30;

    private final double delta;
    private final double lambda;
    private long n;
    private double mean;
    private double cumulative;
    private double minimum;
    private boolean alarmed;

    /**
     * @param delta  tolerated increase, finite and non-negative (in the stream's units)
     * @param lambda alarm threshold, finite and positive (in the stream's units)
     */
    public PageHinkley(double delta, double lambda) {
        this.delta = Checks.nonNegative(Checks.finite(delta, "delta"), "delta");
        this.lambda = Checks.positive(Checks.finite(lambda, "lambda"), "lambda");
    }

    /**
     * Adds an observation.
     *
     * @param x a finite value
     * @return whether the test alarms on it (it has then restarted; {@link #statistic()} and
     *         {@link #mean()} still describe the stream up to the alarm until the next call)
     * @throws IllegalArgumentException if {@code x} is not finite
     */
    public boolean add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("a Page-Hinkley observation must be finite but was " + x);
        }
        if (alarmed) {
            restart();
        }
        n++;
        mean += (x - mean) / n;
        cumulative += x - mean - delta;
        minimum = Math.min(minimum, cumulative);
        alarmed = n >= MIN_OBSERVATIONS && cumulative - minimum > lambda;
        return alarmed;
    }

    /** Forgets every observation, as when created (as after an alarm). */
    void restart() {
        n = 0;
        mean = 0;
        cumulative = 0;
        minimum = 0;
        alarmed = false;
    }

    /**
     * Writes the exact state (tolerance, threshold, count, running mean, cumulative sum, its
     * minimum, whether the last observation alarmed) so that {@link #readState} into a test of the
     * same tolerance and threshold continues bit for bit as this one would. 45 bytes.
     *
     * @param out where to write
     * @throws IOException from {@code out}
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(delta);
        out.writeDouble(lambda);
        out.writeLong(n);
        out.writeDouble(mean);
        out.writeDouble(cumulative);
        out.writeDouble(minimum);
        out.writeBoolean(alarmed);
    }

    /**
     * Replaces this test's state with one written by {@link #writeState}.
     *
     * @param in where to read
     * @throws StateFormatException if the state is of another tolerance or threshold
     *                              ({@code FOREIGN}) or holds an impossible count or sum
     *                              ({@code CORRUPT}); the test then restarts
     * @throws IOException          from {@code in} (an {@link java.io.EOFException} when it ends early;
     *                              the test then restarts)
     */
    public void readState(DataInput in) throws IOException {
        restart();
        double d = in.readDouble();
        double l = in.readDouble();
        if (Double.doubleToLongBits(d) != Double.doubleToLongBits(delta)
                || Double.doubleToLongBits(l) != Double.doubleToLongBits(lambda)) {
            throw new StateFormatException(KIND, StateFormatException.Problem.FOREIGN, "saved for delta " + d
                    + " and lambda " + l + " but this test has delta " + delta + " and lambda " + lambda);
        }
        long count = in.readLong();
        double mu = in.readDouble();
        double sum = in.readDouble();
        double min = in.readDouble();
        boolean alarm = in.readBoolean();
        // The running minimum starts at 0 and never exceeds the sum; nothing is accumulated before the first value.
        boolean possible = count >= 0 && Double.isFinite(mu) && Double.isFinite(sum) && Double.isFinite(min) && min <= 0
                && min <= sum && (count > 0 || (mu == 0 && sum == 0 && min == 0)) && (!alarm || count >= MIN_OBSERVATIONS);
        if (!possible) {
            throw new StateFormatException(KIND, StateFormatException.Problem.CORRUPT, "count " + count + ", mean " + mu
                    + ", sum " + sum + ", minimum " + min + (alarm ? ", alarmed" : "") + " cannot occur together");
        }
        n = count;
        mean = mu;
        cumulative = sum;
        minimum = min;
        alarmed = alarm;
    }

    /** The statistic {@code m_t - M_t}. */
    public double statistic() {
        return cumulative - minimum;
    }

    /** The mean of the observations since the last restart; 0 before any. */
    public double mean() {
        return mean;
    }

    /** Observations since the last restart. */
    public long count() {
        return n;
    }

    /** The threshold. */
    public double lambda() {
        return lambda;
    }

    /** The tolerated increase. */
    public double delta() {
        return delta;
    }
}
