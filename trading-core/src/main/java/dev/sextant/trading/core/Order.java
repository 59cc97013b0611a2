package dev.sextant.trading.core;

import java.time.Instant;

/**
 * An immutable snapshot of an order's state at one moment.
 *
 * @param request          the request the order was created from
 * @param venueOrderId     id assigned by the venue, or empty before acknowledgement
 * @param status           current status
 * @param filledQuantity   cumulative filled quantity, in [0, request quantity]
 * @param averageFillPrice volume-weighted average fill price, NaN when nothing filled
 * @param updated          time of the last change
 */
public record Order(
        OrderRequest request, String venueOrderId, OrderStatus status, double filledQuantity,
        double averageFillPrice, Instant updated) {

    /** Validates the snapshot. */
    public Order {
        Checks.notNull(request, "request");
        Checks.notNull(venueOrderId, "venueOrderId");
        Checks.notNull(status, "status");
        Checks.nonNegative(filledQuantity, "filledQuantity");
        Checks.notNull(updated, "updated");
        if (filledQuantity > 0) {
            Checks.positive(averageFillPrice, "averageFillPrice");
        }
    }

    /** A freshly submitted order, status {@link OrderStatus#PENDING_NEW}. */
    public static Order pendingNew(OrderRequest request, Instant time) {
        return new Order(request, "", OrderStatus.PENDING_NEW, 0, Double.NaN, time);
    }

    /** The client order id. */
    public String clientOrderId() {
        return request.clientOrderId();
    }

    /** Quantity still open: requested minus filled, never negative. */
    public double remainingQuantity() {
        return Math.max(0, request.quantity() - filledQuantity);
    }
}
