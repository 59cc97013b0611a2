package dev.sextant.trading.broker.algo;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Side;

/**
 * A large order that an {@link AlgoExecution} works through child orders.
 *
 * @param id         id of the parent; child client order ids are {@code id + "-c" + n}; not blank
 * @param instrument the instrument
 * @param side       buy or sell
 * @param quantity   total quantity to execute, positive
 * @param limitPrice limit price of every child, or NaN for market children
 */
public record ParentOrder(String id, Instrument instrument, Side side, double quantity, double limitPrice) {

    /** Validates every field. */
    public ParentOrder {
        Checks.notBlank(id, "id");
        Checks.notNull(instrument, "instrument");
        Checks.notNull(side, "side");
        Checks.positive(quantity, "quantity");
        if (!Double.isNaN(limitPrice)) {
            Checks.positive(limitPrice, "limitPrice");
        }
    }

    /** A parent whose children are market orders. */
    public static ParentOrder market(String id, Instrument instrument, Side side, double quantity) {
        return new ParentOrder(id, instrument, side, quantity, Double.NaN);
    }
}
