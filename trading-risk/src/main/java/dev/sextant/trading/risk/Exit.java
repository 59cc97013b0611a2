package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;

/**
 * A triggered exit: close {@code quantity} of {@code instrument} on {@code side}. The order it
 * makes only reduces risk, so it passes the kill switch and the exposure limits.
 *
 * @param instrument the instrument
 * @param reason     which level triggered
 * @param side       the closing side (SELL for a long, BUY for a short)
 * @param quantity   the whole open quantity, positive
 * @param level      the trigger level that was crossed
 * @param price      the price that crossed it
 */
public record Exit(Instrument instrument, ExitReason reason, Side side, double quantity, double level, double price) {

    /** Validates the fields. */
    public Exit {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(reason, "reason");
        Checks.notNull(side, "side");
        Checks.positive(quantity, "quantity");
        Checks.positive(level, "level");
        Checks.positive(price, "price");
    }

    /** A market order closing the position. */
    public OrderRequest toMarketOrder(String clientOrderId, TimeInForce timeInForce) {
        return OrderRequest.market(clientOrderId, instrument, side, quantity, timeInForce);
    }
}
