package dev.sextant.trading.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** {@link Clock#system()}: the wall clock, {@link #now()} to the microsecond. */
enum SystemClock implements Clock {
    INSTANCE;

    private static final java.time.Clock UTC = java.time.Clock.systemUTC();

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public Instant now() {
        return UTC.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
