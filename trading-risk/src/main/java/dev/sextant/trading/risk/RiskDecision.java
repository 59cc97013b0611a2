package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.OrderRequest;

/**
 * The verdict of the pre-trade check chain on one order, with enough detail to audit it: which
 * check decided, against which limit, and what it observed.
 *
 * <p>For {@link Outcome#APPROVED} the code is {@link ReasonCode#NONE}, the check is empty and
 * limit and observed are NaN. For {@link Outcome#RESIZED} the order carries the reduced
 * quantity and the other fields describe the check that reduced it last (the binding one). For
 * {@link Outcome#REJECTED} the order is the one that was submitted.
 *
 * @param outcome     approved, resized or rejected
 * @param order       the order to send (resized if so), or the rejected order
 * @param code        the reason; {@link ReasonCode#NONE} exactly when approved
 * @param check       name of the deciding check, empty when approved
 * @param limit       the limit that applied, in the unit the explanation states (NaN if none)
 * @param observed    the value that breached or would have breached it (NaN if none)
 * @param explanation a one-line human-readable explanation, not blank
 */
public record RiskDecision(
        Outcome outcome, OrderRequest order, ReasonCode code, String check, double limit,
        double observed, String explanation) {

    /** Validates the fields and that the code agrees with the outcome. */
    public RiskDecision {
        Checks.notNull(outcome, "outcome");
        Checks.notNull(order, "order");
        Checks.notNull(code, "code");
        Checks.notNull(check, "check");
        Checks.notBlank(explanation, "explanation");
        if ((outcome == Outcome.APPROVED) != (code == ReasonCode.NONE)) {
            throw new IllegalArgumentException("code must be NONE exactly when approved but outcome was "
                    + outcome + " and code " + code);
        }
    }

    /** An approval of {@code order} unchanged. */
    public static RiskDecision approved(OrderRequest order) {
        return new RiskDecision(Outcome.APPROVED, order, ReasonCode.NONE, "", Double.NaN, Double.NaN, "approved");
    }

    /** Whether the order (possibly resized) may be sent. */
    public boolean isApproved() {
        return outcome.isApproved();
    }
}
