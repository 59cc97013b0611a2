package dev.sextant.trading.risk;

/**
 * Why a pre-trade check resized or rejected an order. The names are stable: they appear in audit
 * logs, reports and metrics. docs/risk.md describes each control, its default and its code.
 */
public enum ReasonCode {
    /** No check objected: the order was approved unchanged. */
    NONE,
    /** The kill switch is tripped and the order would increase risk. */
    KILL_SWITCH,
    /** Drawdown from the high-water mark is at or beyond its limit: new risk is halted. */
    MAX_DRAWDOWN,
    /** The loss since the start of the trading session is at or beyond its limit. */
    DAILY_LOSS_LIMIT,
    /** The instrument is on the restricted list. */
    RESTRICTED_INSTRUMENT,
    /** The client order id is still working, or an identical order was approved moments ago. */
    DUPLICATE_ORDER,
    /** There is no mark price for the instrument, or it is older than allowed. */
    STALE_MARKET_DATA,
    /** The limit price is further from the last price than the collar allows (fat finger). */
    PRICE_COLLAR,
    /** Too many orders approved within the rate window (message throttle). */
    ORDER_RATE,
    /** Too many orders on the same instrument and side within the repeat window. */
    REPEATED_EXECUTION,
    /** Order quantity above the maximum order quantity. */
    MAX_ORDER_QTY,
    /** Order value above the maximum order value. */
    MAX_ORDER_VALUE,
    /** Opening one more position would exceed the maximum number of concurrent positions. */
    MAX_CONCURRENT_POSITIONS,
    /** The position in the instrument would exceed its limit (fraction of equity). */
    MAX_POSITION,
    /** Gross exposure would exceed its absolute limit. */
    MAX_GROSS_EXPOSURE,
    /** Gross exposure divided by equity would exceed the leverage limit. */
    MAX_LEVERAGE,
    /** Net exposure would exceed its limit (fraction of equity). */
    MAX_NET_EXPOSURE,
    /** Gross exposure of the instrument's sector would exceed its limit. */
    SECTOR_EXPOSURE,
    /** Gross exposure of the instrument's asset class would exceed its limit. */
    ASSET_CLASS_EXPOSURE,
    /** One-day value at risk would exceed its limit (fraction of equity). */
    VAR_LIMIT,
    /** A check supplied by the application objected. */
    CUSTOM
}
