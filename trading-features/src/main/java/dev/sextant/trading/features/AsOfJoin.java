package dev.sextant.trading.features;

import dev.sextant.trading.core.Checks;
import java.time.Duration;
import java.time.Instant;

/**
 * An as-of join of a user-supplied time series (sentiment, a macro figure, a funding rate) onto
 * bar rows: the value for a row at time {@code t} is the latest value stamped at or before
 * {@code t}, provided it is no older than {@code maxStaleness}; otherwise {@code NaN} (missing).
 * A value stamped after the row's time is never used.
 *
 * <p>Pass the time at which the row's features are known to be usable: the bar's open time (the
 * Sextant bar timestamp, the conservative choice) or its close time. {@code NaN} marks missing:
 * combine with {@link NonFinitePolicy#IMPUTE_CENTER} in a {@link FeatureScaler}, or handle it.
 *
 * <p>{@link #valueAt(long)} streams in O(1) amortised with a forward cursor (row times must not
 * decrease); {@link #join(long[])} is the batch form with identical results. Not thread-safe
 * (the cursor); the series itself is immutable.
 */
public final class AsOfJoin {
    private final String name;
    private final long[] times;
    private final double[] values;
    private final long maxStaleness;
    private int cursor = -1;
    private long lastRow = Long.MIN_VALUE;

    /**
     * Creates an instance with the given parameters.
     *
     * @param name         the column name
     * @param times        value timestamps, epoch milliseconds UTC, strictly increasing (copied)
     * @param values       finite values, one per timestamp (copied)
     * @param maxStaleness the oldest a value may be and still be used; non-negative
     * @throws IllegalArgumentException naming the index if times do not strictly increase, a
     *                                  value is not finite, or the lengths differ
     */
    public AsOfJoin(String name, long[] times, double[] values, Duration maxStaleness) {
        this.name = Checks.notBlank(name, "name");
        Checks.notNull(times, "times");
        Checks.notNull(values, "values");
        Checks.notNull(maxStaleness, "maxStaleness");
        if (times.length != values.length) {
            throw new IllegalArgumentException("external series " + name + ": " + times.length + " times but "
                    + values.length + " values");
        }
        if (maxStaleness.isNegative()) {
            throw new IllegalArgumentException("maxStaleness must be non-negative but was " + maxStaleness);
        }
        for (int i = 0; i < times.length; i++) {
            if (i > 0 && times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("external series " + name + ", value " + i + ": time "
                        + Instant.ofEpochMilli(times[i]) + " is not after " + Instant.ofEpochMilli(times[i - 1]));
            }
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("external series " + name + ", value " + i + " at "
                        + Instant.ofEpochMilli(times[i]) + ": " + values[i] + " is not finite");
            }
        }
        this.times = times.clone();
        this.values = values.clone();
        this.maxStaleness = maxStaleness.toMillis();
    }

    /** The column name. */
    public String name() {
        return name;
    }

    /**
     * Streaming: the value as of {@code rowTime}, or {@code NaN} if none is stamped at or before
     * it within the staleness limit.
     *
     * @throws IllegalArgumentException if {@code rowTime} is before the previous call's
     */
    public double valueAt(long rowTime) {
        if (rowTime < lastRow) {
            throw new IllegalArgumentException("external series " + name + ": row time " + Instant.ofEpochMilli(rowTime)
                    + " is before the previous row time " + Instant.ofEpochMilli(lastRow));
        }
        lastRow = rowTime;
        while (cursor + 1 < times.length && times[cursor + 1] <= rowTime) {
            cursor++;
        }
        return cursor >= 0 && rowTime - times[cursor] <= maxStaleness ? values[cursor] : Double.NaN;
    }

    /** Batch: the value as of each of {@code rowTimes} (non-decreasing), by binary search. */
    public double[] join(long[] rowTimes) {
        double[] out = new double[rowTimes.length];
        for (int r = 0; r < rowTimes.length; r++) {
            if (r > 0 && rowTimes[r] < rowTimes[r - 1]) {
                throw new IllegalArgumentException("external series " + name + ": row " + r + " time is before row " + (r - 1));
            }
            int k = java.util.Arrays.binarySearch(times, rowTimes[r]);
            int idx = k >= 0 ? k : -k - 2;
            out[r] = idx >= 0 && rowTimes[r] - times[idx] <= maxStaleness ? values[idx] : Double.NaN;
        }
        return out;
    }

    /** Restarts streaming from the beginning. */
    public void reset() {
        cursor = -1;
        lastRow = Long.MIN_VALUE;
    }
}
