package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerSessionTest {
    private static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");
    private static final Instrument MSFT = Instrument.equity("MSFT", "XNAS");
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_704_153_600_000L; // 2024-01-02T00:00Z

    private final SimulatedClock clock = new SimulatedClock(T0);

    private PaperBroker paper(long latencyMillis) {
        PaperBroker broker = new PaperBroker(PaperBrokerConfig.builder().initialCash(1_000_000)
                .latencyMillis(latencyMillis).build(), clock);
        return broker;
    }

    private static OrderRequest limitBuy(String id, Instrument instrument, double price) {
        return OrderRequest.limit(id, instrument, Side.BUY, 10, price, TimeInForce.GTC);
    }

    @Test
    void recordsThenSendsAndFollowsTheOrderToItsFill() {
        PaperBroker broker = paper(0);
        BrokerSession session = new BrokerSession(broker, clock);
        session.connect();
        broker.onBar(AAPL, new Bar(T0, 100, 101, 99, 100, 1e6));
        clock.advanceTo(T0 + DAY);
        Order submitted = session.submit(OrderRequest.market("a", AAPL, Side.BUY, 10, TimeInForce.DAY));
        assertEquals(OrderStatus.NEW, submitted.status());
        broker.onBar(AAPL, new Bar(T0 + DAY, 102, 103, 101, 102, 1e6));
        assertEquals(OrderStatus.FILLED, session.blotter().order("a").orElseThrow().status());
        assertEquals(10, session.blotter().position(AAPL).quantity(), 1e-12);
        assertTrue(session.reconcile().isClean());
    }

    @Test
    void anOrderThatCannotBeSentIsRejectedInTheBlotterAndTheErrorRethrown() {
        BrokerSession session = new BrokerSession(paper(0), clock);
        BrokerException e = assertThrows(BrokerException.class, () -> session.submit(limitBuy("a", AAPL, 100)));
        assertEquals(BrokerException.Code.NOT_CONNECTED, e.code());
        assertEquals(OrderStatus.REJECTED, session.blotter().order("a").orElseThrow().status());
    }

    @Test
    void aCancelThatCannotBeSentLeavesTheOrderAsItWas() {
        PaperBroker broker = paper(0);
        BrokerSession session = new BrokerSession(broker, clock);
        session.connect();
        session.submit(limitBuy("a", AAPL, 100));
        broker.disconnect();
        assertThrows(BrokerException.class, () -> session.cancel("a"));
        assertEquals(OrderStatus.NEW, session.blotter().order("a").orElseThrow().status());
    }

    @Test
    void listenersSeeEachEventAfterTheBlotterAppliedIt() {
        PaperBroker broker = paper(0);
        BrokerSession session = new BrokerSession(broker, clock);
        List<OrderStatus> statusesSeen = new ArrayList<>();
        session.addListener(event -> statusesSeen.add(session.blotter().order(event.clientOrderId()).orElseThrow().status()));
        session.connect();
        session.submit(limitBuy("a", AAPL, 100));
        session.cancel("a");
        assertEquals(List.of(OrderStatus.NEW, OrderStatus.CANCELED), statusesSeen);
    }

    @Test
    void cancelAllCancelsEveryWorkingOrderAndNothingElse() {
        PaperBroker broker = paper(0);
        BrokerSession session = new BrokerSession(broker, clock);
        session.connect();
        session.submit(limitBuy("a", AAPL, 90));
        session.submit(limitBuy("b", AAPL, 91));
        session.submit(limitBuy("c", MSFT, 92));
        session.submit(limitBuy("d", MSFT, 93));
        session.cancel("d");
        assertEquals(1, session.cancelAll(MSFT));
        assertEquals(OrderStatus.NEW, session.blotter().order("a").orElseThrow().status());
        assertEquals(2, session.cancelAll());
        for (String id : List.of("a", "b", "c", "d")) {
            assertEquals(OrderStatus.CANCELED, session.blotter().order(id).orElseThrow().status(), id);
        }
        assertTrue(broker.openOrders().isEmpty());
    }

    @Test
    void cancelAllAlsoCancelsVenueOrdersTheBlotterDoesNotKnow() {
        PaperBroker broker = paper(0);
        BrokerSession session = new BrokerSession(broker, clock);
        session.connect();
        broker.submit(limitBuy("manual", AAPL, 90));
        assertEquals(1, session.cancelAll());
        assertTrue(broker.openOrders().isEmpty());
    }

    @Test
    void cancelAllCancelsAnOrderWithAPendingReplaceOnceTheReplaceResolves() {
        PaperBroker broker = paper(1_000);
        BrokerSession session = new BrokerSession(broker, clock);
        session.connect();
        session.submit(limitBuy("a", AAPL, 90));
        session.replace("a", OrderRequest.limit("b", AAPL, Side.BUY, 20, 91, TimeInForce.GTC));
        assertEquals(OrderStatus.PENDING_REPLACE, session.blotter().order("a").orElseThrow().status());
        assertEquals(0, session.cancelAll());
        clock.advanceBy(1_000);
        broker.openOrders(); // the venue processes requests that have arrived
        assertEquals(OrderStatus.REPLACED, session.blotter().order("a").orElseThrow().status());
        assertEquals(OrderStatus.PENDING_CANCEL, session.blotter().order("b").orElseThrow().status());
        clock.advanceBy(1_000);
        broker.openOrders();
        assertEquals(OrderStatus.CANCELED, session.blotter().order("b").orElseThrow().status());
        assertTrue(broker.openOrders().isEmpty());
    }

    @Test
    void closingUnregistersAndDisconnects() {
        PaperBroker broker = paper(0);
        BrokerSession session = new BrokerSession(broker, clock);
        session.connect();
        session.close();
        assertEquals(ConnectionState.DISCONNECTED, broker.connectionState());
        broker.connect();
        broker.submit(limitBuy("x", AAPL, 90));
        assertTrue(session.blotter().orders().isEmpty());
    }
}
