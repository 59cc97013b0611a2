package dev.sextant.trading.core;

import java.time.Instant;

/**
 * One executed trade on the tape.
 *
 * @param time   execution time, epoch milliseconds UTC
 * @param price  execution price, finite and positive
 * @param amount traded quantity in base units, finite and non-negative
 */
public record Trade(long time, double price, double amount) {

    /** Validates price and amount. */
    public Trade {
        Checks.positive(price, "price");
        Checks.nonNegative(amount, "amount");
    }

    /** The execution time as an {@link Instant}. */
    public Instant instant() {
        return Instant.ofEpochMilli(time);
    }
}
