package dev.sextant.trading.core;

/** How an order is priced. */
public enum OrderType {
    /** Fill at the best available price. */
    MARKET,
    /** Fill at the limit price or better. */
    LIMIT,
    /** Becomes a market order once the stop price trades. */
    STOP,
    /** Becomes a limit order once the stop price trades. */
    STOP_LIMIT;

    /** Whether orders of this type carry a limit price. */
    public boolean hasLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    /** Whether orders of this type carry a stop price. */
    public boolean hasStopPrice() {
        return this == STOP || this == STOP_LIMIT;
    }
}
