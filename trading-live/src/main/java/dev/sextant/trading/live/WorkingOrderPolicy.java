package dev.sextant.trading.live;

/** What a graceful {@link TradingSession#stop} does with orders still working at the venue. */
public enum WorkingOrderPolicy {
    /**
     * Request cancellation of every working order (journaled before each request is sent). The
     * default: a stopped session watches nothing, so it should leave no risk behind.
     */
    CANCEL,
    /**
     * Leave working orders at the venue; the next start reconciles them with the journal and
     * keeps managing them.
     */
    LEAVE
}
