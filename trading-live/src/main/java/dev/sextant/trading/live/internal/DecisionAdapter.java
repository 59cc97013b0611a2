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
        String outcome;
        String orderId = "";
        String note;
        RiskDecision risk = null;
        double requested = Double.NaN;
        switch (d) {
            case Decision.Sent s -> {
                outcome = SENT;
                orderId = s.order().clientOrderId();
                note = "sent";
                risk = RiskDecision.approved(s.order());
                requested = s.sizing().orderQuantity();
            }
            case Decision.Resized r -> {
                outcome = SENT;
                orderId = r.order().clientOrderId();
                note = "sent resized: " + r.code();
                risk = r.risk();
                requested = r.sizing().orderQuantity();
            }
            case Decision.Rejected r -> {
                outcome = REJECTED;
                orderId = r.risk().order().clientOrderId();
                note = "rejected: " + r.code();
                risk = r.risk();
                requested = r.sizing().orderQuantity();
            }
            case Decision.BrokerRefused b -> {
                outcome = REJECTED;
                orderId = b.order().clientOrderId();
                note = "broker refused: " + b.code() + ": " + b.message();
                risk = b.risk();
                requested = b.sizing().orderQuantity();
            }
            case Decision.NotSized n -> {
                outcome = NOT_SIZED;
                note = "not sized: " + n.reason();
            }
            case Decision.EdgeBelowMinimum e -> {
                outcome = NOT_SIZED;
                note = "not sized: " + e.sizing().reason() + " (" + e.edgeBps() + " < " + e.minimumEdgeBps() + " bps)";
            }
            case Decision.Hold h -> {
                outcome = HOLD;
                note = "hold";
            }
            case Decision.CircuitOpen c -> {
                outcome = HOLD;
                note = "hold: model circuit breaker open";
            }
            case Decision.ModelFailed f -> {
                outcome = paused ? PAUSED : MODEL_FAILED;
                note = "model failed: " + f.error();
            }
            case Decision.WarmingUp w -> {
                outcome = paused ? PAUSED : WARMING_UP;
                note = paused ? "paused" : "warming up";
            }
            case Decision.NoPrediction n -> {
                outcome = paused ? PAUSED : WARMING_UP;
                note = paused ? "paused" : "no prediction";
            }
        }
        Optional<JournalEvent.RiskDecided> riskEvent = risk == null ? Optional.empty()
                : Optional.of(riskEvent(d, risk, requested, limitsDigest));
        return new Described(new JournalEvent.DecisionMade(d.instrument().id(), d.time(), outcome, orderId, note), riskEvent);
    }

    private static JournalEvent.RiskDecided riskEvent(Decision d, RiskDecision r, double requested, String limitsDigest) {
        List<String> codes = r.code() == ReasonCode.NONE ? List.of() : List.of(r.code().name());
        double approved = r.isApproved() ? r.order().quantity() : 0;
        String message = r.explanation() + (r.check().isEmpty() ? "" : " [check " + r.check() + ", limit "
                + r.limit() + ", observed " + r.observed() + "]");
        return new JournalEvent.RiskDecided(d.instrument().id(), r.order().clientOrderId(), r.outcome().name(), codes,
                requested, approved, limitsDigest, message);
    }
}
