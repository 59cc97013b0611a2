package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.OrderRequest;
import java.time.Instant;

/**
 * An asynchronous report from a venue about one order, with FIX execution-report semantics.
 *
 * <p>Every event names the order by the client order id it was submitted with. Fills carry the
 * venue's execution id, which must be stable: a venue that replays reports after a reconnect
 * reuses the ids, so that a {@link Blotter} can ignore the repeats. Within one connection
 * session a connector delivers each execution once.
 *
 * <p>Order: a connector delivers events in the order the venue produced them, so an order's
 * acknowledgement ({@link Accepted}, or the {@link Replaced} that creates a replacement) comes
 * before its fills, cancel and expiry (see {@link BrokerConnector}, "Venue order"). The venue's
 * order can still surprise a client: a fill produced before the venue processed a cancel arrives
 * after the cancel was requested, and a cancel is then rejected as too late. The {@link Blotter}
 * also accepts events late, repeated or out of order (journals replayed or merged out of order),
 * but a connector must not reorder them. Prices are per unit in the instrument's quote currency
 * (see {@link BrokerConnector}, "Units"). All event types are immutable records and thread-safe.
 */
public sealed interface OrderEvent {

    /** The client order id of the order this event is about. */
    String clientOrderId();

    /** When the venue produced the event. */
    Instant time();

    /**
     * The venue accepted the order and it is working (FIX ExecType 0, OrdStatus New).
     *
     * @param clientOrderId the order
     * @param venueOrderId  the venue's id for the order; not blank
     * @param time          when it was accepted
     */
    record Accepted(String clientOrderId, String venueOrderId, Instant time) implements OrderEvent {
        /** Validates every field. */
        public Accepted {
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notBlank(venueOrderId, "venueOrderId");
            Checks.notNull(time, "time");
        }
    }

    /**
     * The venue refused the order; it never worked (FIX ExecType 8).
     *
     * @param clientOrderId the order
     * @param reason        why
     * @param message       the venue's explanation; not null (may be empty)
     * @param time          when it was refused
     */
    record Rejected(String clientOrderId, RejectReason reason, String message, Instant time) implements OrderEvent {
        /** Validates every field. */
        public Rejected {
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notNull(reason, "reason");
            Checks.notNull(message, "message");
            Checks.notNull(time, "time");
        }
    }

    /**
     * A fill: {@link PartiallyFilled} or {@link Filled}. The fill's price is per unit of the
     * instrument in its quote currency, the unit of the order's limit price, never ticks or minor
     * units.
     */
    sealed interface Execution extends OrderEvent {
        /** The execution; its {@code executionId} is unique per venue. */
        Fill fill();

        @Override
        default String clientOrderId() {
            return fill().clientOrderId();
        }

        @Override
        default Instant time() {
            return fill().time();
        }
    }

    /**
     * Part of the order executed and some quantity is still working (FIX OrdStatus 1).
     *
     * @param fill the execution
     */
    record PartiallyFilled(Fill fill) implements Execution {
        /** Validates the fill. */
        public PartiallyFilled {
            Checks.notNull(fill, "fill");
        }
    }

    /**
     * The execution that completed the order (FIX OrdStatus 2).
     *
     * <p>The {@link Blotter} derives the order's status from the cumulative filled quantity, so
     * a {@code Filled} that arrives before an earlier {@link PartiallyFilled} is handled.
     *
     * @param fill the execution
     */
    record Filled(Fill fill) implements Execution {
        /** Validates the fill. */
        public Filled {
            Checks.notNull(fill, "fill");
        }
    }

    /**
     * The order was cancelled, on request or by the venue; the unfilled quantity is void
     * (FIX ExecType 4).
     *
     * @param clientOrderId the order
     * @param time          when it was cancelled
     */
    record Canceled(String clientOrderId, Instant time) implements OrderEvent {
        /** Validates every field. */
        public Canceled {
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notNull(time, "time");
        }
    }

    /**
     * The order was replaced (FIX ExecType 5): {@code clientOrderId} is closed and
     * {@code replacement} works in its place, carrying over the filled quantity. The
     * replacement's quantity is the new total quantity, filled part included (FIX semantics).
     *
     * @param clientOrderId the replaced (original) order
     * @param replacement   the order now working, with its own client order id
     * @param venueOrderId  the venue's id for the replacement; not blank
     * @param time          when the replace took effect
     */
    record Replaced(String clientOrderId, OrderRequest replacement, String venueOrderId, Instant time)
            implements OrderEvent {
        /** Validates every field; the replacement must have a different client order id. */
        public Replaced {
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notNull(replacement, "replacement");
            Checks.notBlank(venueOrderId, "venueOrderId");
            Checks.notNull(time, "time");
            if (replacement.clientOrderId().equals(clientOrderId)) {
                throw new IllegalArgumentException(
                        "replacement must have a new clientOrderId but reused " + clientOrderId);
            }
        }
    }

    /**
     * The order's time in force ran out (DAY at the session end; the unfilled rest of an IOC or
     * FOK order); the unfilled quantity is void (FIX ExecType C).
     *
     * @param clientOrderId the order
     * @param time          when it expired
     */
    record Expired(String clientOrderId, Instant time) implements OrderEvent {
        /** Validates every field. */
        public Expired {
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notNull(time, "time");
        }
    }

    /**
     * A cancel or replace request was refused (FIX OrderCancelReject); the order continues in the
     * state it had before the request.
     *
     * @param clientOrderId the order the request was for
     * @param reason        why ({@link RejectReason#TOO_LATE} when the order had already finished)
     * @param message       the venue's explanation; not null (may be empty)
     * @param time          when it was refused
     */
    record CancelRejected(String clientOrderId, RejectReason reason, String message, Instant time)
            implements OrderEvent {
        /** Validates every field. */
        public CancelRejected {
            Checks.notBlank(clientOrderId, "clientOrderId");
            Checks.notNull(reason, "reason");
            Checks.notNull(message, "message");
            Checks.notNull(time, "time");
        }
    }
}
