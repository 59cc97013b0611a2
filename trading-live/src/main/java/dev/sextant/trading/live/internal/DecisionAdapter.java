package dev.sextant.trading.live.internal;

import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.risk.ReasonCode;
import dev.sextant.trading.risk.Outcome;
import dev.sextant.trading.risk.RiskDecision;
import dev.sextant.trading.risk.SizingResult;
import java.util.List;
import java.util.Optional;

/**
 * The one place that reads the engine's {@link Decision}: turns it into the journal's
 * {@link JournalEvent.DecisionMade} and, when an order was proposed, {@link JournalEvent.RiskDecided}.
 * When the engine's decision type changes, only this class changes.
 */
public final class DecisionAdapter {

    /** The outcome written for a bar decided while the session was paused. */
    public static final String PAUSED = "PAUSED";

    /**
     * A decision as journal events.
     *
     * @param decision the decision record
     * @param risk     the pre-trade checks' verdict on the proposed order, if one was proposed
     */
    public record Described(JournalEvent.DecisionMade decision, Optional<JournalEvent.RiskDecided> risk) {
    }

    private DecisionAdapter() {
    }

    /**
     * Describes {@code d}: the outcome is the decision's {@link Decision.Kind} name (e.g.
     * {@code SENT}, {@code REJECTED}), or {@link #PAUSED} for a bar the paused session did not
     * decide on.
     *
     * @param limitsDigest digest of the limits in force
     * @param paused       whether the session was paused (its signal source then gives no prediction)
     */
    public static Described describe(Decision d, String limitsDigest, boolean paused) {
        String instrument = d.instrument().id();
        Optional<JournalEvent.RiskDecided> risk = switch (d) {
            case Decision.Sent s -> Optional.of(new JournalEvent.RiskDecided(instrument, s.order().clientOrderId(),
                    Outcome.APPROVED.name(), List.of(), s.sizing().orderQuantity(), s.order().quantity(), limitsDigest,
                    "approved"));
            case Decision.Resized r -> Optional.of(riskEvent(instrument, r.sizing(), r.risk(), limitsDigest));
            case Decision.Rejected r -> Optional.of(riskEvent(instrument, r.sizing(), r.risk(), limitsDigest));
            case Decision.BrokerRefused b -> Optional.of(riskEvent(instrument, b.sizing(), b.risk(), limitsDigest));
            default -> Optional.empty();
        };
        String orderId = switch (d) {
            case Decision.Sent s -> s.order().clientOrderId();
            case Decision.Resized r -> r.order().clientOrderId();
            case Decision.BrokerRefused b -> b.order().clientOrderId();
            case Decision.Rejected r -> r.risk().order().clientOrderId();
            default -> "";
        };
        String note = switch (d) {
            case Decision.ModelFailed f -> f.error();
            case Decision.OutOfDistribution o -> "distance " + o.distance() + " above threshold " + o.threshold();
            case Decision.NotSized n -> n.reason().name();
            case Decision.EdgeBelowMinimum e -> "edge " + e.edgeBps() + " bps below " + e.minimumEdgeBps() + " bps";
            case Decision.Rejected r -> r.risk().explanation();
            case Decision.Resized r -> r.risk().explanation();
            case Decision.BrokerRefused b -> b.code() + ": " + b.message();
            default -> "";
        };
        String outcome = paused && d instanceof Decision.NoPrediction ? PAUSED : d.kind().name();
        return new Described(new JournalEvent.DecisionMade(instrument, d.time(), outcome, orderId, note), risk);
    }

    private static JournalEvent.RiskDecided riskEvent(String instrument, SizingResult sizing, RiskDecision r,
            String limitsDigest) {
        List<String> codes = r.code() == ReasonCode.NONE ? List.of() : List.of(r.code().name());
        double approved = r.isApproved() ? r.order().quantity() : 0;
        String message = r.explanation() + (r.check().isEmpty() ? "" : " [check " + r.check() + ", limit "
                + r.limit() + ", observed " + r.observed() + "]");
        return new JournalEvent.RiskDecided(instrument, r.order().clientOrderId(), r.outcome().name(), codes,
                sizing.orderQuantity(), approved, limitsDigest, message);
    }
}
