package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;

/**
 * Market estimates the sizer needs for one instrument at one time.
 *
 * @param price              reference price (last or mid), positive
 * @param expectedWin        expected gain per unit of notional when the signal is right (e.g.
 *                           the labelling threshold or the average winning return), positive
 * @param expectedLoss       expected loss per unit of notional when it is wrong, positive
 * @param dailyVolatility    realised daily volatility of returns, non-negative, or NaN while
 *                           not yet defined (warm-up)
 * @param atr                average true range in price units, non-negative, or NaN while not
 *                           yet defined
 * @param averageDailyVolume typical daily volume in base units for market impact, or 0 if
 *                           unknown (no impact cost then)
 */
public record SizingInputs(double price, double expectedWin, double expectedLoss, double dailyVolatility, double atr,
        double averageDailyVolume) {

    /** Validates the fields. */
    public SizingInputs {
        Checks.positive(price, "price");
        Checks.positive(expectedWin, "expectedWin");
        Checks.positive(expectedLoss, "expectedLoss");
        nonNegativeOrNaN(dailyVolatility, "dailyVolatility");
        nonNegativeOrNaN(atr, "atr");
        Checks.nonNegative(averageDailyVolume, "averageDailyVolume");
    }

    private static void nonNegativeOrNaN(double v, String name) {
        if (!Double.isNaN(v)) {
            Checks.nonNegative(v, name);
        }
    }
}
