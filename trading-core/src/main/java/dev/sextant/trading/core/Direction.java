package dev.sextant.trading.core;

/**
 * The three classes a model predicts, in the fixed class order SELL, HOLD, BUY: the ordinal of
 * each constant is its column in every probability vector Sextant reads or writes.
 */
public enum Direction {
    /** Expect the price to fall. Class index 0. */
    SELL,
    /** No edge. Class index 1. */
    HOLD,
    /** Expect the price to rise. Class index 2. */
    BUY;

    /** -1 for SELL, 0 for HOLD, +1 for BUY. */
    public int sign() {
        return ordinal() - 1;
    }

    /** The direction at class index {@code index} (0 SELL, 1 HOLD, 2 BUY). */
    public static Direction ofIndex(int index) {
        return values()[Checks.inRange(index, 0, 2, "class index")];
    }
}
