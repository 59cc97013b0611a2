package dev.sextant.trading.risk;

/** What tripped the kill switch. */
public enum KillSwitchTrigger {
    /** An operator or the application tripped it by hand. */
    MANUAL,
    /** Drawdown from the high-water mark reached its limit. */
    MAX_DRAWDOWN,
    /** The loss since the start of the session reached the daily loss limit. */
    DAILY_LOSS,
    /** The models failed too many times in a row (see {@link ModelCircuitBreaker}). */
    MODEL_FAILURES,
    /** No market data arrived for longer than allowed. */
    STALE_MARKET_DATA,
    /** The connection to the broker or venue was lost. */
    BROKER_DISCONNECT
}
