package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.MsgType;

/** Every message the connector sends is valid FIX 4.4 (by the FIX44.xml dictionary), with the tags the docs list. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FixMessagesTest {
    private static final Instrument I = Instrument.crypto("BTC/USD", "fix", "USD");
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static DataDictionary dictionary;

    @BeforeAll
    static void loadDictionary() throws ConfigError {
        dictionary = new DataDictionary("FIX44.xml");
    }

    private static void assertValid(Message m) throws Exception {
        dictionary.validate(m, true);
    }

    @Test
    void buildsValidNewOrderSinglesForEveryTypeAndTimeInForce() throws Exception {
        List<OrderRequest> requests = List.of(
                OrderRequest.market("m", I, Side.BUY, 0.00000001, TimeInForce.DAY),
                OrderRequest.limit("l", I, Side.SELL, 1.5, 65_000.25, TimeInForce.GTC),
                OrderRequest.stop("s", I, Side.BUY, 2, 70_000, TimeInForce.IOC),
                OrderRequest.stopLimit("sl", I, Side.SELL, 3, 60_000, 59_900, TimeInForce.FOK));
        for (OrderRequest r : requests) {
            Message m = FixMessages.newOrderSingle(r, "ACC1", NOW);
            assertValid(m);
            assertEquals(r, FixMessages.request(m, r.clientOrderId(), I), "decoded back");
            assertEquals("ACC1", m.getString(FixMessages.ACCOUNT));
        }
        assertEquals("0.00000001", FixMessages.newOrderSingle(requests.getFirst(), "", NOW).getString(38),
                "no exponent in quantities");
    }

    @Test
    void buildsValidCancelReplaceStatusAndQueryRequests() throws Exception {
        OrderRequest r = OrderRequest.limit("c1", I, Side.BUY, 1, 50_000, TimeInForce.GTC);
        assertValid(FixMessages.cancelRequest("x1", "c1", "O1", r, "", NOW));
        assertValid(FixMessages.replaceRequest("c1", "O1", r.withQuantity(2), "", NOW));
        assertValid(FixMessages.orderStatusRequest("s1", "c1", "O1", r, ""));
        assertValid(FixMessages.massStatusRequest("m1", ""));
        assertValid(FixMessages.requestForPositions("p1", "", "20261203", NOW));
        assertValid(FixMessages.collateralInquiry("a1", "ACC"));
        assertEquals(7, FixMessages.massStatusRequest("m1", "").getInt(FixMessages.MASS_STATUS_REQ_TYPE));
    }

    @Test
    void readsAWorkingOrderFromAStatusReportAndSkipsFinishedOnes() throws Exception {
        FixConnectorConfig config = FixConnectorConfig.builder().host("h").port(1).senderCompId("A").targetCompId("B")
                .storeDirectory(Path.of("s")).instrument(I).build();
        Message m = FixMessages.newOrderSingle(OrderRequest.limit("c1", I, Side.BUY, 2, 50_000, TimeInForce.GTC), "", NOW);
        m.getHeader().setString(MsgType.FIELD, MsgType.EXECUTION_REPORT);
        m.setString(FixMessages.ORDER_ID, "O7");
        m.setChar(FixMessages.ORD_STATUS, '1');
        m.setString(FixMessages.CUM_QTY, "0.5");
        m.setString(FixMessages.AVG_PX, "49999");
        Order o = FixMessages.workingOrder(m, config).orElseThrow();
        assertEquals(OrderStatus.PARTIALLY_FILLED, o.status());
        assertEquals("O7", o.venueOrderId());
        assertEquals(0.5, o.filledQuantity());
        m.setChar(FixMessages.ORD_STATUS, '2');
        assertTrue(FixMessages.workingOrder(m, config).isEmpty());
    }

    @Test
    void readsPositionsAccountsAndCancelRejects() throws Exception {
        FixConnectorConfig config = FixConnectorConfig.builder().host("h").port(1).senderCompId("A").targetCompId("B")
                .storeDirectory(Path.of("s")).instrument(I).build();
        Message p = FixMessages.message(MsgType.POSITION_REPORT);
        p.setString(FixMessages.SYMBOL, "BTC/USD");
        p.setString(730, "61000.5");
        Group g = new Group(FixMessages.NO_POSITIONS, FixMessages.POS_TYPE);
        g.setString(FixMessages.LONG_QTY, "0");
        g.setString(FixMessages.SHORT_QTY, "1.25");
        p.addGroup(g);
        var position = FixMessages.position(p, config).orElseThrow();
        assertEquals(-1.25, position.quantity());
        assertEquals(61000.5, position.averagePrice());

        Message a = FixMessages.message(MsgType.COLLATERAL_REPORT);
        a.setString(FixMessages.CASH_OUTSTANDING, "1000");
        a.setString(FixMessages.TOTAL_NET_VALUE, "1500");
        a.setString(FixMessages.MARGIN_EXCESS, "-3");
        assertEquals(new AccountSnapshot("USD", 1000, 1500, 0, NOW), FixMessages.account(a, "USD", NOW));

        Message reject = FixMessages.message(MsgType.ORDER_CANCEL_REJECT);
        reject.setString(FixMessages.CL_ORD_ID, "x1");
        reject.setInt(FixMessages.CXL_REJ_REASON, 1);
        assertEquals(new OrderEvent.CancelRejected("c1", RejectReason.UNKNOWN_ORDER, "", NOW),
                FixMessages.cancelRejected(reject, Map.of("x1", "c1"), NOW), "found through the cancel request's id");
    }

    @Test
    void combinesPositionReportsOfOneInstrumentWithAQuantityWeightedAverageAndSummedPnl() {
        Position a = new Position(I, 2, 100, 5);
        Position b = new Position(I, 6, 120, 7);
        Position both = FixMessages.combine(a, b);
        assertEquals(8, both.quantity(), 1e-12);
        assertEquals((2 * 100 + 6 * 120) / 8.0, both.averagePrice(), 1e-9);
        assertEquals(12, both.realisedPnl(), 1e-12);
        assertEquals(0, FixMessages.combine(new Position(I, 3, 100, 0), new Position(I, -3, 110, 1)).averagePrice(),
                "flat: no average price");
    }
}
