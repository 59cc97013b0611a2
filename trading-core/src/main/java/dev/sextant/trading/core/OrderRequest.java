package dev.sextant.trading.core;

/**
 * A request to open an order: what the strategy asks the broker to do.
 *
 * <p>Prices that the order type does not use are {@link Double#NaN}; prices it uses must be
 * finite and positive. Quantity is always positive; the direction is given by {@code side}.
 *
 * @param clientOrderId unique id chosen by the client, not blank
 * @param instrument    the instrument
 * @param side          buy or sell
 * @param quantity      positive quantity in base units
 * @param type          market, limit, stop or stop-limit
 * @param limitPrice    limit price for LIMIT and STOP_LIMIT, else NaN
 * @param stopPrice     stop trigger for STOP and STOP_LIMIT, else NaN
 * @param timeInForce   how long the order stays working
 */
public record OrderRequest(
        String clientOrderId, Instrument instrument, Side side, double quantity, OrderType type,
        double limitPrice, double stopPrice, TimeInForce timeInForce) {

    /** Validates the request; prices must match the order type. */
    public OrderRequest {
        Checks.notBlank(clientOrderId, "clientOrderId");
        Checks.notNull(instrument, "instrument");
        Checks.notNull(side, "side");
        Checks.positive(quantity, "quantity");
        Checks.notNull(type, "type");
        Checks.notNull(timeInForce, "timeInForce");
        if (type.hasLimitPrice()) {
            Checks.positive(limitPrice, "limitPrice");
        } else if (!Double.isNaN(limitPrice)) {
            throw new IllegalArgumentException(type + " order must not have a limitPrice but had " + limitPrice);
        }
        if (type.hasStopPrice()) {
            Checks.positive(stopPrice, "stopPrice");
        } else if (!Double.isNaN(stopPrice)) {
            throw new IllegalArgumentException(type + " order must not have a stopPrice but had " + stopPrice);
        }
    }

    /** A market order. */
    public static OrderRequest market(String id, Instrument instrument, Side side, double quantity, TimeInForce tif) {
        return new OrderRequest(id, instrument, side, quantity, OrderType.MARKET, Double.NaN, Double.NaN, tif);
    }

    /** A limit order. */
    public static OrderRequest limit(String id, Instrument instrument, Side side, double quantity,
            double limitPrice, TimeInForce tif) {
        return new OrderRequest(id, instrument, side, quantity, OrderType.LIMIT, limitPrice, Double.NaN, tif);
    }

    /** A stop (stop-market) order. */
    public static OrderRequest stop(String id, Instrument instrument, Side side, double quantity,
            double stopPrice, TimeInForce tif) {
        return new OrderRequest(id, instrument, side, quantity, OrderType.STOP, Double.NaN, stopPrice, tif);
    }

    /** A stop-limit order. */
    public static OrderRequest stopLimit(String id, Instrument instrument, Side side, double quantity,
            double stopPrice, double limitPrice, TimeInForce tif) {
        return new OrderRequest(id, instrument, side, quantity, OrderType.STOP_LIMIT, limitPrice, stopPrice, tif);
    }

    /** Quantity signed by side: positive for BUY, negative for SELL. */
    public double signedQuantity() {
        return side.sign() * quantity;
    }

    /** A copy with another quantity (used by risk checks that resize). */
    public OrderRequest withQuantity(double newQuantity) {
        return new OrderRequest(clientOrderId, instrument, side, newQuantity, type, limitPrice, stopPrice, timeInForce);
    }
}
