package dev.sextant.trading.core;

import java.time.Instant;

/**
 * A clock that only moves when told to, and never backwards. Thread-safe: reads and advances
 * are atomic with respect to each other.
 */
public final class SimulatedClock implements Clock {
    private volatile long millis;

    /** A clock at {@code startMillis} epoch milliseconds. */
    public SimulatedClock(long startMillis) {
        this.millis = startMillis;
    }

    @Override
    public long millis() {
        return millis;
    }

    /**
     * Moves the clock to {@code epochMillis}.
     *
     * @throws IllegalArgumentException if that is before the current time
     */
    public synchronized void advanceTo(long epochMillis) {
        if (epochMillis < millis) {
            throw new IllegalArgumentException("clock cannot go back from " + Instant.ofEpochMilli(millis)
                    + " to " + Instant.ofEpochMilli(epochMillis));
        }
        millis = epochMillis;
    }

    /** Moves the clock forward by {@code deltaMillis} (non-negative). */
    public synchronized void advanceBy(long deltaMillis) {
        if (deltaMillis < 0) {
            throw new IllegalArgumentException("deltaMillis must be non-negative but was " + deltaMillis);
        }
        millis += deltaMillis;
    }
}
