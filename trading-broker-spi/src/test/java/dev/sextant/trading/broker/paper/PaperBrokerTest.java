package dev.sextant.trading.broker.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeInForce;
import dev.sextant.trading.core.Trade;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.core.io.TradeCsvReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PaperBrokerTest {
    private static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");
    private static final Instrument BTC = Instrument.crypto("BTC/USD", "BITSTAMP", "USD");
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_704_153_600_000L; // 2024-01-02T00:00Z

    private final SimulatedClock clock = new SimulatedClock(T0);
    private final List<Object> events = new ArrayList<>();
    private final BrokerListener recorder = new BrokerListener() {
        @Override
        public void onOrderEvent(OrderEvent event) {
            events.add(event);
        }

        @Override
        public void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
            events.add(current);
        }
    };

    private PaperBroker broker(PaperBrokerConfig config) {
        PaperBroker b = new PaperBroker(config, clock);
        b.addListener(recorder);
        b.connect();
        events.clear();
        return b;
    }

    private PaperBroker broker() {
        return broker(PaperBrokerConfig.builder().initialCash(1_000_000).build());
    }

    /** Feeds a bar at minute {@code i}, after moving the clock to its close. */
    private static void bar(PaperBroker b, SimulatedClock clock, int i, double o, double h, double l, double c, double v) {
        long open = T0 + i * MINUTE;
        b.onBar(AAPL, new Bar(open, o, h, l, c, v));
        clock.advanceTo(Math.max(clock.millis(), open + MINUTE));
    }

    private void bar(PaperBroker b, int i, double o, double h, double l, double c, double v) {
        bar(b, clock, i, o, h, l, c, v);
    }

    private List<Fill> fills() {
        List<Fill> list = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof OrderEvent.Execution x) {
                list.add(x.fill());
            }
        }
        return list;
    }

    private <T> T last(Class<T> type) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (type.isInstance(events.get(i))) {
                return type.cast(events.get(i));
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + events);
    }

    @Test
    void aMarketOrderFillsAtTheOpenOfTheNextBarNotTheOneAlreadySeen() {
        PaperBroker b = broker();
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.market("m", AAPL, Side.BUY, 10, TimeInForce.DAY));
        assertInstanceOf(OrderEvent.Accepted.class, events.getFirst());
        assertTrue(fills().isEmpty());
        bar(b, 1, 102, 103, 101, 102.5, 1e6);
        Fill f = fills().getFirst();
        assertEquals(102, f.price());
        assertEquals(10, f.quantity());
        assertEquals(T0 + MINUTE, f.time().toEpochMilli());
        assertInstanceOf(OrderEvent.Filled.class, events.getLast());
        assertEquals(10, b.positions().getFirst().quantity());
        assertEquals(1_000_000 - 10 * 102 + 10 * 102.5, b.account().equity(), 1e-6);
    }

    @Test
    void neverFillsOnABarSeenBeforeSubmissionEvenIfTheClockLags() {
        PaperBroker b = broker();
        b.onBar(AAPL, new Bar(T0, 100, 101, 99, 100, 1e6)); // clock still at the bar's open time
        b.submit(OrderRequest.market("m", AAPL, Side.BUY, 10, TimeInForce.GTC));
        assertTrue(fills().isEmpty());
        b.onBar(AAPL, new Bar(T0 + MINUTE, 103, 104, 102, 103, 1e6));
        assertEquals(103, fills().getFirst().price());
    }

    @Test
    void aBuyLimitFillsAtItsPriceWhenTheRangeReachesItAndAtTheOpenOnAGap() {
        PaperBroker b = broker();
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.limit("l1", AAPL, Side.BUY, 5, 98.5, TimeInForce.GTC));
        b.submit(OrderRequest.limit("l2", AAPL, Side.BUY, 5, 97, TimeInForce.GTC));
        bar(b, 1, 99.5, 100, 98, 99, 1e6);
        assertEquals(1, fills().size());
        assertEquals(98.5, fills().getFirst().price());
        bar(b, 2, 96, 97.5, 95, 97, 1e6);
        assertEquals(96, fills().get(1).price(), "gap below the limit fills at the open");
    }

    @Test
    void aSellLimitAndASellStopMirrorTheBuySide() {
        PaperBroker b = broker();
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.limit("sl", AAPL, Side.SELL, 5, 101.5, TimeInForce.GTC));
        b.submit(OrderRequest.stop("ss", AAPL, Side.SELL, 5, 98.2, TimeInForce.GTC));
        bar(b, 1, 100, 102, 98, 99, 1e6);
        List<Fill> f = fills();
        assertEquals(2, f.size());
        assertEquals(101.5, f.stream().filter(x -> x.clientOrderId().equals("sl")).findFirst().orElseThrow().price());
        assertEquals(98.2, f.stream().filter(x -> x.clientOrderId().equals("ss")).findFirst().orElseThrow().price());
    }

    @Test
    void aBuyStopTriggersAtItsPriceOrAtTheOpenOnAGap() {
        PaperBroker b = broker();
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.stop("s1", AAPL, Side.BUY, 5, 101.5, TimeInForce.GTC));
        b.submit(OrderRequest.stop("s2", AAPL, Side.BUY, 5, 104, TimeInForce.GTC));
        bar(b, 1, 100.5, 102, 100, 101.8, 1e6);
        assertEquals(101.5, fills().getFirst().price());
        assertEquals(1, fills().size());
        bar(b, 2, 105, 106, 104.5, 105.5, 1e6);
        assertEquals(105, fills().get(1).price(), "gap above the stop fills at the open");
    }

    @Test
    void aStopLimitWhoseLimitIsNotReachedAfterTheTriggerWorksAsALimitAfterwards() {
        PaperBroker b = broker();
        bar(b, 0, 100, 101, 99, 100, 1e6);
        // Buy stop 102 limit 101: the bar closes up (path O-L-H-C), so after the high triggers the stop
        // the price only falls to the close 101.5, above the limit.
        b.submit(OrderRequest.stopLimit("sl", AAPL, Side.BUY, 5, 102, 101, TimeInForce.GTC));
        bar(b, 1, 100.5, 103, 100.2, 101.5, 1e6);
        assertTrue(fills().isEmpty());
        bar(b, 2, 101.4, 101.6, 100.8, 101.2, 1e6);
        assertEquals(101, fills().getFirst().price());
    }

    @Test
    void aStopLimitFillsInTheSameBarWhenThePathComesBackToTheLimit() {
        PaperBroker b = broker();
        bar(b, 0, 100, 101, 99, 100, 1e6);
        // The bar closes down (path O-H-L-C): after the high triggers the stop the low reaches the limit.
        b.submit(OrderRequest.stopLimit("sl", AAPL, Side.BUY, 5, 102, 101, TimeInForce.GTC));
        bar(b, 1, 100.5, 103, 100.2, 100.4, 1e6);
        assertEquals(101, fills().getFirst().price());
    }

    @Test
    void chargesHalfTheSpreadTheSlippageAndTheCommission() {
        CostModel cost = new CostModel(20, 10, 0, 1, 0);
        PaperBroker b = broker(PaperBrokerConfig.builder().initialCash(1_000_000).costModel(cost)
                .slippage(Slippage.bps(5)).build());
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.market("m", AAPL, Side.BUY, 100, TimeInForce.DAY));
        bar(b, 1, 100, 101, 99, 100, 1e6);
        Fill f = fills().getFirst();
        assertEquals(100.15, f.price(), 1e-9, "100 + 10 bps half spread + 5 bps slippage");
        assertEquals(100 * 100.15 * 10 / 10_000, f.fee(), 1e-9);
        Portfolio p = b.portfolio();
        assertEquals(1_000_000 - 100 * 100.15 - f.fee(), p.cash(), 1e-6);
    }

    @Test
    void aMarketableLimitPaysCostsOnlyUpToItsLimit() {
        PaperBroker b = broker(PaperBrokerConfig.builder().initialCash(1_000_000).slippage(Slippage.bps(50)).build());
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.limit("l", AAPL, Side.BUY, 10, 100.2, TimeInForce.DAY));
        bar(b, 1, 100, 101, 99, 100, 1e6);
        assertEquals(100.2, fills().getFirst().price(), 1e-9);
    }

    @Test
    void volumeShareSlippageGrowsWithTheShareOfVolumeTaken() {
        PaperBroker b = broker(PaperBrokerConfig.builder().initialCash(1_000_000)
                .slippage(Slippage.volumeShare(100)).build());
        bar(b, 0, 100, 101, 99, 100, 1_000);
        b.submit(OrderRequest.market("small", AAPL, Side.SELL, 100, TimeInForce.DAY));
        bar(b, 1, 100, 101, 99, 100, 1_000);
        b.submit(OrderRequest.market("big", AAPL, Side.BUY, 500, TimeInForce.DAY));
        bar(b, 2, 100, 101, 99, 100, 1_000);
        assertEquals(99.9, fills().get(0).price(), 1e-9, "10% of volume: 10 bps below");
        assertEquals(100.5, fills().get(1).price(), 1e-9, "50% of volume: 50 bps above");
    }

    @Test
    void squareRootImpactUsesTheBarsRangeAndVolume() {
        CostModel cost = new CostModel(0, 0, 0, 0, 1.0);
        PaperBroker b = broker(PaperBrokerConfig.builder().initialCash(1_000_000).costModel(cost).build());
        bar(b, 0, 100, 101, 99, 100, 10_000);
        b.submit(OrderRequest.market("m", AAPL, Side.BUY, 100, TimeInForce.DAY));
        bar(b, 1, 100, 102, 98, 100, 10_000);
        // impact = 1.0 * (4 / 100) * sqrt(100 / 10000) * 100 * 100 = 40, i.e. 0.40 per unit
        assertEquals(100.4, fills().getFirst().price(), 1e-9);
    }

    @Test
    void partialFillsAreCappedByTheParticipationInTheBarsVolume() {
        PaperBroker b = broker(PaperBrokerConfig.builder().initialCash(1_000_000).maxParticipation(0.5).build());
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.market("m", AAPL, Side.BUY, 100, TimeInForce.GTC));
        bar(b, 1, 100, 101, 99, 100, 60);
        bar(b, 2, 100, 101, 99, 100, 60);
        bar(b, 3, 100, 101, 99, 100, 200);
        List<Fill> f = fills();
        assertEquals(List.of(30.0, 30.0, 40.0), f.stream().map(Fill::quantity).toList());
        assertInstanceOf(OrderEvent.PartiallyFilled.class, events.get(1));
        assertInstanceOf(OrderEvent.Filled.class, events.getLast());
    }

    @Test
    void ordersShareTheParticipationCapInArrivalOrder() {
        PaperBroker b = broker();
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.market("first", AAPL, Side.BUY, 70, TimeInForce.GTC));
        b.submit(OrderRequest.market("second", AAPL, Side.BUY, 70, TimeInForce.GTC));
        bar(b, 1, 100, 101, 99, 100, 100);
        assertEquals(70, fills().get(0).quantity());
        assertEquals("second", fills().get(1).clientOrderId());
        assertEquals(30, fills().get(1).quantity());
    }

    @Test
    void aZeroVolumeBarFillsNothingUnlessTheCapIsOff() {
        PaperBroker capped = broker();
        bar(capped, 0, 100, 101, 99, 100, 1e6);
        capped.submit(OrderRequest.market("m", AAPL, Side.BUY, 10, TimeInForce.GTC));
        bar(capped, 1, 100, 100, 100, 100, 0);
        assertTrue(fills().isEmpty());

        SimulatedClock other = new SimulatedClock(T0);
        PaperBroker uncapped = new PaperBroker(PaperBrokerConfig.builder()
                .maxParticipation(PaperBrokerConfig.NO_PARTICIPATION_CAP).build(), other);
        List<Fill> got = new ArrayList<>();
        uncapped.addListener(e -> {
            if (e instanceof OrderEvent.Execution x) {
                got.add(x.fill());
            }
        });
        uncapped.connect();
        bar(uncapped, other, 0, 100, 101, 99, 100, 1e6);
        uncapped.submit(OrderRequest.market("m", AAPL, Side.BUY, 10, TimeInForce.GTC));
        bar(uncapped, other, 1, 100, 100, 100, 100, 0);
        assertEquals(10, got.getFirst().quantity());
    }

    @Test
    void rejectsAnOrderBeyondBuyingPowerCountingWhatWorkingOrdersReserve() {
        PaperBroker b = broker(PaperBrokerConfig.builder().initialCash(10_000).build());
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.limit("a", AAPL, Side.BUY, 60, 100, TimeInForce.GTC));
        assertInstanceOf(OrderEvent.Accepted.class, events.getLast());
        assertEquals(4_000, b.account().buyingPower(), 1e-6);
        b.submit(OrderRequest.limit("b", AAPL, Side.BUY, 50, 100, TimeInForce.GTC));
        OrderEvent.Rejected r = last(OrderEvent.Rejected.class);
        assertEquals("b", r.clientOrderId());
        assertEquals(RejectReason.INSUFFICIENT_BUYING_POWER, r.reason());
        assertTrue(r.message().contains("5000.00 USD") && r.message().contains("4000.00"), r.message());
    }

    @Test
    void anOrderThatReducesThePositionNeedsNoBuyingPowerAndLeverageRaisesIt() {
        PaperBroker b = broker(PaperBrokerConfig.builder().initialCash(10_000).leverage(2).build());
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.market("a", AAPL, Side.BUY, 200, TimeInForce.GTC));
        bar(b, 1, 100, 101, 99, 100, 1e6);
        assertEquals(200, b.positions().getFirst().quantity());
        b.submit(OrderRequest.market("close", AAPL, Side.SELL, 200, TimeInForce.GTC));
        assertInstanceOf(OrderEvent.Accepted.class, events.getLast());
    }

    @Test
    void rejectsAMarketOrderBeforeAnyPriceAndOrdersOffTheGrid() {
        PaperBroker b = broker();
        b.submit(OrderRequest.market("m", AAPL, Side.BUY, 1, TimeInForce.DAY));
        assertEquals(RejectReason.NO_MARKET_DATA, last(OrderEvent.Rejected.class).reason());
        b.submit(OrderRequest.limit("q", AAPL, Side.BUY, 1.5, 100, TimeInForce.DAY));
        assertTrue(last(OrderEvent.Rejected.class).message().contains("lot size"));
        b.submit(OrderRequest.limit("p", AAPL, Side.BUY, 1, 100.005, TimeInForce.DAY));
        assertTrue(last(OrderEvent.Rejected.class).message().contains("tick size"));
    }

    @Test
    void dayOrdersExpireOnTheNextDayGtcOrdersStay() {
        PaperBroker b = broker();
        b.onBar(AAPL, new Bar(T0, 100, 101, 99, 100, 1e6));
        clock.advanceTo(T0 + DAY);
        b.submit(OrderRequest.limit("day", AAPL, Side.BUY, 1, 50, TimeInForce.DAY));
        b.submit(OrderRequest.limit("gtc", AAPL, Side.BUY, 1, 50, TimeInForce.GTC));
        b.onBar(AAPL, new Bar(T0 + DAY, 100, 101, 99, 100, 1e6));
        assertEquals(2, b.openOrders().size());
        b.onBar(AAPL, new Bar(T0 + 2 * DAY, 100, 101, 99, 100, 1e6));
        assertEquals("day", last(OrderEvent.Expired.class).clientOrderId());
        assertEquals(List.of("gtc"), b.openOrders().stream().map(Order::clientOrderId).toList());
    }

    @Test
    void iocFillsWhatItCanAndExpiresTheRest() {
        PaperBroker b = broker();
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.market("ioc", AAPL, Side.BUY, 100, TimeInForce.IOC));
        bar(b, 1, 100, 101, 99, 100, 40);
        assertEquals(40, fills().getFirst().quantity());
        assertEquals("ioc", last(OrderEvent.Expired.class).clientOrderId());
        assertTrue(b.openOrders().isEmpty());
    }

    @Test
    void fokFillsCompletelyOrNotAtAll() {
        PaperBroker b = broker();
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.market("fok1", AAPL, Side.BUY, 100, TimeInForce.FOK));
        bar(b, 1, 100, 101, 99, 100, 40);
        assertTrue(fills().isEmpty());
        assertEquals("fok1", last(OrderEvent.Expired.class).clientOrderId());
        b.submit(OrderRequest.market("fok2", AAPL, Side.BUY, 100, TimeInForce.FOK));
        bar(b, 2, 100, 101, 99, 100, 400);
        assertEquals(100, fills().getFirst().quantity());
    }

    @Test
    void latencyDelaysEligibilityAndLetsAFillBeatACancel() {
        PaperBroker b = broker(PaperBrokerConfig.builder().initialCash(1_000_000).latencyMillis(30_000).build());
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.limit("l", AAPL, Side.BUY, 10, 99.5, TimeInForce.GTC));
        // Arrives 30 s after the clock (minute 1 + 30 s): misses the bar opening at minute 1.
        b.onBar(AAPL, new Bar(T0 + MINUTE, 100, 101, 99, 100, 1e6));
        assertTrue(fills().isEmpty());
        clock.advanceTo(T0 + 2 * MINUTE);
        b.cancel("l"); // arrives at minute 2 + 30 s, after the next bar opens
        b.onBar(AAPL, new Bar(T0 + 2 * MINUTE, 100, 100, 99, 99.6, 1e6));
        assertEquals(99.5, fills().getFirst().price());
        clock.advanceTo(T0 + 3 * MINUTE);
        b.openOrders();
        OrderEvent.CancelRejected r = last(OrderEvent.CancelRejected.class);
        assertEquals(RejectReason.TOO_LATE, r.reason());
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOtherLatencies() {
        List<String> a = runJittered(7);
        List<String> b = runJittered(7);
        List<String> c = runJittered(8);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    private static List<String> runJittered(long seed) {
        SimulatedClock clock = new SimulatedClock(T0 + MINUTE);
        PaperBroker broker = new PaperBroker(PaperBrokerConfig.builder().initialCash(1_000_000)
                .latencyJitterMillis(59_999).seed(seed).build(), clock);
        List<String> seen = new ArrayList<>();
        broker.addListener(e -> seen.add(e.toString()));
        broker.connect();
        broker.onBar(AAPL, new Bar(T0, 100, 101, 99, 100, 1e6));
        for (int i = 0; i < 20; i++) {
            broker.submit(OrderRequest.market("m" + i, AAPL, Side.BUY, 1, TimeInForce.GTC));
        }
        // Bars every 10 s: each order fills on the first bar at or after its jittered arrival.
        for (int k = 1; k <= 8; k++) {
            broker.onBar(AAPL, new Bar(T0 + MINUTE + k * 10_000L, 100 + k, 101 + k, 99 + k, 100 + k, 1e6));
        }
        return seen;
    }

    @Test
    void holdsEventsWhileDisconnectedAndDeliversThemOnReconnect() {
        PaperBroker b = broker();
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.limit("l", AAPL, Side.BUY, 10, 99, TimeInForce.GTC));
        b.simulateConnectionLoss("cable cut");
        assertEquals(ConnectionState.DISCONNECTED, events.getLast());
        assertEquals(BrokerException.Code.NOT_CONNECTED, assertThrows(BrokerException.class,
                () -> b.submit(OrderRequest.market("x", AAPL, Side.BUY, 1, TimeInForce.DAY))).code());
        assertThrows(BrokerException.class, b::openOrders);
        bar(b, 1, 100, 100, 98, 99, 1e6);
        assertTrue(fills().isEmpty(), "held while disconnected");
        assertEquals(10, b.portfolio().position(AAPL).quantity(), "the venue kept matching");
        b.connect();
        assertEquals(ConnectionState.CONNECTED, events.get(events.size() - 2));
        assertEquals(99, fills().getFirst().price());
    }

    @Test
    void resubmittingTheSameRequestIsIgnoredAndReusingItsIdIsRefused() {
        PaperBroker b = broker();
        OrderRequest r = OrderRequest.limit("l", AAPL, Side.BUY, 10, 99, TimeInForce.GTC);
        b.submit(r);
        b.submit(r);
        assertEquals(1, events.size());
        assertEquals(1, b.openOrders().size());
        BrokerException e = assertThrows(BrokerException.class, () -> b.submit(r.withQuantity(11)));
        assertEquals(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID, e.code());
    }

    @Test
    void rejectsCancelsOfUnknownAndFinishedOrders() {
        PaperBroker b = broker();
        b.cancel("ghost");
        assertEquals(RejectReason.UNKNOWN_ORDER, last(OrderEvent.CancelRejected.class).reason());
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.market("m", AAPL, Side.BUY, 1, TimeInForce.DAY));
        bar(b, 1, 100, 101, 99, 100, 1e6);
        b.cancel("m");
        assertEquals(RejectReason.TOO_LATE, last(OrderEvent.CancelRejected.class).reason());
    }

    @Test
    void replacesAWorkingOrderCarryingItsFilledQuantity() {
        PaperBroker b = broker(PaperBrokerConfig.builder().initialCash(1_000_000).maxParticipation(0.1).build());
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.limit("a", AAPL, Side.BUY, 100, 99.5, TimeInForce.GTC));
        bar(b, 1, 100, 100, 99, 99.5, 300);
        assertEquals(30, fills().getFirst().quantity());
        OrderRequest r = OrderRequest.limit("b", AAPL, Side.BUY, 50, 99.8, TimeInForce.GTC);
        b.replace("a", r);
        OrderEvent.Replaced replaced = last(OrderEvent.Replaced.class);
        assertEquals(r, replaced.replacement());
        Order working = b.openOrders().getFirst();
        assertEquals("b", working.clientOrderId());
        assertEquals(30, working.filledQuantity());
        assertEquals(OrderStatus.PARTIALLY_FILLED, working.status());
        bar(b, 2, 99.9, 100, 99.7, 99.9, 1e6);
        assertEquals(20, fills().getLast().quantity());
        assertInstanceOf(OrderEvent.Filled.class, events.getLast());
    }

    @Test
    void refusesAReplaceBelowTheFilledQuantityOrForAnotherSide() {
        PaperBroker b = broker(PaperBrokerConfig.builder().initialCash(1_000_000).maxParticipation(0.1).build());
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.limit("a", AAPL, Side.BUY, 100, 99.5, TimeInForce.GTC));
        bar(b, 1, 100, 100, 99, 99.5, 300);
        b.replace("a", OrderRequest.limit("b", AAPL, Side.BUY, 30, 99.5, TimeInForce.GTC));
        assertEquals(RejectReason.INVALID_ORDER, last(OrderEvent.CancelRejected.class).reason());
        assertEquals(BrokerException.Code.INVALID_REQUEST, assertThrows(BrokerException.class,
                () -> b.replace("a", OrderRequest.limit("c", AAPL, Side.SELL, 100, 99.5, TimeInForce.GTC))).code());
    }

    @Test
    void refusesMarketDataThatGoesBackInTime() {
        PaperBroker b = broker();
        b.onBar(AAPL, new Bar(T0 + MINUTE, 100, 101, 99, 100, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.onBar(AAPL, new Bar(T0 + MINUTE, 100, 101, 99, 100.5, 1)));
        assertTrue(e.getMessage().contains("AAPL@XNAS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.onBar(AAPL, new Bar(T0, 100, 101, 99, 100, 1)));
        b.onTrade(BTC, new Trade(T0, 40_000, 1));
        b.onTrade(BTC, new Trade(T0, 40_001, 1));
        assertThrows(IllegalArgumentException.class, () -> b.onTrade(BTC, new Trade(T0 - 1, 40_000, 1)));
    }

    @Test
    void theSameBarDeliveredTwiceIsProcessedOnce() {
        PaperBroker b = broker();
        b.onBar(AAPL, new Bar(T0, 100, 101, 99, 100, 1_000));
        b.submit(OrderRequest.market("m1", AAPL, Side.BUY, 10, TimeInForce.GTC));
        Bar next = new Bar(T0 + MINUTE, 102, 103, 101, 102, 1_000);
        b.onBar(AAPL, next);
        int afterFirst = events.size();
        b.onBar(AAPL, next);
        assertTrue(events.stream().anyMatch(e -> e instanceof OrderEvent.Filled), events.toString());
        assertEquals(afterFirst, events.size(), "no event from the repeated bar");
        assertEquals(10, b.portfolio().position(AAPL).quantity(), 0);
    }

    @Test
    void aListenerMaySubmitFromACallbackAndEventsStayInOrder() {
        PaperBroker b = broker();
        b.addListener(e -> {
            if (e instanceof OrderEvent.Filled f && f.clientOrderId().equals("entry")) {
                b.submit(OrderRequest.limit("exit", AAPL, Side.SELL, 10, 110, TimeInForce.GTC));
            }
        });
        bar(b, 0, 100, 101, 99, 100, 1e6);
        b.submit(OrderRequest.market("entry", AAPL, Side.BUY, 10, TimeInForce.DAY));
        bar(b, 1, 100, 101, 99, 100, 1e6);
        assertEquals(List.of("entry", "entry", "exit"),
                events.stream().map(e -> ((OrderEvent) e).clientOrderId()).toList());
        assertInstanceOf(OrderEvent.Accepted.class, events.getLast());
    }

    @Test
    void buyAndHoldOnAppleDailyBarsFillsAtTheSecondOpenAndEndsAtTheLastClose() throws Exception {
        BarSeries bars = BarCsvReader.read(getClass().getResourceAsStream("/appleinc_bars_from_20130101_usd.csv"),
                "appleinc_bars_from_20130101_usd.csv");
        SimulatedClock daily = new SimulatedClock(bars.time(0));
        PaperBroker b = new PaperBroker(PaperBrokerConfig.builder().initialCash(100_000)
                .costModel(CostModel.ofBps(0, 1)).build(), daily);
        b.addListener(recorder);
        b.connect();
        b.onBar(AAPL, bars.bar(0));
        daily.advanceTo(bars.time(1));
        b.submit(OrderRequest.market("bh", AAPL, Side.BUY, 100, TimeInForce.DAY));
        for (int i = 1; i < bars.size(); i++) {
            daily.advanceTo(bars.time(i));
            b.onBar(AAPL, bars.bar(i));
        }
        Fill f = fills().getFirst();
        assertEquals(bars.open(1), f.price(), 1e-9);
        assertEquals(547.88, f.price(), 1e-9);
        double expected = 100_000 - 100 * f.price() - f.fee() + 100 * bars.close(bars.size() - 1);
        assertEquals(expected, b.portfolio().equity(), 1e-6);
    }

    @Test
    void aLimitOrderOnTheBitstampTapeFillsOnlyOnTradesThroughItsPriceUpToTheirAmounts() throws Exception {
        List<Trade> tape = TradeCsvReader.readAll(getClass().getResourceAsStream("/bitstamp_trades_from_20131125_usd.csv"),
                "bitstamp_trades_from_20131125_usd.csv").subList(0, 5_000);
        SimulatedClock tapeClock = new SimulatedClock(tape.getFirst().time());
        PaperBroker b = new PaperBroker(PaperBrokerConfig.builder().initialCash(1_000_000).build(), tapeClock);
        b.addListener(recorder);
        b.connect();
        b.onTrade(BTC, tape.getFirst());
        double limit = BTC.roundPrice(tape.getFirst().price() * 0.99);
        b.submit(OrderRequest.limit("bid", BTC, Side.BUY, 3, limit, TimeInForce.GTC));
        double through = 0;
        for (Trade t : tape.subList(1, tape.size())) {
            b.onTrade(BTC, t);
            if (t.price() <= limit) {
                through += t.amount();
            }
        }
        double filled = fills().stream().mapToDouble(Fill::quantity).sum();
        assertTrue(filled > 0 && through > 0, "the tape trades through the bid");
        assertEquals(BTC.roundQuantity(Math.min(3, through)), BTC.roundQuantity(filled), 1e-8);
        assertTrue(fills().stream().allMatch(x -> x.price() <= limit));
    }

    @Test
    void concurrentSubmittersAndAMarketDataThreadKeepCallbacksSerialAndTheBooksInAgreement() throws Exception {
        SimulatedClock shared = new SimulatedClock(T0);
        PaperBroker b = new PaperBroker(PaperBrokerConfig.builder().initialCash(1e9)
                .maxParticipation(PaperBrokerConfig.NO_PARTICIPATION_CAP).build(), shared);
        dev.sextant.trading.broker.BrokerSession session = new dev.sextant.trading.broker.BrokerSession(b, shared);
        java.util.concurrent.atomic.AtomicInteger inCallback = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
        session.addListener(e -> {
            if (inCallback.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            inCallback.decrementAndGet();
        });
        session.connect();
        b.onBar(AAPL, new Bar(T0, 100, 101, 99, 100, 1e6));
        int threads = 4;
        int perThread = 300;
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Side side = (i + id) % 2 == 0 ? Side.BUY : Side.SELL;
                        session.submit(OrderRequest.market("t" + id + "-" + i, AAPL, side, 1 + i % 3, TimeInForce.GTC));
                        if (i % 7 == 0) {
                            String limit = "l" + id + "-" + i;
                            session.submit(OrderRequest.limit(limit, AAPL, Side.BUY, 1, 99.5, TimeInForce.GTC));
                            try {
                                session.cancel(limit);
                            } catch (BrokerException raced) {
                                // Filled by a concurrent bar before the cancel: a legitimate outcome.
                                assertEquals(BrokerException.Code.ILLEGAL_TRANSITION, raced.code());
                            }
                        }
                    }
                    finished.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Thread feed = new Thread(() -> {
            try {
                start.await();
                for (int k = 1; k <= 2_000; k++) {
                    b.onBar(AAPL, new Bar(T0 + k * MINUTE, 100, 100.5, 99.4, 100, 1e6));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        workers.forEach(Thread::start);
        feed.start();
        start.countDown();
        for (Thread w : workers) {
            w.join(30_000);
        }
        feed.join(30_000);
        b.onBar(AAPL, new Bar(T0 + 2_001 * MINUTE, 100, 100.5, 99.4, 100, 1e6));
        assertEquals(threads, finished.get(), "every submitter finished");
        assertEquals(threads * perThread, session.blotter().orders().stream()
                .filter(o -> o.clientOrderId().startsWith("t")).count());
        assertEquals(0, overlaps.get(), "callbacks overlapped");
        assertTrue(session.reconcile().isClean(), () -> session.reconcile().toString());
        double sum = session.blotter().fills().stream().mapToDouble(Fill::signedQuantity).sum();
        assertEquals(sum, b.portfolio().position(AAPL).quantity(), 1e-9);
        assertEquals(0, session.blotter().anomalies().stream().filter(a -> a.kind().isFault()).count());
    }
}
