package dev.sextant.trading.core;

/** The side of an order or fill. */
public enum Side {
    /** Buy: increases a position. */
    BUY,
    /** Sell: decreases a position (or opens a short). */
    SELL;

    /** +1 for {@link #BUY}, -1 for {@link #SELL}. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }

    /** The other side. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
