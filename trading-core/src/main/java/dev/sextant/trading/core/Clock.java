package dev.sextant.trading.core;

import java.time.Instant;

/**
 * The source of "now" for the pipeline. Backtests use a {@link SimulatedClock} advanced by the
 * data; live trading uses {@link #system()}. Code that needs the time asks its clock, never
 * {@link System#currentTimeMillis()}, so that one code path serves both.
 */
public interface Clock {
    /** The current time in epoch milliseconds UTC. */
    long millis();

    /**
     * The current time as an {@link Instant}: by default {@link #millis()} (millisecond
     * resolution); a clock that knows the time more finely says so here ({@link #system()}:
     * microseconds).
     */
    default Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    /**
     * The wall clock (UTC): {@link #millis()} in milliseconds, {@link #now()} with microsecond
     * resolution where the platform's clock has it (Linux, macOS), truncated to whole
     * microseconds, as MiFID II RTS 25 asks of algorithmic trading records. Thread-safe.
     */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** A simulated clock starting at {@code start}. */
    static SimulatedClock simulated(Instant start) {
        return new SimulatedClock(start.toEpochMilli());
    }
}
