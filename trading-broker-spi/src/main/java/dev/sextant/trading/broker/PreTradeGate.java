package dev.sextant.trading.broker;

import dev.sextant.trading.core.OrderRequest;

/**
 * A pre-trade check that every order of an execution algorithm passes before it is sent. The
 * engine adapts its risk chain ({@code trading-risk}) to this interface, so that the broker
 * module does not depend on the risk module.
 *
 * <p>Implementations decide synchronously and must be safe to call from the thread that drives
 * the algorithm.
 */
@FunctionalInterface
public interface PreTradeGate {

    /** Approves, resizes (never upwards) or rejects {@code request}. */
    GateDecision check(OrderRequest request);

    /** A gate that approves every order. */
    static PreTradeGate approveAll() {
        return request -> GateDecision.approve();
    }
}
