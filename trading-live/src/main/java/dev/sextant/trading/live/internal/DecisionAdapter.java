package dev.sextant.trading.live.internal;

import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.risk.ReasonCode;
import dev.sextant.trading.risk.RiskDecision;
import java.util.List;
import java.util.Optional;

/**
 * The one place that reads the engine's {@link Decision}: turns it into the journal's
 * {@link JournalEvent.DecisionMade} and, when an order was proposed, {@link JournalEvent.RiskDecided}.
 * When the engine's decision type changes, only this class changes.
 */
public final class DecisionAdapter {

    /** Outcome names written to the journal. */
    public static final String SENT = "SENT";
    /** The pre-trade checks rejected the proposed order. */
    public static final String REJECTED = "REJECTED";
    /** The sizer proposed no tradable quantity. */
    public static final String NOT_SIZED = "NOT_SIZED";
    /** The signal was HOLD. */
    public static final String HOLD = "HOLD";
    /** The features or model were still warming up. */
    public static final String WARMING_UP = "WARMING_UP";
    /** The model failed on this bar. */
    public static final String MODEL_FAILED = "MODEL_FAILED";
    /** The session was paused: features updated, nothing decided. */
    public static final String PAUSED = "PAUSED";

    /**
     * A decision as journal events.
     *
     * @param decision the decision record
     * @param risk     the risk decision on the proposed order, if one was proposed
     */
    public record Described(JournalEvent.DecisionMade decision, Optional<JournalEvent.RiskDecided> risk) {
    }

    private DecisionAdapter() {
    }

    /**
     * Describes {@code d}.
     *
     * @param limitsDigest digest of the limits in force
     * @param paused       whether the session was paused (the signal source then gives no signal)
     */
    public static Described describe(Decision d, String limitsDigest, boolean paused) {
        String instrument = d.instrument().id();
        Optional<JournalEvent.RiskDecided> risk = Optional.ofNullable(d.risk()).map(r -> riskEvent(d, r, limitsDigest));
        String outcome;
        String orderId = "";
        if (!d.orders().isEmpty()) {
            outcome = SENT;
            orderId = d.orders().getFirst().clientOrderId();
        } else if (d.risk() != null) {
            outcome = REJECTED;
            orderId = d.risk().order().clientOrderId();
        } else if (d.sizing() != null) {
            outcome = NOT_SIZED;
        } else if (d.signal() != null) {
            outcome = HOLD;
        } else if (paused) {
            outcome = PAUSED;
        } else if (d.note().startsWith("model failed")) {
            outcome = MODEL_FAILED;
        } else {
            outcome = WARMING_UP;
        }
        return new Described(new JournalEvent.DecisionMade(instrument, d.time(), outcome, orderId, d.note()), risk);
    }

    private static JournalEvent.RiskDecided riskEvent(Decision d, RiskDecision r, String limitsDigest) {
        List<String> codes = r.code() == ReasonCode.NONE ? List.of() : List.of(r.code().name());
        double requested = d.sizing() != null ? d.sizing().orderQuantity() : r.order().quantity();
        double approved = r.isApproved() ? r.order().quantity() : 0;
        String message = r.explanation() + (r.check().isEmpty() ? "" : " [check " + r.check() + ", limit "
                + r.limit() + ", observed " + r.observed() + "]");
        return new JournalEvent.RiskDecided(d.instrument().id(), r.order().clientOrderId(), r.outcome().name(), codes,
                requested, approved, limitsDigest, message);
    }
}
