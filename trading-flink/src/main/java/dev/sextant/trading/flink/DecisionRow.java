package dev.sextant.trading.flink;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.report.DecisionsCsv;
import java.time.Instant;
import java.util.Optional;

/**
 * One decision as the job emits it: one row per instrument and closed bar, with the order sent on
 * it; {@link #csvRow()} is its row of the decisions file ({@link DecisionsCsv}). Immutable and thread-safe.
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
        String direction = DecisionsCsv.row(decision).direction().map(Direction::name).orElse("");
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

    /** The row of the decisions file ({@link DecisionsCsv}): instrument, time, direction, kind. */
    public DecisionsCsv.Row csvRow() {
        return new DecisionsCsv.Row(instrument, Instant.ofEpochMilli(time),
                direction.isEmpty() ? Optional.empty() : Optional.of(Direction.valueOf(direction)), kind);
    }
}
