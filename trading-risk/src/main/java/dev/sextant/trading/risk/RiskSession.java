package dev.sextant.trading.risk;

import dev.sextant.trading.core.TimeFrame;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * When the risk session rolls: the next reset instant of the configured session time and zone
 * (e.g. 17:00 America/New_York), kept so that the due test on every call is one comparison. The
 * roll itself (daily returns, start-of-day equity) is the ledger's. Guarded by the engine's lock.
 */
final class RiskSession {
    private LossLimits losses;
    private long nextReset = Long.MIN_VALUE;

    /**
     * Takes the session settings of new limits; when the reset time or zone changed (or on the
     * first call) the next reset is computed afresh from {@code now}.
     */
    void configure(LossLimits l, long now) {
        LossLimits old = losses;
        losses = l;
        if (old == null || !old.sessionResetTime().equals(l.sessionResetTime())
                || !old.sessionZone().equals(l.sessionZone())) {
            nextReset = Long.MIN_VALUE;
            nextReset = following(now);
        }
    }

    /** Whether a reset is due at {@code now} (epoch milliseconds). */
    boolean isDue(long now) {
        return now >= nextReset;
    }

    /** Schedules the reset after {@code now}, once a due reset was done. */
    void rolled(long now) {
        nextReset = following(now);
    }

    private long following(long now) {
        LossLimits l = losses;
        if (nextReset != Long.MIN_VALUE && l.sessionZone().getRules().isFixedOffset()) {
            // A fixed offset has no daylight saving: whole days from the last reset, no allocation.
            long next = nextReset;
            while (next <= now) {
                next += TimeFrame.MILLIS_PER_DAY;
            }
            return next;
        }
        ZonedDateTime at = Instant.ofEpochMilli(now).atZone(l.sessionZone());
        ZonedDateTime candidate = at.toLocalDate().atTime(l.sessionResetTime()).atZone(l.sessionZone());
        if (!candidate.isAfter(at)) {
            candidate = at.toLocalDate().plusDays(1).atTime(l.sessionResetTime()).atZone(l.sessionZone());
        }
        return candidate.toInstant().toEpochMilli();
    }
}
