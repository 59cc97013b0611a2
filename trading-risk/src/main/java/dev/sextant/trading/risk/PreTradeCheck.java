package dev.sextant.trading.risk;

/**
 * One control in the pre-trade check chain. A check looks at the order and the risk state
 * through the {@link CheckContext} and either does nothing (approve), calls
 * {@link CheckContext#limitQuantity} (resize, or reject when nothing fits) or
 * {@link CheckContext#reject}. Later checks see the quantity as reduced by earlier ones; the
 * chain stops at the first rejection.
 *
 * <p>The built-in checks are listed in docs/risk.md. Applications may append their own with
 * {@link RiskEngine.Builder#addCheck}; such a check runs under the engine's lock, so it must be
 * fast, must not block and must not call back into the engine. A check that throws rejects the
 * order with {@link ReasonCode#CUSTOM}. To keep the approve path free of allocation, build
 * explanation strings only when objecting.
 */
public interface PreTradeCheck {
    /** A short, stable name for audit logs, e.g. {@code "max-position"}. */
    String name();

    /**
     * Evaluates the order in {@code context}.
     *
     * @param context the order and risk state; valid only during this call
     */
    void check(CheckContext context);
}
