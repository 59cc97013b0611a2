package dev.sextant.trading.broker.algo;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.GateDecision;
import dev.sextant.trading.broker.OrderStateMachine;
import dev.sextant.trading.broker.PreTradeGate;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works a {@link ParentOrder} through child orders following an {@link ExecutionSchedule} (TWAP
 * or VWAP).
 *
 * <p>Drive it with {@link #onTime(long)} on every clock tick or bar. At the start of each slice
 * it cancels the children of earlier slices that are still working (their unfilled quantity
 * rolls into later slices) and sends one child for the quantity due by the end of the slice
 * minus what is filled and still working. Each child passes the {@link PreTradeGate} first: a
 * resize sends less (the shortfall rolls forward), a rejection sends nothing for the slice. At
 * the end of the horizon, or on {@link #kill}, the working children are cancelled and no more
 * are sent. Children are GTC market orders, or limit orders at the parent's limit price.
 *
 * <p>Thread-safe: methods synchronize on the execution. Fills are read from the session's
 * blotter, so {@link #filledQuantity()} is current even between ticks.
 */
public final class AlgoExecution {
    private static final Logger LOG = LoggerFactory.getLogger(AlgoExecution.class);

    /** The life cycle of an execution. */
    public enum State {
        /** Before the horizon starts. */
        WAITING,
        /** Sending and working children. */
        WORKING,
        /** The whole parent quantity is filled. */
        COMPLETED,
        /** The horizon ended; the remainder was cancelled. */
        ENDED,
        /** Stopped by {@link #kill}; the remainder was cancelled. */
        KILLED
    }

    private final ParentOrder parent;
    private final ExecutionSchedule schedule;
    private final BrokerSession session;
    private final PreTradeGate gate;
    private final List<String> children = new ArrayList<>();
    private final List<GateDecision> decisions = new ArrayList<>();
    private State state = State.WAITING;
    private int lastSlice = -1;
    private String stopReason = "";

    /**
     * An execution that has sent nothing yet.
     *
     * @param parent   what to execute
     * @param schedule when and how much
     * @param session  where children are sent and tracked
     * @param gate     pre-trade checks for every child
     */
    public AlgoExecution(ParentOrder parent, ExecutionSchedule schedule, BrokerSession session, PreTradeGate gate) {
        this.parent = Checks.notNull(parent, "parent");
        this.schedule = Checks.notNull(schedule, "schedule");
        this.session = Checks.notNull(session, "session");
        this.gate = Checks.notNull(gate, "gate");
    }

    /** The parent order. */
    public ParentOrder parent() {
        return parent;
    }

    /** The schedule. */
    public ExecutionSchedule schedule() {
        return schedule;
    }

    /**
     * Advances the execution to {@code nowMillis}: sends the child of a newly started slice,
     * finishes when the quantity is filled or the horizon is over. Times must not go backwards;
     * calling twice within a slice does nothing the second time.
     */
    public synchronized void onTime(long nowMillis) {
        if (isFinished()) {
            return;
        }
        double filled = filledQuantity();
        if (filled >= parent.quantity() - tolerance()) {
            cancelWorkingChildren();
            state = State.COMPLETED;
            return;
        }
        int slice = schedule.sliceAt(nowMillis);
        if (slice < 0) {
            return;
        }
        if (slice >= schedule.slices()) {
            cancelWorkingChildren();
            state = State.ENDED;
            stopReason = "horizon ended with " + (parent.quantity() - filled) + " unfilled";
            return;
        }
        state = State.WORKING;
        if (slice <= lastSlice) {
            return;
        }
        lastSlice = slice;
        cancelWorkingChildren();
        double working = 0;
        for (Order o : childOrders()) {
            if (!o.status().isTerminal()) {
                working += o.remainingQuantity();
            }
        }
        double target = floorToLot(parent.quantity() * schedule.cumulativeFraction(slice));
        double quantity = floorToLot(target - filled - working);
        if (quantity <= 0) {
            return;
        }
        OrderRequest child = childRequest(quantity);
        GateDecision decision = gate.check(child);
        decisions.add(decision);
        switch (decision) {
            case GateDecision.Approved a -> send(child);
            case GateDecision.Resized r -> {
                double resized = floorToLot(Math.min(r.quantity(), quantity));
                if (resized > 0) {
                    send(child.withQuantity(resized));
                } else {
                    gate.notSent(child);
                }
            }
            case GateDecision.Rejected r -> LOG.info("{}: slice {} child of {} rejected by the pre-trade gate: {}",
                    parent.id(), slice, quantity, r.reason());
        }
    }

    /**
     * Stops the execution: cancels the working children and sends no more. The kill switch's
     * hook; idempotent, and a no-op once the execution has finished.
     */
    public synchronized void kill(String reason) {
        Checks.notBlank(reason, "reason");
        if (isFinished()) {
            return;
        }
        cancelWorkingChildren();
        state = State.KILLED;
        stopReason = reason;
    }

    /** The current state. */
    public synchronized State state() {
        return state;
    }

    /** Why the execution ended or was killed; empty otherwise. */
    public synchronized String stopReason() {
        return stopReason;
    }

    /** Quantity filled by all children so far (late fills after a cancel included). */
    public synchronized double filledQuantity() {
        double sum = 0;
        for (Order o : childOrders()) {
            sum += o.filledQuantity();
        }
        return sum;
    }

    /** Parent quantity not filled yet, never negative. */
    public synchronized double remainingQuantity() {
        return Math.max(0, parent.quantity() - filledQuantity());
    }

    /** Client order ids of the children sent, in order. */
    public synchronized List<String> childOrderIds() {
        return List.copyOf(children);
    }

    /** The gate's decision for every child that reached it, in order. */
    public synchronized List<GateDecision> gateDecisions() {
        return List.copyOf(decisions);
    }

    private boolean isFinished() {
        return state == State.COMPLETED || state == State.ENDED || state == State.KILLED;
    }

    private List<Order> childOrders() {
        List<Order> list = new ArrayList<>(children.size());
        for (String id : children) {
            session.blotter().order(id).ifPresent(list::add);
        }
        return list;
    }

    private OrderRequest childRequest(double quantity) {
        String id = parent.id() + "-c" + (children.size() + 1);
        return Double.isNaN(parent.limitPrice())
                ? OrderRequest.market(id, parent.instrument(), parent.side(), quantity, TimeInForce.GTC)
                : OrderRequest.limit(id, parent.instrument(), parent.side(), quantity, parent.limitPrice(), TimeInForce.GTC);
    }

    private void send(OrderRequest child) {
        children.add(child.clientOrderId());
        try {
            session.submit(child);
        } catch (BrokerException e) {
            LOG.warn("{}: child {} not sent: {}", parent.id(), child.clientOrderId(), e.getMessage());
            gate.notSent(child);
        }
    }

    private void cancelWorkingChildren() {
        for (Order o : childOrders()) {
            if (OrderStateMachine.isCancelable(o.status())) {
                try {
                    session.cancel(o.clientOrderId());
                } catch (BrokerException e) {
                    LOG.warn("{}: cancel of child {} failed: {}", parent.id(), o.clientOrderId(), e.getMessage());
                }
            }
        }
    }

    /**
     * Rounds down to a whole number of lots, tolerating binary noise of up to a millionth of a lot
     * (so that 0.59059018 stays 0.59059018 with a 1e-8 lot, however it was computed).
     */
    private double floorToLot(double quantity) {
        double lot = parent.instrument().lotSize();
        double lots = Math.floor(quantity / lot + 1e-6);
        return lots <= 0 ? 0 : lots * lot;
    }

    private double tolerance() {
        return parent.instrument().quantityTolerance();
    }
}
