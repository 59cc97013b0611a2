package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;

/**
 * The outcome of a {@link PreTradeGate}.
 *
 * @param outcome  approved, resized or rejected
 * @param quantity the quantity to send when {@link Outcome#RESIZED} (positive); NaN otherwise
 * @param reason   a reason code such as {@code MAX_POSITION} or {@code KILL_SWITCH}; empty when approved
 */
public record GateDecision(Outcome outcome, double quantity, String reason) {

    /** What the gate decided. */
    public enum Outcome {
        /** Send as requested. */
        APPROVED,
        /** Send with {@link GateDecision#quantity()} instead. */
        RESIZED,
        /** Do not send. */
        REJECTED
    }

    /** Validates: a resize carries a positive quantity and a reason, a rejection a reason. */
    public GateDecision {
        Checks.notNull(outcome, "outcome");
        Checks.notNull(reason, "reason");
        switch (outcome) {
            case APPROVED -> {
                if (!Double.isNaN(quantity)) {
                    throw new IllegalArgumentException("an approval carries no quantity but had " + quantity);
                }
            }
            case RESIZED -> {
                Checks.positive(quantity, "quantity");
                Checks.notBlank(reason, "reason");
            }
            case REJECTED -> {
                if (!Double.isNaN(quantity)) {
                    throw new IllegalArgumentException("a rejection carries no quantity but had " + quantity);
                }
                Checks.notBlank(reason, "reason");
            }
        }
    }

    /** Send as requested. */
    public static GateDecision approve() {
        return new GateDecision(Outcome.APPROVED, Double.NaN, "");
    }

    /** Send {@code quantity} (positive) instead, because of {@code reason}. */
    public static GateDecision resize(double quantity, String reason) {
        return new GateDecision(Outcome.RESIZED, quantity, reason);
    }

    /** Do not send, because of {@code reason}. */
    public static GateDecision reject(String reason) {
        return new GateDecision(Outcome.REJECTED, Double.NaN, reason);
    }
}
