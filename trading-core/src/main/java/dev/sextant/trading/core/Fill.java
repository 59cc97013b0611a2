package dev.sextant.trading.core;

import java.time.Instant;

/**
 * One execution of (part of) an order.
 *
 * @param executionId   venue execution id, unique per venue; duplicates are ignored downstream
 * @param clientOrderId the order this fill belongs to
 * @param instrument    the instrument
 * @param side          buy or sell
 * @param quantity      filled quantity, positive
 * @param price         fill price, positive
 * @param fee           fees and commissions in the quote currency, non-negative
 * @param time          execution time
 */
public record Fill(
        String executionId, String clientOrderId, Instrument instrument, Side side, double quantity,
        double price, double fee, Instant time) {

    /** Validates every field. */
    public Fill {
        Checks.notBlank(executionId, "executionId");
        Checks.notBlank(clientOrderId, "clientOrderId");
        Checks.notNull(instrument, "instrument");
        Checks.notNull(side, "side");
        Checks.positive(quantity, "quantity");
        Checks.positive(price, "price");
        Checks.nonNegative(fee, "fee");
        Checks.notNull(time, "time");
    }

    /** Quantity signed by side. */
    public double signedQuantity() {
        return side.sign() * quantity;
    }

    /** Notional value, quantity times price. */
    public double notional() {
        return quantity * price;
    }
}
