package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.risk.RiskDecision;
import dev.sextant.trading.risk.SizingResult;
import java.time.Instant;
import java.util.List;

/**
 * What the pipeline decided at the close of one bar, for the audit trail.
 *
 * @param instrument the instrument
 * @param time       the bar's close time
 * @param signal     the signal, or null while warming up or when the model failed
 * @param sizing     the sizer's proposal, or null when nothing was sized (no signal, HOLD)
 * @param risk       the pre-trade decision, or null when no order was proposed
 * @param orders     orders sent to the broker (empty when none)
 * @param note       why nothing was sent, or "sent"
 */
public record Decision(Instrument instrument, Instant time, Signal signal, SizingResult sizing, RiskDecision risk,
        List<OrderRequest> orders, String note) {

    /** Validates and copies. */
    public Decision {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(time, "time");
        orders = List.copyOf(orders);
        Checks.notBlank(note, "note");
    }
}
