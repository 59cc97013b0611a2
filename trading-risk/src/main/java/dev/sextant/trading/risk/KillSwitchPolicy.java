package dev.sextant.trading.risk;

/**
 * Which conditions trip the kill switch automatically. Manual trips, model-failure streaks (see
 * {@link ModelCircuitBreaker}) and broker disconnects ({@link RiskEngine#onBrokerDisconnected})
 * trip it regardless of this policy.
 *
 * @param tripOnDailyLoss      trip when the daily loss limit is breached; default true
 * @param tripOnDrawdown       trip when the maximum drawdown is breached; default true
 * @param maxFeedSilenceMillis trip when no mark price at all has arrived for this many
 *                             milliseconds, checked by {@link RiskEngine#onTimer()}; 0 disables;
 *                             default 120,000
 */
public record KillSwitchPolicy(boolean tripOnDailyLoss, boolean tripOnDrawdown, long maxFeedSilenceMillis) {

    /** The defaults listed above. */
    public static final KillSwitchPolicy DEFAULTS = new KillSwitchPolicy(true, true, 120_000);

    /** Validates the fields. */
    public KillSwitchPolicy {
        Limit.nonNegative(maxFeedSilenceMillis, "maxFeedSilenceMillis");
    }
}
