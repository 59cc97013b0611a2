package dev.sextant.trading.risk;

import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.risk.internal.TimeRing;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The order stream the engine has seen: approved orders still working (and the pending
 * quantities they put on their instrument's book), the recent order times the rate throttle
 * counts, and the execution ids of applied fills (so a fill delivered twice moves nothing).
 * Guarded by the engine's lock.
 */
final class OrderFlow {
    private static final int EXECUTIONS_REMEMBERED = 100_000;

    private final InFlightOrders working = new InFlightOrders(1024);
    private final Map<String, Boolean> executions = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > EXECUTIONS_REMEMBERED;
        }
    };
    private TimeRing orderRate;

    /** Takes the order limits: the rate throttle keeps its history, resized to the new count. */
    void configure(OrderLimits o) {
        orderRate = orderRate == null ? new TimeRing(o.maxOrdersPerWindow())
                : orderRate.capacity() == o.maxOrdersPerWindow() ? orderRate
                : TimeRing.resized(orderRate, o.maxOrdersPerWindow());
    }

    /** Whether an approved order with this client order id is still working. */
    boolean isWorking(String clientOrderId) {
        return working.contains(clientOrderId);
    }

    /** Working orders. */
    int workingCount() {
        return working.size();
    }

    /** Whether the rate window ending at {@code now} already holds the most orders allowed. */
    boolean rateFull(long now, long windowMillis) {
        return orderRate.isFull(now, windowMillis);
    }

    /**
     * Records an approved order as working on {@code book}: its pending quantity, the rate
     * throttle, the instrument's repeated-order window and the last order (for the repeat check).
     *
     * @param originalQuantity the quantity asked for before any resize
     */
    void approved(OrderRequest order, InstrumentBook book, long now, double originalQuantity) {
        Side side = order.side();
        double q = order.quantity();
        working.add(order.clientOrderId(), book, side, q);
        if (side == Side.BUY) {
            book.pendingBuy += q;
        } else {
            book.pendingSell += q;
        }
        orderRate.record(now);
        book.orders(side).record(now);
        book.lastSide = side;
        book.lastQuantity = originalQuantity;
        book.lastType = order.type();
        book.lastLimitPrice = order.limitPrice();
        book.lastStopPrice = order.stopPrice();
        book.lastOrderTime = now;
    }

    /**
     * Remembers a fill's execution id.
     *
     * @return false if it was already applied (among the last 100,000)
     */
    boolean firstExecution(String executionId) {
        return executions.putIfAbsent(executionId, Boolean.TRUE) == null;
    }

    /**
     * Uses up {@code quantity} of the working order {@code clientOrderId} on {@code book}; the
     * order stops working when less than half a lot remains. A fill of an order this engine did
     * not approve (or of another instrument) changes nothing here.
     */
    void filled(String clientOrderId, InstrumentBook book, double quantity) {
        int slot = working.find(clientOrderId);
        if (slot < 0 || working.book(slot) != book) {
            return;
        }
        double remaining = working.remaining(slot);
        double used = Math.min(remaining, quantity);
        if (working.side(slot) == Side.BUY) {
            book.pendingBuy = Math.max(0, book.pendingBuy - used);
        } else {
            book.pendingSell = Math.max(0, book.pendingSell - used);
        }
        remaining -= used;
        if (remaining < book.instrument.lotSize() * 0.5) {
            working.remove(slot);
        } else {
            working.setRemaining(slot, remaining);
        }
    }

    /**
     * Stops counting a working order's unfilled quantity.
     *
     * @return the order's book, whose pending quantity dropped; null if no order had that id
     */
    InstrumentBook release(String clientOrderId) {
        int slot = working.find(clientOrderId);
        if (slot < 0) {
            return null;
        }
        InstrumentBook book = working.book(slot);
        double remaining = working.remaining(slot);
        if (working.side(slot) == Side.BUY) {
            book.pendingBuy = Math.max(0, book.pendingBuy - remaining);
        } else {
            book.pendingSell = Math.max(0, book.pendingSell - remaining);
        }
        working.remove(slot);
        return book;
    }
}
