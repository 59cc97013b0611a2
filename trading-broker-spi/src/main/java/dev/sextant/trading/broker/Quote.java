package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;
import java.time.Instant;

/**
 * The best bid and offer at one moment.
 *
 * @param time    quote time, epoch milliseconds UTC
 * @param bid     best bid price, finite and positive
 * @param bidSize quantity at the bid in base units, finite and non-negative
 * @param ask     best ask price, finite, positive and at least {@code bid}
 * @param askSize quantity at the ask in base units, finite and non-negative
 */
public record Quote(long time, double bid, double bidSize, double ask, double askSize) {

    /** Validates the quote; a crossed quote (bid above ask) is an error naming both prices. */
    public Quote {
        Checks.positive(bid, "bid");
        Checks.nonNegative(bidSize, "bidSize");
        Checks.positive(ask, "ask");
        Checks.nonNegative(askSize, "askSize");
        if (bid > ask) {
            throw new IllegalArgumentException("quote at " + Instant.ofEpochMilli(time) + " is crossed: bid " + bid
                    + " above ask " + ask);
        }
    }

    /** The mid price, (bid + ask) / 2. */
    public double mid() {
        return (bid + ask) / 2;
    }

    /** The spread in basis points of the mid price. */
    public double spreadBps() {
        return (ask - bid) / mid() * 10_000;
    }
}
