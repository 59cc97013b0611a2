package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;

/**
 * What a {@link PreTradeGate} decided about one order: {@link Approved send it as requested},
 * {@link Resized send a smaller quantity} or {@link Rejected do not send it}. A sealed type, so a
 * {@code switch} over the cases is exhaustive and each case carries only what it means.
 */
public sealed interface GateDecision permits GateDecision.Approved, GateDecision.Resized, GateDecision.Rejected {

    /** Send as requested. */
    record Approved() implements GateDecision {
    }

    /**
     * Send {@code quantity} instead of the requested quantity.
     *
     * @param quantity the quantity to send, positive (never more than requested)
     * @param reason   a reason code such as {@code MAX_POSITION}; not blank
     */
    record Resized(double quantity, String reason) implements GateDecision {
        /** Validates: a positive quantity and a reason. */
        public Resized {
            Checks.positive(quantity, "quantity");
            Checks.notBlank(reason, "reason");
        }
    }

    /**
     * Do not send.
     *
     * @param reason a reason code such as {@code MAX_POSITION} or {@code KILL_SWITCH}; not blank
     */
    record Rejected(String reason) implements GateDecision {
        /** Validates: a reason. */
        public Rejected {
            Checks.notBlank(reason, "reason");
        }
    }

    /** Send as requested. */
    static GateDecision approve() {
        return new Approved();
    }

    /** Send {@code quantity} (positive) instead, because of {@code reason}. */
    static GateDecision resize(double quantity, String reason) {
        return new Resized(quantity, reason);
    }

    /** Do not send, because of {@code reason}. */
    static GateDecision reject(String reason) {
        return new Rejected(reason);
    }
}
