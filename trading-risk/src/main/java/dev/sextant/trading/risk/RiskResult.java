package dev.sextant.trading.risk;

import dev.sextant.trading.core.OrderRequest;

/**
 * A reusable, caller-owned holder for the result of {@link RiskEngine#check(OrderRequest,
 * RiskResult)}: the allocation-free form of {@link RiskDecision}. The engine overwrites every
 * field on each check; on approval {@link #order()} is the very request that was checked, so
 * approving allocates nothing.
 *
 * <p>Not thread-safe: give each thread its own holder.
 */
public final class RiskResult {
    private Outcome outcome = Outcome.REJECTED;
    private OrderRequest order;
    private ReasonCode code = ReasonCode.NONE;
    private String check = "";
    private double limit = Double.NaN;
    private double observed = Double.NaN;
    private String explanation = "";

    /** An empty holder. */
    public RiskResult() {
    }

    void approve(OrderRequest approved) {
        set(Outcome.APPROVED, approved, ReasonCode.NONE, "", Double.NaN, Double.NaN, "approved");
    }

    void set(Outcome outcome, OrderRequest order, ReasonCode code, String check, double limit, double observed,
            String explanation) {
        this.outcome = outcome;
        this.order = order;
        this.code = code;
        this.check = check;
        this.limit = limit;
        this.observed = observed;
        this.explanation = explanation;
    }

    /** The outcome of the last check. */
    public Outcome outcome() {
        return outcome;
    }

    /** Whether the last checked order (possibly resized) may be sent. */
    public boolean isApproved() {
        return outcome.isApproved();
    }

    /** The order to send (resized if so), or the rejected order; null before the first check. */
    public OrderRequest order() {
        return order;
    }

    /** The reason code; {@link ReasonCode#NONE} when approved. */
    public ReasonCode code() {
        return code;
    }

    /** The name of the deciding check, empty when approved. */
    public String check() {
        return check;
    }

    /** The limit that applied (NaN when approved). */
    public double limit() {
        return limit;
    }

    /** The observed value that breached or would have breached the limit (NaN when approved). */
    public double observed() {
        return observed;
    }

    /** A one-line explanation. */
    public String explanation() {
        return explanation;
    }

    /**
     * An immutable copy of this result.
     *
     * @throws IllegalStateException if no order has been checked into this holder yet
     */
    public RiskDecision toDecision() {
        if (order == null) {
            throw new IllegalStateException("no order has been checked into this result yet");
        }
        return new RiskDecision(outcome, order, code, check, limit, observed, explanation);
    }

    @Override
    public String toString() {
        return outcome + (code == ReasonCode.NONE ? "" : " " + code + " by " + check + ": " + explanation);
    }
}
