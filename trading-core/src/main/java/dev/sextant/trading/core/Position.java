package dev.sextant.trading.core;

/**
 * A net position in one instrument, with average-cost accounting.
 *
 * <p>Adding in the direction of the position moves the average price to the quantity-weighted
 * mean; reducing realises {@code closed quantity * (fill price - average price)} (sign-adjusted
 * for shorts) and keeps the average; crossing through zero opens the residual at the fill price.
 * Fees are not part of realised PnL here: the {@link Portfolio} charges them to cash.
 *
 * @param instrument   the instrument
 * @param quantity     signed quantity, positive long, negative short, 0 flat
 * @param averagePrice average entry price of the open quantity; 0 when flat
 * @param realisedPnl  gross PnL realised so far, quote currency
 */
public record Position(Instrument instrument, double quantity, double averagePrice, double realisedPnl) {

    /** Quantities within this of zero are treated as flat (float noise from partial fills). */
    public static final double FLAT_EPSILON = 1e-12;

    /** Validates the position. */
    public Position {
        Checks.notNull(instrument, "instrument");
        Checks.finite(quantity, "quantity");
        Checks.nonNegative(averagePrice, "averagePrice");
        Checks.finite(realisedPnl, "realisedPnl");
    }

    /** A flat position with nothing realised. */
    public static Position flat(Instrument instrument) {
        return new Position(instrument, 0, 0, 0);
    }

    /** Whether the position is flat. */
    public boolean isFlat() {
        return Math.abs(quantity) <= FLAT_EPSILON;
    }

    /** The position after {@code fill}; the fill must be for the same instrument. */
    public Position apply(Fill fill) {
        if (!fill.instrument().equals(instrument)) {
            throw new IllegalArgumentException("fill for " + fill.instrument().id() + " applied to position in " + instrument.id());
        }
        double q = fill.signedQuantity();
        double price = fill.price();
        if (isFlat() || Math.signum(q) == Math.signum(quantity)) {
            double newQty = quantity + q;
            double avg = (Math.abs(quantity) * averagePrice + Math.abs(q) * price) / Math.abs(newQty);
            return new Position(instrument, newQty, avg, realisedPnl);
        }
        double closing = Math.min(Math.abs(q), Math.abs(quantity));
        double realised = realisedPnl + closing * (price - averagePrice) * Math.signum(quantity);
        double newQty = quantity + q;
        if (Math.abs(newQty) <= FLAT_EPSILON) {
            return new Position(instrument, 0, 0, realised);
        }
        if (Math.signum(newQty) == Math.signum(quantity)) {
            return new Position(instrument, newQty, averagePrice, realised);
        }
        return new Position(instrument, newQty, price, realised);
    }

    /** Unrealised PnL at {@code markPrice}. */
    public double unrealisedPnl(double markPrice) {
        return isFlat() ? 0 : quantity * (markPrice - averagePrice);
    }

    /** Signed market value at {@code markPrice}. */
    public double marketValue(double markPrice) {
        return quantity * markPrice;
    }
}
