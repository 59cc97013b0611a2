package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;

/**
 * Something in the event stream that the {@link Blotter} did not apply as a status change, or
 * that indicates a venue fault. Fills are always counted, even when reported as an anomaly.
 *
 * @param kind          what was wrong
 * @param clientOrderId the order concerned
 * @param event         the event that caused it
 * @param detail        an explanation naming the statuses or quantities involved
 */
public record OrderAnomaly(Kind kind, String clientOrderId, OrderEvent event, String detail) {

    /** The kinds of anomaly, from harmless to venue faults. */
    public enum Kind {
        /** A fill whose execution id was seen before: ignored (harmless replay). */
        DUPLICATE_EXECUTION,
        /** An event that restates the current status (a second Canceled): ignored. */
        DUPLICATE_EVENT,
        /** An event overtaken by a later one (an Accepted after the fill): ignored. */
        STALE_EVENT,
        /** An event that contradicts the order's history (an Accepted after a Rejected): status not changed. */
        ILLEGAL_TRANSITION,
        /** Fills beyond the order quantity: the fill is counted and the venue is at fault. */
        OVERFILL,
        /** A fill whose instrument or side differs from its order's: counted, venue at fault. */
        MISMATCHED_FILL,
        /** An event for an order the blotter never saw; a fill of it is counted in positions. */
        UNKNOWN_ORDER;

        /** Whether this kind means the venue or connector misbehaved (as opposed to replays and reordering). */
        public boolean isFault() {
            return this == ILLEGAL_TRANSITION || this == OVERFILL || this == MISMATCHED_FILL;
        }
    }

    /** Validates every field. */
    public OrderAnomaly {
        Checks.notNull(kind, "kind");
        Checks.notBlank(clientOrderId, "clientOrderId");
        Checks.notNull(event, "event");
        Checks.notNull(detail, "detail");
    }
}
