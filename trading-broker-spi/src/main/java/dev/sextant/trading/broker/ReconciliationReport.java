package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import java.util.List;

/**
 * Differences between the local view of orders and positions (a {@link Blotter}) and the
 * venue's ({@link BrokerConnector#openOrders()}, {@link BrokerConnector#positions()}).
 *
 * <p>While reports are in flight a report may show transient differences; a difference that
 * persists after the connector has delivered everything means lost or invented events.
 *
 * @param discrepancies every difference found; empty when both views agree
 */
public record ReconciliationReport(List<Discrepancy> discrepancies) {

    /** The kinds of difference. */
    public enum Kind {
        /** The order is working locally but not at the venue. */
        MISSING_AT_VENUE,
        /** The venue has a working order that is unknown or finished locally. */
        UNKNOWN_AT_VENUE,
        /** Both sides know the working order but disagree on the filled quantity. */
        FILLED_QUANTITY_MISMATCH,
        /** The net position in an instrument differs. */
        POSITION_MISMATCH
    }

    /**
     * One difference.
     *
     * @param kind          what differs
     * @param clientOrderId the order concerned, or empty for a position
     * @param instrument    the instrument concerned
     * @param local         the local quantity (filled quantity or position; NaN when not applicable)
     * @param venue         the venue's quantity (NaN when not applicable)
     */
    public record Discrepancy(Kind kind, String clientOrderId, Instrument instrument, double local, double venue) {
        /** Validates the fields. */
        public Discrepancy {
            Checks.notNull(kind, "kind");
            Checks.notNull(clientOrderId, "clientOrderId");
            Checks.notNull(instrument, "instrument");
        }
    }

    /** Copies the list. */
    public ReconciliationReport {
        discrepancies = List.copyOf(Checks.notNull(discrepancies, "discrepancies"));
    }

    /** Whether both views agree. */
    public boolean isClean() {
        return discrepancies.isEmpty();
    }
}
