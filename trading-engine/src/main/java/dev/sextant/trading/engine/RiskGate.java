package dev.sextant.trading.engine;

import dev.sextant.trading.broker.GateDecision;
import dev.sextant.trading.broker.PreTradeGate;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.risk.RiskDecision;
import dev.sextant.trading.risk.RiskEngine;

/**
 * A {@link RiskEngine} as the {@link PreTradeGate} of execution algorithms, so that every TWAP or
 * VWAP child ({@code dev.sextant.trading.broker.algo.AlgoExecution}) runs through the full
 * pre-trade check chain, kill switch included, exactly as a strategy's order does.
 *
 * <p>An approved or resized child counts as working in the risk engine from the moment it passes
 * (see {@link RiskEngine#check(OrderRequest)}); its fills, cancels and rejections reach the engine
 * through the broker session's listener, as for any order. A child the algorithm then does not
 * send is released again through {@link #notSent}. The gate's reason is the risk
 * {@link dev.sextant.trading.risk.ReasonCode} name (e.g. {@code MAX_ORDER_QTY}); the engine logs
 * the full explanation.
 *
 * <p>Thread-safe: the risk engine serialises its checks.
 */
public final class RiskGate implements PreTradeGate {
    private final RiskEngine risk;

    /**
     * A gate backed by {@code risk}.
     *
     * @param risk the engine whose checks every child passes
     */
    public RiskGate(RiskEngine risk) {
        this.risk = Checks.notNull(risk, "risk");
    }

    /** Runs {@code request} through the risk engine's check chain and translates its decision. */
    @Override
    public GateDecision check(OrderRequest request) {
        Checks.notNull(request, "request");
        RiskDecision d = risk.check(request);
        return switch (d.outcome()) {
            case APPROVED -> GateDecision.approve();
            case RESIZED -> GateDecision.resize(d.order().quantity(), d.code().name());
            case REJECTED -> GateDecision.reject(d.code().name());
        };
    }

    /** Releases what the risk engine reserved for a child that was not sent. */
    @Override
    public void notSent(OrderRequest request) {
        Checks.notNull(request, "request");
        risk.releaseOrder(request.clientOrderId());
    }
}
