package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    private final OrderTracker tracker = new OrderTracker(1_000);
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
}
