package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.OrderStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal status transitions of an order, with FIX {@code OrdStatus} semantics. The
 * {@link Blotter} changes an order's status only along these edges.
 *
 * <pre>
 * PENDING_NEW      -> NEW, PARTIALLY_FILLED, FILLED, REJECTED, PENDING_CANCEL, PENDING_REPLACE,
 *                     CANCELED, EXPIRED, REPLACED
 * NEW              -> PARTIALLY_FILLED, FILLED, PENDING_CANCEL, PENDING_REPLACE, CANCELED, EXPIRED, REPLACED
 * PARTIALLY_FILLED -> FILLED, PENDING_CANCEL, PENDING_REPLACE, CANCELED, EXPIRED, REPLACED
 * PENDING_CANCEL   -> CANCELED, EXPIRED, FILLED, REPLACED, REJECTED,
 *                     PENDING_NEW, NEW, PARTIALLY_FILLED   (cancel rejected: back to the previous status)
 * PENDING_REPLACE  -> REPLACED, CANCELED, EXPIRED, FILLED, REJECTED,
 *                     PENDING_NEW, NEW, PARTIALLY_FILLED   (replace rejected: back to the previous status)
 * CANCELED         -> FILLED   (a late fill that completes the order)
 * EXPIRED          -> FILLED   (a late fill that completes the order)
 * FILLED, REPLACED, REJECTED: final
 * </pre>
 * A fill that arrives after a cancel or expiry is always applied to the filled quantity; it
 * changes the status only when it completes the order. Thread-safe: immutable.
 */
public final class OrderStateMachine {
    private static final Map<OrderStatus, Set<OrderStatus>> EDGES = new EnumMap<>(OrderStatus.class);

    static {
        EDGES.put(OrderStatus.PENDING_NEW, EnumSet.of(OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED,
                OrderStatus.FILLED, OrderStatus.REJECTED, OrderStatus.PENDING_CANCEL, OrderStatus.PENDING_REPLACE,
                OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.REPLACED));
        EDGES.put(OrderStatus.NEW, EnumSet.of(OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED,
                OrderStatus.PENDING_CANCEL, OrderStatus.PENDING_REPLACE, OrderStatus.CANCELED, OrderStatus.EXPIRED,
                OrderStatus.REPLACED));
        EDGES.put(OrderStatus.PARTIALLY_FILLED, EnumSet.of(OrderStatus.FILLED, OrderStatus.PENDING_CANCEL,
                OrderStatus.PENDING_REPLACE, OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.REPLACED));
        EDGES.put(OrderStatus.PENDING_CANCEL, EnumSet.of(OrderStatus.CANCELED, OrderStatus.EXPIRED,
                OrderStatus.FILLED, OrderStatus.REPLACED, OrderStatus.REJECTED, OrderStatus.PENDING_NEW,
                OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED));
        EDGES.put(OrderStatus.PENDING_REPLACE, EnumSet.of(OrderStatus.REPLACED, OrderStatus.CANCELED,
                OrderStatus.EXPIRED, OrderStatus.FILLED, OrderStatus.REJECTED, OrderStatus.PENDING_NEW,
                OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED));
        EDGES.put(OrderStatus.CANCELED, EnumSet.of(OrderStatus.FILLED));
        EDGES.put(OrderStatus.EXPIRED, EnumSet.of(OrderStatus.FILLED));
        EDGES.put(OrderStatus.FILLED, EnumSet.noneOf(OrderStatus.class));
        EDGES.put(OrderStatus.REPLACED, EnumSet.noneOf(OrderStatus.class));
        EDGES.put(OrderStatus.REJECTED, EnumSet.noneOf(OrderStatus.class));
    }

    private OrderStateMachine() {
    }

    /** Whether an order may move from {@code from} to {@code to} (a status never "moves" to itself). */
    public static boolean isLegal(OrderStatus from, OrderStatus to) {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        return EDGES.get(from).contains(to);
    }

    /** The statuses reachable from {@code from} in one step; empty for a final status. */
    public static Set<OrderStatus> successors(OrderStatus from) {
        Checks.notNull(from, "from");
        Set<OrderStatus> next = EDGES.get(from);
        return next.isEmpty() ? Set.of() : Set.copyOf(next);
    }

    /** Whether a client may request a cancel of an order in {@code status}. */
    public static boolean isCancelable(OrderStatus status) {
        return status == OrderStatus.PENDING_NEW || status == OrderStatus.NEW || status == OrderStatus.PARTIALLY_FILLED;
    }
}
