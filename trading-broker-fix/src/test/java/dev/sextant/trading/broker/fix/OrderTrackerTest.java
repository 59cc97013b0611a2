package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.MsgType;

/** ExecutionReport to OrderEvent: the ExecType/OrdStatus table, repeats, lost reports, corrections. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OrderTrackerTest {
    private static final Instrument I = Instrument.equity("SXT", "fix");
    private static final FixConnectorConfig CONFIG = FixConnectorConfig.builder().host("h").port(1).senderCompId("A")
            .targetCompId("B").storeDirectory(Path.of("s")).instrument(I).build();
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    private final OrderTracker tracker = new OrderTracker(1_000, 1_000);
    private final Map<String, OrderRequest> sent = new HashMap<>();

    private static Message report(char execType, char ordStatus, String clOrdId, String execId, double cum, double avg) {
        Message m = FixMessages.message(MsgType.EXECUTION_REPORT);
        m.setString(FixMessages.ORDER_ID, "O1");
        m.setString(FixMessages.CL_ORD_ID, clOrdId);
        m.setString(FixMessages.EXEC_ID, execId);
        m.setChar(FixMessages.EXEC_TYPE, execType);
        m.setChar(FixMessages.ORD_STATUS, ordStatus);
        m.setString(FixMessages.SYMBOL, "SXT");
        m.setChar(FixMessages.SIDE, '1');
        m.setString(FixMessages.ORDER_QTY, "10");
        m.setChar(FixMessages.ORD_TYPE, '2');
        m.setString(FixMessages.PRICE, "100");
        m.setChar(FixMessages.TIME_IN_FORCE, '1');
        m.setString(FixMessages.CUM_QTY, FixMessages.decimal(cum));
        m.setString(FixMessages.LEAVES_QTY, FixMessages.decimal(ordStatus == '2' || ordStatus == '4' ? 0 : 10 - cum));
        m.setString(FixMessages.AVG_PX, FixMessages.decimal(avg));
        return m;
    }

    private static Message trade(char ordStatus, String execId, double last, double lastPx, double cum, double avg) {
        Message m = report('F', ordStatus, "c1", execId, cum, avg);
        m.setString(FixMessages.LAST_QTY, FixMessages.decimal(last));
        m.setString(FixMessages.LAST_PX, FixMessages.decimal(lastPx));
        return m;
    }

    private List<OrderEvent> apply(Message m) throws FieldNotFound {
        return tracker.onExecutionReport(m, CONFIG, sent, NOW);
    }

    private void submitted() {
        OrderRequest r = OrderRequest.limit("c1", I, Side.BUY, 10, 100, TimeInForce.GTC);
        sent.put("c1", r);
        tracker.submitted(r);
    }

    @Test
    void mapsNewPartialFillAndFill() throws FieldNotFound {
        submitted();
        assertInstanceOf(OrderEvent.Accepted.class, apply(report('0', '0', "c1", "e0", 0, 0)).getFirst());
        OrderEvent partial = apply(trade('1', "e1", 4, 99.5, 4, 99.5)).getFirst();
        assertInstanceOf(OrderEvent.PartiallyFilled.class, partial);
        assertEquals(99.5, ((OrderEvent.Execution) partial).fill().price());
        OrderEvent full = apply(trade('2', "e2", 6, 100, 10, 99.8)).getFirst();
        assertInstanceOf(OrderEvent.Filled.class, full);
        assertEquals(6, ((OrderEvent.Execution) full).fill().quantity());
        assertEquals("e2", ((OrderEvent.Execution) full).fill().executionId());
    }

    @Test
    void ignoresARepeatedExecId() throws FieldNotFound {
        submitted();
        apply(report('0', '0', "c1", "e0", 0, 0));
        assertEquals(1, apply(trade('1', "e1", 4, 100, 4, 100)).size());
        Message repeat = trade('1', "e1", 4, 100, 4, 100);
        repeat.getHeader().setBoolean(43, true);
        assertEquals(List.of(), apply(repeat), "a PossDupFlag repeat");
    }

    @Test
    void acknowledgesBeforeTheFirstFillWhenTheVenueSentNoNew() throws FieldNotFound {
        submitted();
        List<OrderEvent> events = apply(trade('2', "e1", 10, 100, 10, 100));
        assertEquals(2, events.size());
        assertInstanceOf(OrderEvent.Accepted.class, events.get(0));
        assertInstanceOf(OrderEvent.Filled.class, events.get(1));
    }

    @Test
    void deliversTheWholeJumpWhenReportsWereLostPricedByAvgPx() throws FieldNotFound {
        submitted();
        apply(report('0', '0', "c1", "e0", 0, 0));
        // Lost: a fill of 4 at 98. This report shows cum 10, avg 99.2, last 6 at 100.
        OrderEvent e = apply(trade('2', "e2", 6, 100, 10, 99.2)).getFirst();
        assertEquals(10, ((OrderEvent.Execution) e).fill().quantity(), 1e-9);
        assertEquals(99.2, ((OrderEvent.Execution) e).fill().price(), 1e-9);
    }

    @Test
    void repairsAFillThatOnlyAStatusReportShows() throws FieldNotFound {
        submitted();
        apply(report('0', '0', "c1", "e0", 0, 0));
        List<OrderEvent> events = apply(report('I', '1', "c1", "s1", 4, 97));
        assertEquals(1, events.size());
        OrderEvent.Execution x = (OrderEvent.Execution) events.getFirst();
        assertEquals("SXR-O1-4", x.fill().executionId());
        assertEquals(97, x.fill().price(), 1e-9);
        assertEquals(List.of(), apply(trade('1', "e1", 4, 97, 4, 97)), "the real report, arriving late, adds nothing");
        assertEquals(List.of(), apply(report('I', '1', "c1", "s2", 4, 97)), "a second status report adds nothing");
    }

    @Test
    void endsAnOrderThatAStatusReportShowsCancelled() throws FieldNotFound {
        submitted();
        apply(report('0', '0', "c1", "e0", 0, 0));
        assertInstanceOf(OrderEvent.Canceled.class, apply(report('I', '4', "c1", "s1", 0, 0)).getFirst());
        assertEquals(List.of(), apply(report('I', '4', "c1", "s2", 0, 0)));
    }

    @Test
    void treatsTheFillsOfAnOrderFromAnEarlierRunAsDelivered() throws FieldNotFound {
        // Not submitted here: a resent report of a fill of 6 on top of 4 delivered by the earlier run.
        OrderEvent e = apply(trade('2', "e2", 6, 100, 10, 99.2)).getFirst();
        assertEquals(6, ((OrderEvent.Execution) e).fill().quantity(), 1e-9);
        assertEquals(100, ((OrderEvent.Execution) e).fill().price(), 1e-9);
    }

    @Test
    void mapsCancelToTheOriginalOrderAndReplaceToTheReplacement() throws FieldNotFound {
        submitted();
        apply(report('0', '0', "c1", "e0", 0, 0));
        Message cancel = report('4', '4', "cx", "e1", 0, 0);
        cancel.setString(FixMessages.ORIG_CL_ORD_ID, "c1");
        assertEquals(new OrderEvent.Canceled("c1", NOW), apply(cancel).getFirst());
        Message replace = report('5', '0', "c2", "e2", 0, 0);
        replace.setString(FixMessages.ORIG_CL_ORD_ID, "c1");
        replace.setString(FixMessages.ORDER_QTY, "20");
        OrderEvent.Replaced r = (OrderEvent.Replaced) apply(replace).getFirst();
        assertEquals("c1", r.clientOrderId());
        assertEquals("c2", r.replacement().clientOrderId());
        assertEquals(20, r.replacement().quantity(), 1e-9);
    }

    @Test
    void mapsRejectAndExpiryWithReasons() throws FieldNotFound {
        Message reject = report('8', '8', "c9", "e1", 0, 0);
        reject.setInt(FixMessages.ORD_REJ_REASON, 3);
        reject.setString(FixMessages.TEXT, "over limit");
        OrderEvent.Rejected r = (OrderEvent.Rejected) apply(reject).getFirst();
        assertEquals(RejectReason.INSUFFICIENT_BUYING_POWER, r.reason());
        assertEquals("over limit", r.message());
        assertInstanceOf(OrderEvent.Expired.class, apply(report('C', 'C', "c8", "e2", 0, 0)).getFirst());
    }

    @Test
    void producesNoEventForPendingStatesAndRefusesCorrectionsAndBusts() throws FieldNotFound {
        submitted();
        for (char pending : new char[] {'A', '6', 'E', '3'}) {
            assertEquals(List.of(), apply(report(pending, '0', "c1", "p" + pending, 0, 0)), "ExecType " + pending);
        }
        apply(trade('1', "e1", 4, 100, 4, 100));
        Message bust = trade('0', "e9", 4, 100, 0, 0);
        bust.setChar(FixMessages.EXEC_TYPE, 'H');
        bust.setString(19, "e1");
        assertEquals(List.of(), apply(bust), "a bust is refused");
        Message correct = trade('1', "e10", 4, 101, 4, 101);
        correct.setChar(FixMessages.EXEC_TYPE, 'G');
        assertEquals(List.of(), apply(correct), "a correction is refused");
    }

    @Test
    void ignoresReportsForUnconfiguredSymbols() throws FieldNotFound {
        Message m = trade('2', "e1", 10, 100, 10, 100);
        m.setString(FixMessages.SYMBOL, "OTHER");
        assertEquals(List.of(), apply(m));
    }

    @Test
    void keepsALedgerOfDeliveredFillsForVenuesWithoutPositions() throws FieldNotFound {
        submitted();
        apply(trade('1', "e1", 4, 100, 4, 100));
        assertEquals(4, tracker.ledgerPositions().getFirst().quantity(), 1e-9);
        assertTrue(tracker.working().stream().anyMatch(w -> w.clientOrderId().equals("c1")));
    }

    // ---------------------------------------------------------------- bounded memory

    private static Message of(Message m, String orderId) {
        m.setString(FixMessages.ORDER_ID, orderId);
        return m;
    }

    private static List<OrderEvent> apply(OrderTracker t, Message m) throws FieldNotFound {
        return t.onExecutionReport(m, CONFIG, Map.of(), NOW);
    }

    private static void submit(OrderTracker t, String id) {
        t.submitted(OrderRequest.limit(id, I, Side.BUY, 10, 100, TimeInForce.GTC));
    }

    private static Set<String> workingIds(OrderTracker t) {
        return t.working().stream().map(OrderTracker.Working::clientOrderId).collect(Collectors.toSet());
    }

    @Test
    void evictsTheOldestFinishedOrdersAndKeepsEveryWorkingOne() throws FieldNotFound {
        OrderTracker t = new OrderTracker(1_000, 2);
        for (int i = 1; i <= 3; i++) {
            submit(t, "w" + i);
            apply(t, of(report('0', '0', "w" + i, "ew" + i, 0, 0), "OW" + i));
        }
        for (int i = 1; i <= 5; i++) {
            submit(t, "f" + i);
            Message fill = of(report('F', '2', "f" + i, "ef" + i, 10, 100), "OF" + i);
            fill.setString(FixMessages.LAST_QTY, "10");
            fill.setString(FixMessages.LAST_PX, "100");
            assertInstanceOf(OrderEvent.Filled.class, apply(t, fill).getLast());
        }
        assertEquals(Set.of("w1", "w2", "w3"), workingIds(t));
        assertEquals(2, t.heldFinishedOrders());
        assertEquals(5, t.heldOrders(), "three working and the two newest finished orders");
        assertEquals(2, t.heldChains(), "only the held filled orders keep fill totals; the evicted ones' went with them");
        assertNull(t.request("f3"));
        assertTrue(t.evicted("f3"));
        assertFalse(t.evicted("f4"));
        assertEquals("f4", t.request("f4").clientOrderId());
        assertEquals(50, t.ledgerPositions().getFirst().quantity(), 1e-9, "the ledger keeps every delivered fill");
    }

    @Test
    void aLateReportOfAnEvictedOrderIsIgnoredNotDeliveredAgain() throws FieldNotFound {
        OrderTracker t = new OrderTracker(1_000, 1);
        submit(t, "c1");
        apply(t, of(report('0', '0', "c1", "e0", 0, 0), "O1"));
        // Reconciliation delivers the fill the session missed, under a synthesised ExecID.
        List<OrderEvent> repaired = apply(t, of(report('I', '2', "c1", "s1", 10, 100), "O1"));
        assertEquals("SXR-O1-10", ((OrderEvent.Execution) repaired.getFirst()).fill().executionId());
        submit(t, "c2");
        apply(t, of(report('8', '8', "c2", "e2", 0, 0), "O2"));
        assertTrue(t.evicted("c1"), "c2 finishing pushed c1 out");
        // The venue's own fill report, arriving late: not an order of an earlier run, not a second fill.
        Message late = of(report('F', '2', "c1", "e1", 10, 100), "O1");
        late.setString(FixMessages.LAST_QTY, "10");
        late.setString(FixMessages.LAST_PX, "100");
        assertEquals(List.of(), apply(t, late));
        Message lateCancel = of(report('4', '4', "cx", "e3", 10, 100), "O1");
        lateCancel.setString(FixMessages.ORIG_CL_ORD_ID, "c1");
        assertEquals(List.of(), apply(t, lateCancel));
        assertEquals(List.of(), apply(t, of(report('I', '2', "c1", "s2", 10, 100), "O1")));
        assertEquals(10, t.ledgerPositions().getFirst().quantity(), 1e-9, "the fill was delivered once");
        assertNull(t.request("c1"), "the evicted order stays evicted");
        assertEquals(1, t.heldOrders());
    }

    @Test
    void aReplacementKeepsTheFillTotalsOfTheOrderItReplacedWhenThatOneIsEvicted() throws FieldNotFound {
        OrderTracker t = new OrderTracker(1_000, 1);
        submit(t, "c1");
        apply(t, of(report('0', '0', "c1", "e0", 0, 0), "O1"));
        Message part = of(report('F', '1', "c1", "e1", 4, 100), "O1");
        part.setString(FixMessages.LAST_QTY, "4");
        part.setString(FixMessages.LAST_PX, "100");
        apply(t, part);
        Message replace = of(report('5', '0', "c2", "e2", 4, 100), "O1");
        replace.setString(FixMessages.ORIG_CL_ORD_ID, "c1");
        apply(t, replace);
        submit(t, "c3");
        apply(t, of(report('8', '8', "c3", "e3", 0, 0), "O3"));
        assertTrue(t.evicted("c1"));
        // The replacement's fill report shows CumQty 10 of the chain: 6 are new, 4 were delivered on c1.
        Message fill = of(report('F', '2', "c2", "e4", 10, 100), "O1");
        fill.setString(FixMessages.LAST_QTY, "6");
        fill.setString(FixMessages.LAST_PX, "100");
        OrderEvent.Execution x = (OrderEvent.Execution) apply(t, fill).getLast();
        assertEquals(6, x.fill().quantity(), 1e-9);
    }

    /** One step of a random order flow: what happens to order {@code order} of a small pool. */
    record Step(int order, char event) {
    }

    @Provide
    Arbitrary<List<Step>> flows() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 24),
                Arbitraries.of('N', 'P', 'F', 'C', 'R')).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 200, seed = "20261203")
    void neverHoldsMoreThanTheBoundOfFinishedOrdersPlusTheWorkingOnes(@ForAll("flows") List<Step> flow,
            @ForAll @IntRange(min = 1, max = 6) int bound) throws FieldNotFound {
        OrderTracker t = new OrderTracker(1_000, bound);
        Set<String> submitted = new HashSet<>();
        Set<String> finished = new HashSet<>();
        Map<String, Integer> cum = new HashMap<>();
        int execs = 0;
        for (Step s : flow) {
            String id = "c" + s.order();
            String orderId = "O" + s.order();
            if (submitted.add(id)) {
                submit(t, id);
                apply(t, of(report('0', '0', id, "x" + execs++, 0, 0), orderId));
            }
            int done = cum.getOrDefault(id, 0);
            Message m = switch (s.event()) {
                case 'N' -> of(report('0', '0', id, "x" + execs++, done, 100), orderId);
                case 'P', 'F' -> {
                    int now = s.event() == 'F' || done >= 9 ? 10 : done + 1;
                    Message f = of(report('F', now == 10 ? '2' : '1', id, "x" + execs++, now, 100), orderId);
                    f.setString(FixMessages.LAST_QTY, FixMessages.decimal(Math.max(0, now - done)));
                    f.setString(FixMessages.LAST_PX, "100");
                    if (!finished.contains(id)) {
                        cum.put(id, now);
                        if (now == 10) {
                            finished.add(id);
                        }
                    }
                    yield f;
                }
                case 'C' -> {
                    Message c = of(report('4', '4', "k" + execs, "x" + execs++, done, 100), orderId);
                    c.setString(FixMessages.ORIG_CL_ORD_ID, id);
                    finished.add(id);
                    yield c;
                }
                default -> {
                    finished.add(id);
                    yield of(report('8', '8', id, "x" + execs++, done, 100), orderId);
                }
            };
            apply(t, m);
            Set<String> working = new HashSet<>(submitted);
            working.removeAll(finished);
            assertEquals(working, workingIds(t), "every working order is kept, and only those are working");
            assertTrue(t.heldFinishedOrders() <= bound, t.heldFinishedOrders() + " finished orders held, bound " + bound);
            assertEquals(working.size() + t.heldFinishedOrders(), t.heldOrders());
            assertTrue(t.heldChains() <= t.heldOrders(), t.heldChains() + " chains for " + t.heldOrders() + " orders");
        }
    }
}
