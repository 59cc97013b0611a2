package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;

/**
 * The Page-Hinkley test for an increase in the mean of a stream (written here; MOA's is GPL).
 * With {@code x̄_t} the running mean, it accumulates {@code m_t = Σ (x_i - x̄_i - delta)} and
 * its running minimum {@code M_t}; the statistic is {@code m_t - M_t} and the test alarms when it
 * exceeds {@code lambda} after at least {@value #MIN_OBSERVATIONS} observations, then restarts.
 * {@code delta} is the tolerated increase per observation; {@code lambda} trades detection delay
 * against false alarms.
 *
 * <p>Allocates nothing. Not thread-safe.
 */
public final class PageHinkley {

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

    private void restart() {
        n = 0;
        mean = 0;
        cumulative = 0;
        minimum = 0;
        alarmed = false;
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
