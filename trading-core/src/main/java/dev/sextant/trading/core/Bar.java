package dev.sextant.trading.core;

import dev.sextant.trading.core.internal.BarRules;
import java.time.Instant;

/**
 * One OHLCV bar.
 *
 * <p>{@code time} is the <em>open</em> time of the bar's interval in epoch milliseconds UTC; the
 * bar covers {@code [time, time + timeFrame)}. Prices are in the instrument's quote currency,
 * volume in base units.
 *
 * @param time   open time of the interval, epoch milliseconds UTC
 * @param open   first price, finite and positive
 * @param high   highest price, at least max(open, close)
 * @param low    lowest price, at most min(open, close)
 * @param close  last price, finite and positive
 * @param volume traded quantity, finite and non-negative
 */
public record Bar(long time, double open, double high, double low, double close, double volume) {

    /** Validates the bar; throws {@link IllegalArgumentException} naming the field and value. */
    public Bar {
        BarRules.Violation v = BarRules.check(open, high, low, close, volume);
        if (v != null) {
            throw new IllegalArgumentException(
                    "bar at " + Instant.ofEpochMilli(time) + ": " + v.field() + " " + v.value() + " " + v.reason());
        }
    }

    /** The open time as an {@link Instant}. */
    public Instant instant() {
        return Instant.ofEpochMilli(time);
    }

    /** Typical price (high + low + close) / 3. */
    public double typicalPrice() {
        return (high + low + close) / 3.0;
    }
}
