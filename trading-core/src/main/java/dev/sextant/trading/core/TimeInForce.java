package dev.sextant.trading.core;

/** How long an order stays working. */
public enum TimeInForce {
    /** Until the end of the trading day (session), then expires. */
    DAY,
    /** Good till cancelled. */
    GTC,
    /** Immediate or cancel: fill what can be filled at once, cancel the rest. */
    IOC,
    /** Fill or kill: fill completely at once or not at all. */
    FOK
}
