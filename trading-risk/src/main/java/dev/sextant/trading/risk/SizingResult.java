package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;

/**
 * What the sizer proposes for one signal.
 *
 * @param instrument      the instrument
 * @param orderQuantity   signed quantity to trade, a multiple of the lot size: positive buy,
 *                        negative sell, 0 nothing
 * @param targetPosition  the signed position the method aimed at, before limits and rounding
 * @param targetFraction  the method's notional fraction of equity
 * @param edgeBps         expected edge after round-trip costs in basis points (NaN if not
 *                        computed)
 * @param reason          why this quantity
 */
public record SizingResult(Instrument instrument, double orderQuantity, double targetPosition, double targetFraction,
        double edgeBps, SizingReason reason) {

    /** Validates the fields. */
    public SizingResult {
        Checks.notNull(instrument, "instrument");
        Checks.finite(orderQuantity, "orderQuantity");
        Checks.finite(targetPosition, "targetPosition");
        Checks.finite(targetFraction, "targetFraction");
        Checks.notNull(reason, "reason");
    }

    /** Whether there is anything to trade. */
    public boolean isTradable() {
        return orderQuantity != 0;
    }

    /**
     * The order side.
     *
     * @throws IllegalStateException if there is nothing to trade
     */
    public Side side() {
        if (orderQuantity == 0) {
            throw new IllegalStateException("nothing to trade for " + instrument.id() + ": " + reason);
        }
        return orderQuantity > 0 ? Side.BUY : Side.SELL;
    }

    /** A market order for the proposal; throws {@link IllegalStateException} if there is nothing to trade. */
    public OrderRequest toMarketOrder(String clientOrderId, TimeInForce timeInForce) {
        return OrderRequest.market(clientOrderId, instrument, side(), Math.abs(orderQuantity), timeInForce);
    }

    /**
     * A limit order for the proposal at {@code limitPrice} rounded to the instrument's tick;
     * throws {@link IllegalStateException} if there is nothing to trade.
     */
    public OrderRequest toLimitOrder(String clientOrderId, double limitPrice, TimeInForce timeInForce) {
        return OrderRequest.limit(clientOrderId, instrument, side(), Math.abs(orderQuantity),
                instrument.roundPrice(Checks.positive(limitPrice, "limitPrice")), timeInForce);
    }
}
