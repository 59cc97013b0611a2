package dev.sextant.trading.risk;

/** What the pre-trade check chain decided about an order. */
public enum Outcome {
    /** The order passed every check unchanged. */
    APPROVED,
    /** The order passed with a smaller quantity: a limit allowed only part of it. */
    RESIZED,
    /** The order must not be sent. */
    REJECTED;

    /** Whether the (possibly resized) order may be sent to the broker. */
    public boolean isApproved() {
        return this != REJECTED;
    }
}
