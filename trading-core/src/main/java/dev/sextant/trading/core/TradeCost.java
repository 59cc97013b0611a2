package dev.sextant.trading.core;

/**
 * The estimated cost of one trade, split by source, in the quote currency.
 *
 * @param spread     half the bid-ask spread times the quantity: paid by crossing the spread
 * @param commission broker and exchange fees
 * @param impact     market impact: how far the trade moves the price against itself
 */
public record TradeCost(double spread, double commission, double impact) {

    /** Validates that every component is finite and non-negative. */
    public TradeCost {
        Checks.nonNegative(spread, "spread");
        Checks.nonNegative(commission, "commission");
        Checks.nonNegative(impact, "impact");
    }

    /** The sum of the three components. */
    public double total() {
        return spread + commission + impact;
    }

    /** The price slippage part (spread + impact) per unit of {@code quantity}. */
    public double slippagePerUnit(double quantity) {
        return quantity > 0 ? (spread + impact) / quantity : 0;
    }
}
