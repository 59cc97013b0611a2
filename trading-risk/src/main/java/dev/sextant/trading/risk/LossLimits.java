package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Loss limits and the trading session that daily PnL is measured over.
 *
 * @param dailyLossLimitFraction largest loss since the start of the session, as a fraction of
 *                               start-of-session equity; positive; default 0.02
 * @param maxDrawdownFraction    largest drawdown from the equity high-water mark, as a fraction
 *                               of it; in (0, 1]; default 0.10
 * @param sessionResetTime       local time at which a new session starts; default 00:00
 * @param sessionZone            time zone of {@code sessionResetTime}; default UTC
 */
public record LossLimits(
        double dailyLossLimitFraction, double maxDrawdownFraction, LocalTime sessionResetTime, ZoneId sessionZone) {

    /** The defaults listed above. */
    public static final LossLimits DEFAULTS = new LossLimits(0.02, 0.10, LocalTime.MIDNIGHT, ZoneId.of("UTC"));

    /** Validates every field. */
    public LossLimits {
        Limit.positiveOrUnlimited(dailyLossLimitFraction, "dailyLossLimitFraction");
        Limit.fraction(maxDrawdownFraction, "maxDrawdownFraction");
        Checks.notNull(sessionResetTime, "sessionResetTime");
        Checks.notNull(sessionZone, "sessionZone");
    }
}
