package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;

/**
 * Exit levels for open positions as fractions of price; 0 disables a level.
 *
 * @param stopLossFraction     close when the price is this fraction worse than the entry
 *                             (average) price; in [0, 1)
 * @param takeProfitFraction   close when the price is this fraction better than the entry
 *                             price; non-negative
 * @param trailingStopFraction close when the price falls back this fraction from the best price
 *                             since entry (highest for a long, lowest for a short); in [0, 1)
 */
public record ExitPolicy(double stopLossFraction, double takeProfitFraction, double trailingStopFraction) {

    /** No exits. */
    public static final ExitPolicy NONE = new ExitPolicy(0, 0, 0);

    /** Validates the fractions. */
    public ExitPolicy {
        fractionBelowOne(stopLossFraction, "stopLossFraction");
        Checks.nonNegative(takeProfitFraction, "takeProfitFraction");
        fractionBelowOne(trailingStopFraction, "trailingStopFraction");
    }

    private static void fractionBelowOne(double v, String name) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1) but was " + v);
        }
    }
}
