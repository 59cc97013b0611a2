package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.GateDecision;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.algo.AlgoExecution;
import dev.sextant.trading.broker.algo.ExecutionSchedule;
import dev.sextant.trading.broker.algo.ParentOrder;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeInForce;
import dev.sextant.trading.risk.KillSwitchTrigger;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskGateTest {
    private static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");
    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_704_204_000_000L; // 2024-01-02T14:00Z

    private final SimulatedClock clock = new SimulatedClock(T0);
    private PaperBroker broker;
    private BrokerSession session;
    private RiskEngine risk;

    /** A paper venue and a risk engine wired as the pipeline wires them: fills and closes reach the engine. */
    private void setUp(RiskLimits limits, boolean connect) {
        broker = new PaperBroker(PaperBrokerConfig.builder().initialCash(1_000_000).build(), clock);
        session = new BrokerSession(broker, clock);
        risk = RiskEngine.builder().limits(limits).clock(clock).startingCash(1_000_000).build();
        session.addListener(event -> {
            switch (event) {
                case OrderEvent.Execution e -> risk.onFill(e.fill());
                case OrderEvent.Canceled c -> risk.releaseOrder(c.clientOrderId());
                case OrderEvent.Rejected r -> risk.releaseOrder(r.clientOrderId());
                case OrderEvent.Expired x -> risk.releaseOrder(x.clientOrderId());
                default -> {
                }
            }
        });
        if (connect) {
            session.connect();
        }
        bar(0);
        clock.advanceTo(T0 + MINUTE);
    }

    private void bar(int minute) {
        double price = 100 + minute * 0.1;
        risk.onMark(AAPL, price, T0 + minute * MINUTE);
        broker.onBar(AAPL, new Bar(T0 + minute * MINUTE, price, price + 1, price - 1, price, 1e6));
    }

    /** TWAP of 100 shares in 5 slices of 2 minutes: children of 20 shares. */
    private AlgoExecution twap() {
        return new AlgoExecution(ParentOrder.market("P", AAPL, Side.BUY, 100),
                ExecutionSchedule.twap(T0 + MINUTE, T0 + 11 * MINUTE, 5), session, new RiskGate(risk));
    }

    private void run(AlgoExecution algo, int lastMinute) {
        algo.onTime(clock.millis());
        for (int i = 1; i <= lastMinute; i++) {
            bar(i);
            clock.advanceTo(T0 + (i + 1) * MINUTE);
            algo.onTime(clock.millis());
        }
    }

    @Test
    void aChildAboveTheMaxOrderQuantityIsRefusedByTheRiskChain() {
        setUp(RiskLimits.builder().maxOrderQuantity(10).allowResize(false).build(), true);
        AlgoExecution algo = twap();
        run(algo, 10);
        assertTrue(algo.childOrderIds().isEmpty(), "no child may reach the venue");
        List<GateDecision> decisions = algo.gateDecisions();
        assertEquals(5, decisions.size());
        for (GateDecision d : decisions) {
            assertEquals("MAX_ORDER_QTY", assertInstanceOf(GateDecision.Rejected.class, d).reason());
        }
        assertEquals(0, risk.snapshot().workingOrders());
    }

    @Test
    void aChildAboveTheMaxOrderQuantityIsResizedToTheLimitWhenResizingIsAllowed() {
        setUp(RiskLimits.builder().maxOrderQuantity(10).allowResize(true).build(), true);
        AlgoExecution algo = twap();
        run(algo, 1);
        GateDecision.Resized resized = assertInstanceOf(GateDecision.Resized.class, algo.gateDecisions().get(0));
        assertEquals(10, resized.quantity());
        assertEquals("MAX_ORDER_QTY", resized.reason());
        Order child = session.blotter().order(algo.childOrderIds().get(0)).orElseThrow();
        assertEquals(10, child.request().quantity());
    }

    @Test
    void childrenWithinTheLimitsAreSentAndTheirFillsMoveTheRiskPosition() {
        setUp(RiskLimits.defaults(), true);
        AlgoExecution algo = twap();
        run(algo, 10);
        assertEquals(AlgoExecution.State.COMPLETED, algo.state());
        for (GateDecision d : algo.gateDecisions()) {
            assertInstanceOf(GateDecision.Approved.class, d);
        }
        assertEquals(100, algo.filledQuantity());
        assertEquals(100, risk.headroom(AAPL).position());
        assertEquals(0, risk.snapshot().workingOrders());
    }

    @Test
    void aTrippedKillSwitchRefusesTheNextChild() {
        setUp(RiskLimits.defaults(), true);
        AlgoExecution algo = twap();
        run(algo, 1);
        assertEquals(1, algo.childOrderIds().size());
        risk.killSwitch().trip(KillSwitchTrigger.MANUAL, "test");
        bar(2);
        clock.advanceTo(T0 + 3 * MINUTE);
        algo.onTime(clock.millis());
        GateDecision last = algo.gateDecisions().get(algo.gateDecisions().size() - 1);
        assertEquals("KILL_SWITCH", assertInstanceOf(GateDecision.Rejected.class, last).reason());
        assertEquals(1, algo.childOrderIds().size());
    }

    @Test
    void aChildTheVenueRefusesToTakeHoldsNoRiskHeadroom() {
        setUp(RiskLimits.defaults(), false);
        AlgoExecution algo = twap();
        run(algo, 1);
        assertInstanceOf(GateDecision.Approved.class, algo.gateDecisions().get(0));
        assertEquals(0, risk.snapshot().workingOrders(), "the unsent child must not hold risk headroom");
    }

    @Test
    void notSentReleasesWhatTheRiskEngineReservedForAnApprovedChild() {
        setUp(RiskLimits.defaults(), true);
        RiskGate gate = new RiskGate(risk);
        OrderRequest child = OrderRequest.market("child-1", AAPL, Side.BUY, 20, TimeInForce.GTC);
        assertInstanceOf(GateDecision.Approved.class, gate.check(child));
        assertEquals(1, risk.snapshot().workingOrders());
        assertEquals(20, risk.headroom(AAPL).pendingBuy());
        gate.notSent(child);
        assertEquals(0, risk.snapshot().workingOrders());
        assertEquals(0, risk.headroom(AAPL).pendingBuy());
    }
}
