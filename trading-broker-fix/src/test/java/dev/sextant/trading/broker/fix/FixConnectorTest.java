package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderAnomaly;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.broker.ReconciliationReport;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The FIX connector's session behaviour against the simulated exchange: gateway restarts, drops
 * mid-order, sequence gaps, PossDupFlag repeats, connector restarts from the store, cancel
 * rejects, reports for unknown orders, the order types, and the fallbacks for venues without
 * mass status or position requests. Every test ends with no fill lost or doubled.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FixConnectorTest {
    private static final Instrument I = SimulatedExchangeFixture.INSTRUMENT;
    private static final AtomicInteger IDS = new AtomicInteger();

    private SimulatedExchangeFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String id() {
        return "ct" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + IDS.incrementAndGet();
    }

    private EventLog connect(FixConnector c) {
        EventLog log = new EventLog();
        c.addListener(log);
        c.connect();
        return log;
    }

    private FixConnector connector() {
        return (FixConnector) fixture.connector();
    }

    private static String rest(FixConnector c, EventLog log, Side side, double quantity, double price) {
        OrderRequest r = OrderRequest.limit(id(), I, side, quantity, price, TimeInForce.GTC);
        log.blotter.submitted(r, java.time.Instant.now());
        c.submit(r);
        log.await("Accepted of " + r.clientOrderId(), () -> log.count(OrderEvent.Accepted.class, r.clientOrderId()) > 0);
        return r.clientOrderId();
    }

    private static void submit(FixConnector c, EventLog log, OrderRequest r) {
        log.blotter.submitted(r, java.time.Instant.now());
        c.submit(r);
    }

    private static void awaitStatus(EventLog log, String id, OrderStatus status) {
        log.await(id + " " + status, () -> log.blotter.order(id).map(o -> o.status() == status).orElse(false));
    }

    /** The blotter agrees with the venue, and holds exactly the venue's executions, each once. */
    private void assertNoFillLostOrDoubled(FixConnector c, EventLog log) {
        log.await("the blotter to reconcile with the venue", () -> {
            ReconciliationReport r = log.blotter.reconcile(c.openOrders(), c.positions());
            return r.isClean();
        });
        Set<String> venue = fixture.exchange().executions().stream().map(Fill::executionId).collect(Collectors.toSet());
        log.await("every venue execution in the blotter", () -> log.blotter.fills().stream().map(Fill::executionId)
                .collect(Collectors.toSet()).equals(venue));
        double venueQuantity = fixture.exchange().executions().stream().mapToDouble(Fill::signedQuantity).sum();
        double local = log.blotter.fills().stream().mapToDouble(Fill::signedQuantity).sum();
        assertEquals(venueQuantity, local, 1e-9, "signed quantity filled");
        assertEquals(0, log.blotter.anomalyCount(OrderAnomaly.Kind.OVERFILL), "overfills");
    }

    private static void assertEachExecutionOnce(EventLog log) {
        List<String> ids = log.executionIds();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "executions delivered more than once: " + ids);
    }

    @Test
    void resumesAfterTheAcceptorIsKilledMidOrderAndRestarted() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        EventLog log = connect(c);
        String id = rest(c, log, Side.BUY, 10, 95);
        int seen = log.states().size();
        fixture.exchange().stop();
        log.awaitState(ConnectionState.DISCONNECTED, seen);
        fixture.exchange().print(I.symbol(), 95, 4);
        fixture.exchange().start();
        c.connect();
        awaitStatus(log, id, OrderStatus.PARTIALLY_FILLED);
        fixture.exchange().print(I.symbol(), 94, 100);
        awaitStatus(log, id, OrderStatus.FILLED);
        assertEquals(95 * 4 + 94 * 6, log.blotter.order(id).orElseThrow().averageFillPrice() * 10, 1e-6,
                "fills at the prints' prices");
        assertNoFillLostOrDoubled(c, log);
        assertEachExecutionOnce(log);
    }

    @Test
    void deliversTheAcknowledgementLostWhenTheConnectionDroppedMidOrder() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        EventLog log = connect(c);
        fixture.exchange().dropOnNextOrder();
        OrderRequest r = OrderRequest.limit(id(), I, Side.BUY, 10, 90, TimeInForce.GTC);
        submit(c, log, r);
        log.awaitState(ConnectionState.DISCONNECTED, 0);
        assertEquals(0, log.count(OrderEvent.Accepted.class, r.clientOrderId()), "no acknowledgement before the drop");
        c.connect();
        log.await("Accepted after the reconnect", () -> log.count(OrderEvent.Accepted.class, r.clientOrderId()) == 1);
        fixture.exchange().print(I.symbol(), 90, 10);
        awaitStatus(log, r.clientOrderId(), OrderStatus.FILLED);
        assertNoFillLostOrDoubled(c, log);
        assertEquals(0, log.count(OrderEvent.Rejected.class), "the resent order is not booked twice");
    }

    @Test
    void repairsASequenceGapByResendAndGapFill() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        EventLog log = connect(c);
        String id = rest(c, log, Side.BUY, 10, 99);
        fixture.exchange().skipSequenceNumbers(5);
        fixture.exchange().print(I.symbol(), 99, 3);
        fixture.exchange().print(I.symbol(), 99, 7);
        awaitStatus(log, id, OrderStatus.FILLED);
        assertEquals(ConnectionState.CONNECTED, c.connectionState(), "a gap is repaired without dropping the session");
        assertNoFillLostOrDoubled(c, log);
        assertEachExecutionOnce(log);
    }

    @Test
    void ignoresExecutionReportsRepeatedWithPossDupFlag() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        EventLog log = connect(c);
        String id = rest(c, log, Side.BUY, 10, 100);
        fixture.exchange().print(I.symbol(), 100, 4);
        fixture.exchange().print(I.symbol(), 100, 6);
        awaitStatus(log, id, OrderStatus.FILLED);
        int before = log.events().size();
        fixture.exchange().resendLastReports(3);
        // A marker after the repeats: once its acknowledgement is in, the repeats were processed.
        String marker = rest(c, log, Side.BUY, 1, 50);
        assertEquals(before + 1, log.events().size(), "events after the PossDup repeats: only the marker's Accepted");
        assertEquals(1, log.count(OrderEvent.Accepted.class, marker));
        assertEquals(0, log.blotter.anomalyCount(OrderAnomaly.Kind.DUPLICATE_EXECUTION), "repeats reaching the blotter");
        assertNoFillLostOrDoubled(c, log);
        assertEachExecutionOnce(log);
    }

    @Test
    void restartsFromItsPersistedStoreAndReconciles() throws Exception {
        fixture = new SimulatedExchangeFixture();
        FixConnector first = connector();
        EventLog log = connect(first);
        String filled = rest(first, log, Side.BUY, 10, 97);
        String working = rest(first, log, Side.SELL, 5, 130);
        first.close();
        assertTrue(Files.list(first.config().storeDirectory()).findAny().isPresent(), "the store was written");
        fixture.exchange().print(I.symbol(), 97, 100);
        try (FixConnector second = new FixConnector(first.config(), Clock.system())) {
            second.addListener(log);
            second.connect();
            awaitStatus(log, filled, OrderStatus.FILLED);
            assertEquals(OrderStatus.NEW, log.blotter.order(working).orElseThrow().status());
            assertTrue(second.openOrders().stream().anyMatch(o -> o.clientOrderId().equals(working)));
            second.cancel(working);
            awaitStatus(log, working, OrderStatus.CANCELED);
            log.await("reconciled", () -> log.blotter.reconcile(second.openOrders(), second.positions()).isClean());
            Set<String> venue = fixture.exchange().executions().stream().map(Fill::executionId).collect(Collectors.toSet());
            assertEquals(venue, log.blotter.fills().stream().map(Fill::executionId).collect(Collectors.toSet()));
            assertEachExecutionOnce(log);
        }
    }

    @Test
    void deliversFillsThatAResetSessionLostThroughReconciliation() {
        fixture = new SimulatedExchangeFixture(s -> s, b -> b.resetOnLogon(true));
        FixConnector c = connector();
        EventLog log = connect(c);
        String id = rest(c, log, Side.BUY, 10, 98);
        c.disconnect();
        fixture.exchange().print(I.symbol(), 98, 10);
        c.connect();
        awaitStatus(log, id, OrderStatus.FILLED);
        OrderEvent.Execution x = (OrderEvent.Execution) log.events().stream()
                .filter(e -> e instanceof OrderEvent.Execution).findFirst().orElseThrow();
        assertTrue(x.fill().executionId().startsWith("SXR-"), "a reconciliation fill: " + x.fill().executionId());
        assertEquals(98, x.fill().price(), 1e-9, "priced from the venue's AvgPx");
        log.await("reconciled", () -> log.blotter.reconcile(c.openOrders(), c.positions()).isClean());
        assertEquals(10, log.blotter.position(I).quantity(), 1e-9);
    }

    @Test
    void reportsACancelRefusedAsTooLateWithItsReason() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        EventLog log = connect(c);
        String id = rest(c, log, Side.BUY, 10, 80);
        fixture.exchange().rejectNextCancelAsTooLate();
        log.blotter.cancelRequested(id, java.time.Instant.now());
        c.cancel(id);
        log.await("CancelRejected", () -> log.count(OrderEvent.CancelRejected.class, id) == 1);
        OrderEvent.CancelRejected r = (OrderEvent.CancelRejected) log.events().stream()
                .filter(e -> e instanceof OrderEvent.CancelRejected).findFirst().orElseThrow();
        assertEquals(RejectReason.TOO_LATE, r.reason());
        assertEquals("too late to cancel", r.message());
        assertEquals(OrderStatus.NEW, log.blotter.order(id).orElseThrow().status(), "the order works on");
        assertNoFillLostOrDoubled(c, log);
    }

    @Test
    void deliversAReportForAnUnknownOrderSoThatTheBlotterFlagsIt() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        EventLog log = connect(c);
        String ghost = fixture.exchange().reportUnknownOrder(I, Side.BUY, 3, 101);
        log.await("the unknown order's fill", () -> log.count(OrderEvent.Filled.class, ghost) == 1);
        assertEquals(1, log.blotter.anomalyCount(OrderAnomaly.Kind.UNKNOWN_ORDER));
        assertEquals(0, log.count(OrderEvent.Accepted.class, ghost), "no acknowledgement is invented for it");
        assertNoFillLostOrDoubled(c, log);
    }

    @Test
    void acknowledgesEveryOrderBeforeItsFirstFill() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        EventLog log = connect(c);
        fixture.exchange().addLiquidity(I.symbol(), Side.SELL, 10, 100);
        OrderRequest r = OrderRequest.market(id(), I, Side.BUY, 10, TimeInForce.IOC);
        submit(c, log, r);
        awaitStatus(log, r.clientOrderId(), OrderStatus.FILLED);
        List<OrderEvent> mine = log.events().stream().filter(e -> e.clientOrderId().equals(r.clientOrderId())).toList();
        assertTrue(mine.getFirst() instanceof OrderEvent.Accepted, "first event " + mine.getFirst());
    }

    @Test
    void tradesEveryOrderTypeAndTimeInForce() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        EventLog log = connect(c);
        fixture.exchange().addLiquidity(I.symbol(), Side.SELL, 4, 100);
        OrderRequest ioc = OrderRequest.limit(id(), I, Side.BUY, 10, 101, TimeInForce.IOC);
        submit(c, log, ioc);
        awaitStatus(log, ioc.clientOrderId(), OrderStatus.EXPIRED);
        assertEquals(4, log.blotter.order(ioc.clientOrderId()).orElseThrow().filledQuantity(), 1e-9, "IOC fills what is there");
        assertEquals(100, log.blotter.order(ioc.clientOrderId()).orElseThrow().averageFillPrice(), 1e-9);
        fixture.exchange().addLiquidity(I.symbol(), Side.SELL, 4, 100);
        OrderRequest fok = OrderRequest.limit(id(), I, Side.BUY, 10, 101, TimeInForce.FOK);
        submit(c, log, fok);
        awaitStatus(log, fok.clientOrderId(), OrderStatus.EXPIRED);
        assertEquals(0, log.blotter.order(fok.clientOrderId()).orElseThrow().filledQuantity(), 1e-9, "FOK all or nothing");
        OrderRequest stop = OrderRequest.stop(id(), I, Side.BUY, 5, 105, TimeInForce.GTC);
        OrderRequest stopLimit = OrderRequest.stopLimit(id(), I, Side.SELL, 5, 95, 94, TimeInForce.GTC);
        OrderRequest day = OrderRequest.limit(id(), I, Side.BUY, 5, 50, TimeInForce.DAY);
        for (OrderRequest r : List.of(stop, stopLimit, day)) {
            submit(c, log, r);
            log.await("Accepted of " + r.clientOrderId(), () -> log.count(OrderEvent.Accepted.class, r.clientOrderId()) == 1);
        }
        fixture.exchange().print(I.symbol(), 104, 100);
        fixture.exchange().print(I.symbol(), 106, 100);
        awaitStatus(log, stop.clientOrderId(), OrderStatus.FILLED);
        assertEquals(106, log.blotter.order(stop.clientOrderId()).orElseThrow().averageFillPrice(), 1e-9,
                "the stop fills from the print that triggered it");
        fixture.exchange().print(I.symbol(), 93, 100);
        assertEquals(OrderStatus.NEW, log.blotter.order(stopLimit.clientOrderId()).orElseThrow().status(),
                "triggered at 93 but the limit 94 is not reached");
        fixture.exchange().print(I.symbol(), 94.5, 100);
        awaitStatus(log, stopLimit.clientOrderId(), OrderStatus.FILLED);
        assertEquals(94.5, log.blotter.order(stopLimit.clientOrderId()).orElseThrow().averageFillPrice(), 1e-9);
        fixture.exchange().endOfDay();
        awaitStatus(log, day.clientOrderId(), OrderStatus.EXPIRED);
        assertNoFillLostOrDoubled(c, log);
    }

    @Test
    void queriesOrderByOrderAndKeepsItsOwnPositionsWhereTheVenueLacksMassStatusAndPositions() {
        fixture = new SimulatedExchangeFixture(SimulatedExchange.Settings::withoutQueries, b -> b);
        FixConnector c = connector();
        assertFalse(c.config().massStatus());
        EventLog log = connect(c);
        String id = rest(c, log, Side.BUY, 10, 100);
        fixture.exchange().print(I.symbol(), 100, 4);
        awaitStatus(log, id, OrderStatus.PARTIALLY_FILLED);
        log.await("the working order through OrderStatusRequest", () -> c.openOrders().stream()
                .anyMatch(o -> o.clientOrderId().equals(id) && Math.abs(o.filledQuantity() - 4) < 1e-9));
        assertEquals(4, c.positions().getFirst().quantity(), 1e-9, "positions from the delivered fills");
        assertNoFillLostOrDoubled(c, log);
    }

    @Test
    void keepsAnIdleSessionAliveWithHeartbeats() throws Exception {
        fixture = new SimulatedExchangeFixture(s -> s, b -> b.heartbeatSeconds(1));
        FixConnector c = connector();
        EventLog log = connect(c);
        Thread.sleep(2_500);
        assertEquals(ConnectionState.CONNECTED, c.connectionState());
        assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED), log.states(), "no drop while idle");
        String session = "FIX.4.4:" + c.config().senderCompId() + "->" + c.config().targetCompId() + " out: ";
        long heartbeats = Files.readAllLines(java.nio.file.Path.of("target", "fix-tests.log")).stream()
                .filter(l -> l.contains(session) && l.contains("|35=0|")).count();
        assertTrue(heartbeats >= 1, "heartbeats sent by the idle connector: " + heartbeats);
        String id = rest(c, log, Side.BUY, 1, 90);
        assertEquals(1, log.count(OrderEvent.Accepted.class, id), "the session still carries orders");
    }

    @Test
    void refusesRequestsWhileConnectingAndAfterClose() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        fixture.exchange().stop();
        FixConnector slow = new FixConnector(c.config().toBuilder().logonTimeout(java.time.Duration.ofMillis(500)).build(),
                Clock.system());
        BrokerException e = assertThrows(BrokerException.class, slow::connect);
        assertEquals(BrokerException.Code.CONNECTION_FAILED, e.code());
        assertEquals(ConnectionState.DISCONNECTED, slow.connectionState());
        OrderRequest r = OrderRequest.market(id(), I, Side.BUY, 1, TimeInForce.DAY);
        assertEquals(BrokerException.Code.NOT_CONNECTED, assertThrows(BrokerException.class, () -> slow.submit(r)).code());
        slow.close();
        assertEquals(BrokerException.Code.CONNECTION_FAILED, assertThrows(BrokerException.class, slow::connect).code());
    }

    @Test
    void rejectsAReplacementForAnotherSideOrInstrument() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        EventLog log = connect(c);
        String id = rest(c, log, Side.BUY, 10, 90);
        OrderRequest otherSide = OrderRequest.limit(id(), I, Side.SELL, 10, 90, TimeInForce.GTC);
        assertEquals(BrokerException.Code.INVALID_REQUEST,
                assertThrows(BrokerException.class, () -> c.replace(id, otherSide)).code());
        OrderRequest otherInstrument = OrderRequest.limit(id(), Instrument.equity("ZZZ", "fix"), Side.BUY, 10, 90,
                TimeInForce.GTC);
        BrokerException e = assertThrows(BrokerException.class, () -> c.submit(otherInstrument));
        assertEquals(BrokerException.Code.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().contains("ZZZ@fix"), e.getMessage());
    }

    @Test
    void rejectsACancelOfAnOrderItKnowsNothingAboutWithoutInventingItsFields() {
        fixture = new SimulatedExchangeFixture(SimulatedExchange.Settings::withoutQueries, b -> b);
        FixConnector c = connector();
        EventLog log = connect(c);
        c.cancel("ghost-1");
        log.await("CancelRejected", () -> log.count(OrderEvent.CancelRejected.class, "ghost-1") == 1);
        OrderEvent.CancelRejected r = (OrderEvent.CancelRejected) log.events().getFirst();
        assertEquals(RejectReason.UNKNOWN_ORDER, r.reason());
        assertTrue(r.message().contains("ghost-1") && r.message().contains("no cancel sent"), r.message());
        assertEquals(null, fixture.exchange().lastCancelRequest(), "nothing was sent to the venue");
    }

    @Test
    void forgetsFinishedOrdersBeyondTheBoundButRefusesTheirIdsAndCancels() {
        fixture = new SimulatedExchangeFixture(s -> s, b -> b.retainedFinishedOrders(1));
        FixConnector c = connector();
        EventLog log = connect(c);
        List<OrderRequest> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fixture.exchange().addLiquidity(I.symbol(), Side.SELL, 2, 100);
            OrderRequest r = OrderRequest.market(id(), I, Side.BUY, 2, TimeInForce.IOC);
            submit(c, log, r);
            awaitStatus(log, r.clientOrderId(), OrderStatus.FILLED);
            orders.add(r);
        }
        String first = orders.getFirst().clientOrderId();
        BrokerException e = assertThrows(BrokerException.class, () -> c.submit(orders.getFirst()));
        assertEquals(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID, e.code());
        assertTrue(e.getMessage().contains(first + " was already used by an order that finished"), e.getMessage());
        c.cancel(first);
        log.await("CancelRejected", () -> log.count(OrderEvent.CancelRejected.class, first) == 1);
        OrderEvent.CancelRejected r = (OrderEvent.CancelRejected) log.events().getLast();
        assertEquals(RejectReason.UNKNOWN_ORDER, r.reason());
        assertTrue(r.message().contains("no longer held") && r.message().contains("no cancel sent"), r.message());
        assertEquals(null, fixture.exchange().lastCancelRequest(), "nothing was sent to the venue");
        assertNoFillLostOrDoubled(c, log);
        assertEachExecutionOnce(log);
    }

    @Test
    void cancelsAnOrderOfAnEarlierRunWithTheFieldsTheVenueReported() throws Exception {
        fixture = new SimulatedExchangeFixture();
        FixConnector first = connector();
        EventLog log = connect(first);
        String working = rest(first, log, Side.SELL, 5, 130);
        first.close();
        try (FixConnector second = new FixConnector(first.config(), Clock.system())) {
            second.addListener(log);
            second.connect();
            second.cancel(working);
            awaitStatus(log, working, OrderStatus.CANCELED);
            quickfix.Message sent = fixture.exchange().lastCancelRequest();
            assertEquals(I.symbol(), sent.getString(FixMessages.SYMBOL));
            assertEquals('2', sent.getChar(FixMessages.SIDE), "Side of the original sell");
            assertEquals(5, Double.parseDouble(sent.getString(38)), 1e-9, "OrderQty of the original");
        }
    }

    @Test
    void failsConnectWhenReconciliationAfterLogonFails() {
        fixture = new SimulatedExchangeFixture(s -> s, b -> b.requestTimeout(java.time.Duration.ofSeconds(2)));
        fixture.exchange().refuseMassStatus(true);
        FixConnector c = connector();
        BrokerException e = assertThrows(BrokerException.class, c::connect);
        assertEquals(BrokerException.Code.CONNECTION_FAILED, e.code());
        assertTrue(e.getMessage().contains("reconciliation"), e.getMessage());
        assertEquals(ConnectionState.DISCONNECTED, c.connectionState());
    }

    @Test
    void staysDisconnectedAndRetriesWhileReconciliationAfterAReconnectFails() {
        fixture = new SimulatedExchangeFixture(s -> s, b -> b.requestTimeout(java.time.Duration.ofSeconds(2)));
        FixConnector c = connector();
        EventLog log = connect(c);
        fixture.exchange().refuseMassStatus(true);
        int seen = log.states().size();
        fixture.dropConnection();
        log.await("a failed reconciliation reported", () -> log.reasons().stream().skip(seen)
                .anyMatch(r -> r.startsWith("DISCONNECTED: ") && r.contains("reconciliation after logon")));
        assertEquals(ConnectionState.DISCONNECTED, c.connectionState());
        assertFalse(log.states().subList(seen, log.states().size()).contains(ConnectionState.CONNECTED),
                "not CONNECTED while reconciliation fails: " + log.reasons());
        fixture.exchange().refuseMassStatus(false);
        log.awaitState(ConnectionState.CONNECTED, seen);
    }

    @Test
    void forgetsTheRequestsOfFinishedOrdersAndAnsweredCancels() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        EventLog log = connect(c);
        String filled = rest(c, log, Side.BUY, 10, 99);
        fixture.exchange().print(I.symbol(), 99, 10);
        awaitStatus(log, filled, OrderStatus.FILLED);
        String canceled = rest(c, log, Side.BUY, 10, 80);
        c.cancel(canceled);
        awaitStatus(log, canceled, OrderStatus.CANCELED);
        String working = rest(c, log, Side.BUY, 10, 81);
        fixture.exchange().rejectNextCancelAsTooLate();
        c.cancel(working);
        log.await("CancelRejected", () -> log.count(OrderEvent.CancelRejected.class, working) == 1);
        assertEquals(1, c.heldRequests(), "only the working order's request is held");
        OrderRequest again = OrderRequest.limit(filled, I, Side.BUY, 10, 99, TimeInForce.GTC);
        c.submit(again);
        assertEquals(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                assertThrows(BrokerException.class, () -> c.submit(again.withQuantity(20))).code(),
                "a finished order's id stays used");
        assertEquals(1, c.heldRequests());
    }

    @Test
    void asksForPositionsOfTheInjectedClocksBusinessDate() {
        fixture = new SimulatedExchangeFixture();
        FixConnector c = connector();
        try (FixConnector dated = new FixConnector(c.config(),
                Clock.simulated(java.time.Instant.parse("2020-02-03T23:30:00Z")))) {
            dated.connect();
            dated.positions();
            assertEquals("20200203", fixture.exchange().lastPositionsBusinessDate());
        }
    }
}
