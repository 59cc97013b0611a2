package dev.sextant.trading.flink;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.engine.Decision;
import java.time.Instant;

/**
 * One decision as the job emits it and the decisions file holds it: one row per instrument and
 * closed bar. Immutable and thread-safe.
 *
 * @param instrument    the instrument's symbol
 * @param time          the decision's bar close, epoch milliseconds
 * @param direction     the signal's direction ({@code BUY}, {@code SELL}, {@code HOLD}), or ""
 *                      when the decision carries no signal (warming up, no prediction, model failed)
 * @param kind          the decision's case, {@link Decision.Kind#label()}
 * @param clientOrderId the id of the order sent on this bar, or "" when none was sent
 * @param quantity      the order's signed quantity (negative sells), 0 when none was sent
 */
public record DecisionRow(String instrument, long time, String direction, String kind, String clientOrderId,
        double quantity) {

    /** The header of a decisions file. */
    public static final String CSV_HEADER = "instrument,time,direction,kind,client_order_id,quantity";

    /** Validates. */
    public DecisionRow {
        Checks.notBlank(instrument, "instrument");
        Checks.notNull(direction, "direction");
        Checks.notBlank(kind, "kind");
        Checks.notNull(clientOrderId, "clientOrderId");
        Checks.finite(quantity, "quantity");
    }

    /** The row of {@code decision}. */
    public static DecisionRow of(Decision decision) {
        Checks.notNull(decision, "decision");
        String direction = switch (decision) {
            case Decision.WarmingUp d -> "";
            case Decision.NoPrediction d -> "";
            case Decision.ModelFailed d -> "";
            case Decision.OutOfDistribution d -> d.suppressed().direction().name();
            case Decision.Hold d -> d.signal().direction().name();
            case Decision.CircuitOpen d -> d.suppressed().direction().name();
            case Decision.EdgeBelowMinimum d -> d.signal().direction().name();
            case Decision.NotSized d -> d.signal().direction().name();
            case Decision.Rejected d -> d.signal().direction().name();
            case Decision.Sent d -> d.signal().direction().name();
            case Decision.Resized d -> d.signal().direction().name();
            case Decision.BrokerRefused d -> d.signal().direction().name();
        };
        String id = "";
        double quantity = 0;
        for (OrderRequest o : decision.orders()) {
            id = o.clientOrderId();
            quantity = o.side() == Side.BUY ? o.quantity() : -o.quantity();
        }
        return new DecisionRow(decision.instrument().symbol(), decision.time().toEpochMilli(), direction,
                decision.kind().label(), id, quantity);
    }

    /** Whether an order was sent on this bar. */
    public boolean hasOrder() {
        return !clientOrderId.isEmpty();
    }

    /** The row as a line of a decisions file (no line break), {@code time} as ISO-8601 UTC. */
    public String csvLine() {
        return instrument + ',' + Instant.ofEpochMilli(time) + ',' + direction + ',' + kind + ',' + clientOrderId + ','
                + (quantity == 0 ? "0" : Double.toString(quantity));
    }
}
