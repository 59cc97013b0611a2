package dev.sextant.trading.broker;

import dev.sextant.trading.core.OrderRequest;

/**
 * A pre-trade check that every order of an execution algorithm passes before it is sent. The
 * engine adapts its risk chain ({@code trading-risk}) to this interface
 * ({@code dev.sextant.trading.engine.RiskGate}), so that the broker module does not depend on the
 * risk module.
 *
 * <p>A gate may reserve what it passes (the risk engine counts an approved order as working until
 * it fills or closes); {@link #notSent} tells it when the algorithm did not send an order after
 * all. Implementations decide synchronously and must be safe to call from the thread that drives
 * the algorithm.
 */
@FunctionalInterface
public interface PreTradeGate {

    /** Approves, resizes (never upwards) or rejects {@code request}. */
    GateDecision check(OrderRequest request);

    /**
     * Called when an order this gate approved or resized was not sent after all (the venue
     * refused the request, or the resized quantity rounded to nothing), so that whatever the gate
     * reserved for it is released. The default does nothing.
     *
     * @param request the order as checked (its client order id identifies it)
     */
    default void notSent(OrderRequest request) {
    }

    /** A gate that approves every order. */
    static PreTradeGate approveAll() {
        return request -> GateDecision.approve();
    }
}
