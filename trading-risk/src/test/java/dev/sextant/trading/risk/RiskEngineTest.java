package dev.sextant.trading.risk;

import static dev.sextant.trading.risk.Fixtures.AAPL;
import static dev.sextant.trading.risk.Fixtures.BTC;
import static dev.sextant.trading.risk.Fixtures.CASH;
import static dev.sextant.trading.risk.Fixtures.GOOG;
import static dev.sextant.trading.risk.Fixtures.MSFT;
import static dev.sextant.trading.risk.Fixtures.buy;
import static dev.sextant.trading.risk.Fixtures.fill;
import static dev.sextant.trading.risk.Fixtures.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeInForce;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RiskEngineTest {
    private final SimulatedClock clock = Fixtures.clock();

    private RiskEngine engine(RiskLimits limits) {
        RiskEngine e = Fixtures.engine(limits, clock);
        e.onMark(AAPL, 100, clock.millis());
        e.onMark(MSFT, 100, clock.millis());
        return e;
    }

    // ------------------------------------------------------------------ state

    @Test
    void equityCashAndHighWaterMarkFollowFillsAndMarks() {
        RiskEngine e = engine(RiskLimits.defaults());
        OrderRequest o = buy(AAPL, 100);
        assertTrue(e.check(o).isApproved());
        e.onFill(new Fill("x1", o.clientOrderId(), AAPL, Side.BUY, 100, 100, 1.5, clock.now()));
        RiskSnapshot s = e.snapshot();
        assertEquals(CASH - 10_000 - 1.5, s.cash(), 1e-9);
        assertEquals(CASH - 1.5, s.equity(), 1e-9);
        e.onMark(AAPL, 110, clock.millis());
        assertEquals(CASH - 1.5 + 1_000, e.equity(), 1e-9);
        assertEquals(CASH - 1.5 + 1_000, e.snapshot().highWaterMark(), 1e-9);
        e.onMark(AAPL, 90, clock.millis());
        RiskSnapshot after = e.snapshot();
        assertEquals((after.highWaterMark() - after.equity()) / after.highWaterMark(), after.drawdown(), 1e-15);
        assertEquals(after.equity() - CASH, after.dailyPnl(), 1e-9);
        assertEquals(Map.of(AAPL, 9_000.0), after.exposureByInstrument());
        assertEquals(1, after.openPositions());
    }

    @Test
    void dailyPnlResetsAtTheConfiguredSessionTime() {
        RiskLimits limits = RiskLimits.builder().session(LocalTime.of(17, 0), ZoneId.of("America/New_York")).build();
        RiskEngine e = engine(limits);
        Fixtures.buyAndFill(e, buy(AAPL, 100), 100, clock);
        e.onMark(AAPL, 95, clock.millis());
        assertEquals(-500, e.snapshot().dailyPnl(), 1e-9);
        clock.advanceTo(Instant.parse("2024-01-02T21:59:59Z").toEpochMilli());
        e.onTimer();
        assertEquals(-500, e.snapshot().dailyPnl(), 1e-9, "17:00 New York is 22:00 UTC in January");
        clock.advanceTo(Instant.parse("2024-01-02T22:00:00Z").toEpochMilli());
        e.onTimer();
        RiskSnapshot s = e.snapshot();
        assertEquals(0, s.dailyPnl(), 1e-9);
        assertEquals(CASH - 500, s.startOfDayEquity(), 1e-9);
    }

    @Test
    void sessionResetsRecordDailyReturnsThatDriveHistoricalVar() {
        VarPolicy var = new VarPolicy(1, 0.95, VarMethod.HISTORICAL, 10, 2, 0.03, 1_000, 1);
        RiskLimits limits = RiskLimits.builder().var(var).killSwitch(new KillSwitchPolicy(false, false, 0))
                .dailyLossLimitFraction(1).build();
        RiskEngine e = engine(limits);
        Fixtures.buyAndFill(e, buy(AAPL, 100), 100, clock);
        assertEquals(100 * 100 * 0.03 * 1.6448536269514722, e.snapshot().valueAtRisk(), 1e-6, "fallback before history");
        clock.advanceBy(86_400_000);
        e.onMark(AAPL, 90, clock.millis());
        clock.advanceBy(86_400_000);
        e.onMark(AAPL, 99, clock.millis());
        clock.advanceBy(86_400_000);
        e.onTimer();
        // Returns -10% and +10%; k = max(1, ceil(2 * 0.05)) = 1, so long VaR is the worst, 10%.
        assertEquals(100 * 99 * 0.10, e.snapshot().valueAtRisk(), 1e-6);
    }

    @Test
    void workingOrdersCountUntilFilledOrClosed() {
        RiskEngine e = engine(RiskLimits.defaults());
        OrderRequest first = buy(AAPL, 500);
        assertEquals(Outcome.APPROVED, e.check(first).outcome());
        assertEquals(1, e.snapshot().workingOrders());
        assertEquals(ReasonCode.MAX_POSITION, e.check(buy(AAPL, 1)).code(), "the unfilled order uses the headroom");
        e.onFill(fill(first, 200, 100, clock));
        assertEquals(ReasonCode.MAX_POSITION, e.check(buy(AAPL, 1)).code(), "a partial fill moves quantity, not headroom");
        e.onOrderUpdate(new Order(first, "v1", OrderStatus.CANCELED, 200, 100, clock.now()));
        assertEquals(0, e.snapshot().workingOrders());
        RiskDecision d = e.check(buy(AAPL, 400));
        assertEquals(Outcome.RESIZED, d.outcome());
        assertEquals(300, d.order().quantity(), 1e-9);
    }

    @Test
    void nonTerminalAndFilledUpdatesDoNotReleaseWorkingQuantity() {
        RiskEngine e = engine(RiskLimits.defaults());
        OrderRequest o = buy(AAPL, 500);
        e.check(o);
        e.onOrderUpdate(new Order(o, "v1", OrderStatus.NEW, 0, Double.NaN, clock.now()));
        e.onOrderUpdate(new Order(o, "v1", OrderStatus.FILLED, 500, 100, clock.now()));
        assertEquals(1, e.snapshot().workingOrders(), "FILLED releases through its fills");
        e.onFill(fill(o, 500, 100, clock));
        assertEquals(0, e.snapshot().workingOrders());
        assertTrue(e.releaseOrder(buy(AAPL, 1).clientOrderId()) == false);
    }

    @Test
    void duplicateFillsAreIgnored() {
        RiskEngine e = engine(RiskLimits.defaults());
        OrderRequest o = buy(AAPL, 100);
        e.check(o);
        Fill f = fill(o, 100, 100, clock);
        assertTrue(e.onFill(f));
        assertFalse(e.onFill(f));
        assertEquals(10_000, e.snapshot().grossExposure(), 1e-9);
    }

    @Test
    void fillsForOrdersTheEngineDidNotApproveStillMoveThePosition() {
        RiskEngine e = engine(RiskLimits.defaults());
        e.onFill(new Fill("ext-1", "external", GOOG, Side.SELL, 10, 150, 0, clock.now()));
        RiskSnapshot s = e.snapshot();
        assertEquals(-1_500, s.netExposure(), 1e-9);
        assertEquals(CASH + 1_500, s.cash(), 1e-9);
    }

    @Test
    void aFillPriceMarksAnUnmarkedInstrumentWithoutBlockingEarlierMarks() {
        RiskEngine e = engine(RiskLimits.defaults());
        e.onFill(new Fill("ext-2", "external", GOOG, Side.BUY, 10, 150, 0, clock.now().plusSeconds(60)));
        assertEquals(1_500, e.snapshot().grossExposure(), 1e-9);
        e.onMark(GOOG, 160, clock.millis());
        assertEquals(1_600, e.snapshot().grossExposure(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> e.onMark(GOOG, 160, clock.millis() - 1));
    }

    @Test
    void marksRejectBadPricesAndTimeGoingBackwards() {
        RiskEngine e = engine(RiskLimits.defaults());
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0, -1}) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> e.onMark(AAPL, bad, clock.millis()));
            assertTrue(ex.getMessage().contains("AAPL@XNAS"), ex::getMessage);
        }
        e.onMark(AAPL, 101, clock.millis());
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class,
                () -> e.onMark(AAPL, 101, clock.millis() - 1));
        assertTrue(back.getMessage().contains("before the previous mark"), back::getMessage);
        assertEquals(CASH, e.equity(), 1e-9, "a rejected mark changes nothing");
    }

    @Test
    void seedReturnsRejectsNonFiniteAndImpossibleReturns() {
        RiskEngine e = engine(RiskLimits.defaults());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.seedReturns(AAPL, new double[] {0.01, Double.NaN}));
        assertTrue(ex.getMessage().contains("dailyReturns[1]"), ex::getMessage);
        assertThrows(IllegalArgumentException.class, () -> e.seedReturns(AAPL, new double[] {-1.0}));
    }

    @Test
    void builderNeedsAStartingState() {
        assertThrows(IllegalStateException.class, () -> RiskEngine.builder().build());
    }

    @Test
    void startsFromARestoredPortfolio() {
        Portfolio p = Portfolio.ofCash(CASH)
                .apply(new Fill("x", "o", AAPL, Side.BUY, 100, 100, 0, Fixtures.START))
                .mark(AAPL, 120);
        RiskEngine e = RiskEngine.builder().clock(clock).portfolio(p).build();
        RiskSnapshot s = e.snapshot();
        assertEquals(p.equity(), s.equity(), 1e-9);
        assertEquals(12_000, s.grossExposure(), 1e-9);
        assertEquals(ReasonCode.MAX_POSITION, e.check(buy(AAPL, 390)).code());
    }

    // ------------------------------------------------------------------ kill switch triggers

    @Test
    void drawdownTripsKillSwitchWhichStaysTrippedAfterRecoveryUntilRearmed() {
        RiskLimits limits = RiskLimits.builder().maxPositionFraction(1).maxOrderValueFraction(1).dailyLossLimitFraction(1)
                .varLimitFraction(1).build();
        RiskEngine e = engine(limits);
        List<KillSwitchTrip> trips = new ArrayList<>();
        e.killSwitch().addListener(trips::add);
        Fixtures.buyAndFill(e, buy(AAPL, 5_000), 100, clock);
        e.onMark(AAPL, 79, clock.millis());
        assertEquals(1, trips.size());
        assertEquals(KillSwitchTrigger.MAX_DRAWDOWN, trips.get(0).trigger());
        e.onMark(AAPL, 100, clock.millis());
        assertEquals(ReasonCode.KILL_SWITCH, e.check(buy(MSFT, 10)).code(), "recovery does not re-arm");
        assertTrue(e.check(sell(AAPL, 1_000)).isApproved());
        e.killSwitch().rearm("risk officer");
        assertTrue(e.check(buy(MSFT, 10)).isApproved());
    }

    @Test
    void dailyLossTripsKillSwitch() {
        RiskLimits limits = RiskLimits.builder().maxPositionFraction(1).maxOrderValueFraction(1).build();
        RiskEngine e = engine(limits);
        Fixtures.buyAndFill(e, buy(AAPL, 1_000), 100, clock);
        e.onMark(AAPL, 80, clock.millis());
        assertEquals(KillSwitchTrigger.DAILY_LOSS, e.killSwitch().currentTrip().orElseThrow().trigger());
    }

    @Test
    void feedSilenceTripsKillSwitchOnTimer() {
        RiskEngine e = engine(RiskLimits.defaults());
        clock.advanceBy(120_000);
        e.onTimer();
        assertFalse(e.killSwitch().isTripped());
        clock.advanceBy(1);
        e.onTimer();
        assertEquals(KillSwitchTrigger.STALE_MARKET_DATA, e.killSwitch().currentTrip().orElseThrow().trigger());
    }

    @Test
    void brokerDisconnectTripsKillSwitch() {
        RiskEngine e = engine(RiskLimits.defaults());
        e.onBrokerDisconnected("FIX session dropped");
        assertEquals(KillSwitchTrigger.BROKER_DISCONNECT, e.killSwitch().currentTrip().orElseThrow().trigger());
        assertEquals(ReasonCode.KILL_SWITCH, e.check(buy(AAPL, 1)).code());
    }

    @Test
    void listenerRunsOutsideTheEngineLock() throws Exception {
        RiskLimits limits = RiskLimits.builder().maxPositionFraction(1).maxOrderValueFraction(1).build();
        RiskEngine e = engine(limits);
        AtomicBoolean otherThreadGotIn = new AtomicBoolean();
        e.killSwitch().addListener(trip -> {
            Thread t = new Thread(() -> otherThreadGotIn.set(e.snapshot() != null));
            t.start();
            try {
                t.join(5_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        Fixtures.buyAndFill(e, buy(AAPL, 1_000), 100, clock);
        e.onMark(AAPL, 70, clock.millis());
        assertTrue(otherThreadGotIn.get(), "another thread could use the engine while the listener ran");
    }

    // ------------------------------------------------------------------ limits and headroom

    @Test
    void limitsChangedIntradayApplyToTheNextCheckAndKeepThrottleHistory() {
        RiskEngine e = engine(RiskLimits.builder().orderRate(2, 1_000).build());
        assertTrue(e.check(buy(AAPL, 1)).isApproved());
        assertTrue(e.check(buy(MSFT, 1)).isApproved());
        e.setLimits(e.limits().toBuilder().orderRate(3, 1_000).maxPositionFraction(0.001).build());
        RiskDecision d = e.check(buy(AAPL, 20));
        assertEquals(ReasonCode.MAX_POSITION, d.code());
        assertEquals(9, d.order().quantity(), 1e-9, "0.1% of equity is 10 shares, one already working");
        assertEquals(ReasonCode.ORDER_RATE, e.check(buy(MSFT, 2)).code(), "the two earlier orders still count");
    }

    @Test
    void headroomReflectsLimitsWorkingOrdersAndKillSwitch() {
        RiskEngine e = engine(RiskLimits.defaults());
        Headroom h = e.headroom(AAPL);
        assertEquals(500, h.maxBuyQuantity(), 1e-9);
        assertEquals(500, h.maxSellQuantity(), 1e-9);
        Fixtures.buyAndFill(e, buy(AAPL, 200), 100, clock);
        e.check(buy(AAPL, 100));
        h = e.headroom(AAPL);
        assertEquals(200, h.maxBuyQuantity(), 1e-9);
        assertEquals(700, h.maxSellQuantity(), 1e-9, "sell through the long and short up to the limit");
        assertEquals(300, h.projectedPosition(), 1e-9);
        e.killSwitch().trip(KillSwitchTrigger.MANUAL, "test");
        h = e.headroom(AAPL);
        assertEquals(0, h.maxBuyQuantity());
        assertEquals(200, h.maxSellQuantity(), 1e-9, "only closing the filled long is risk-reducing");
    }

    @Test
    void snapshotReportsExposureBySectorAndAssetClass() {
        RiskLimits limits = RiskLimits.builder().sector("AAPL", "tech").sector("MSFT", "tech").build();
        RiskEngine e = engine(limits);
        e.onMark(BTC, 50_000, clock.millis());
        Fixtures.buyAndFill(e, buy(AAPL, 100), 100, clock);
        Fixtures.buyAndFill(e, sell(MSFT, 50), 100, clock);
        Fixtures.buyAndFill(e, buy(BTC, 0.5), 50_000, clock);
        RiskSnapshot s = e.snapshot();
        assertEquals(Map.of("tech", 15_000.0), s.exposureBySector());
        assertEquals(15_000, s.exposureByAssetClass().get(AssetClass.EQUITY), 1e-9);
        assertEquals(25_000, s.exposureByAssetClass().get(AssetClass.CRYPTO), 1e-9);
        assertEquals(40_000, s.grossExposure(), 1e-9);
        assertEquals(30_000, s.netExposure(), 1e-9);
        assertEquals(40_000 / s.equity(), s.leverage(), 1e-12);
    }

    @Test
    void portfolioVarIsTheDiversifiedFigureOverTheCommonHistory() {
        RiskLimits limits = RiskLimits.builder().var(new VarPolicy(1, 0.9, VarMethod.PARAMETRIC, 250, 5, 0.03, 1_000, 1))
                .build();
        RiskEngine e = engine(limits);
        double[] a = {0.01, -0.02, 0.015, -0.005, 0.0, 0.02, -0.01};
        double[] m = {-0.01, 0.02, -0.01, 0.004, 0.001, -0.015, 0.012};
        e.seedReturns(AAPL, a);
        e.seedReturns(MSFT, m);
        assertTrue(e.portfolioVar().isPresent());
        assertEquals(0, e.portfolioVar().orElseThrow().valueAtRisk(), "no positions, no VaR");
        Fixtures.buyAndFill(e, buy(AAPL, 300), 100, clock);
        Fixtures.buyAndFill(e, buy(MSFT, 200), 100, clock);
        VarEstimate expected = ValueAtRisk.portfolio(VarMethod.PARAMETRIC, new double[] {30_000, 20_000},
                new double[][] {a, m}, 0.9, 1_000, 1);
        VarEstimate actual = e.portfolioVar().orElseThrow();
        assertEquals(expected.valueAtRisk(), actual.valueAtRisk(), 1e-9);
        assertTrue(actual.valueAtRisk() < e.snapshot().valueAtRisk(), "diversified VaR is below the undiversified sum");
        Fixtures.buyAndFill(e, buy(GOOG_MARKED(e), 10), 150, clock);
        assertTrue(e.portfolioVar().isEmpty(), "GOOG has no history");
    }

    private Instrument GOOG_MARKED(RiskEngine e) {
        e.onMark(GOOG, 150, clock.millis());
        return GOOG;
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void concurrentChecksFillsAndCancelsKeepLimitsAndBooksConsistent() throws Exception {
        RiskLimits limits = RiskLimits.builder().orderRate(1_000_000, 1_000).repeatedOrders(1_000_000, 1_000)
                .duplicateWindowMillis(0).maxLeverage(0.12).build();
        RiskEngine e = engine(limits);
        e.onMark(GOOG, 100, clock.millis());
        Instrument[] instruments = {AAPL, MSFT, GOOG};
        ConcurrentLinkedQueue<OrderRequest> approved = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Fill> fills = new ConcurrentLinkedQueue<>();
        int traders = 3;
        int ordersEach = 3_000;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(traders);
        AtomicLong ids = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < traders; t++) {
            threads.add(new Thread(() -> {
                RiskResult result = new RiskResult();
                ThreadLocalRandom r = ThreadLocalRandom.current();
                try {
                    start.await();
                    for (int i = 0; i < ordersEach; i++) {
                        OrderRequest o = OrderRequest.market("c-" + ids.incrementAndGet(), instruments[r.nextInt(3)],
                                r.nextBoolean() ? Side.BUY : Side.SELL, 1 + r.nextInt(80), TimeInForce.DAY);
                        if (e.check(o, result).isApproved()) {
                            approved.add(result.order());
                        }
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }));
        }
        Thread settler = new Thread(() -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            while (done.getCount() > 0 || !approved.isEmpty()) {
                OrderRequest o = approved.poll();
                if (o == null) {
                    Thread.onSpinWait();
                    continue;
                }
                if (r.nextInt(4) == 0) {
                    e.releaseOrder(o.clientOrderId());
                } else {
                    Fill f = new Fill("f-" + o.clientOrderId(), o.clientOrderId(), o.instrument(), o.side(),
                            o.quantity(), 100, 0, Fixtures.START);
                    e.onFill(f);
                    fills.add(f);
                }
            }
        });
        threads.forEach(Thread::start);
        settler.start();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        settler.join();
        RiskSnapshot s = e.snapshot();
        assertEquals(0, s.workingOrders());
        double gross = 0;
        for (Instrument i : instruments) {
            double position = fills.stream().filter(f -> f.instrument().equals(i)).mapToDouble(Fill::signedQuantity).sum();
            assertEquals(position * 100, s.exposureByInstrument().getOrDefault(i, 0.0), 1e-6);
            assertTrue(Math.abs(position) <= 500 + 1e-9, i.id() + " position " + position + " beyond 5% of equity");
            gross += Math.abs(position) * 100;
        }
        assertEquals(CASH, s.equity(), 1e-6, "fills at the mark with no fees leave equity unchanged");
        assertTrue(gross <= 0.12 * CASH + 1e-6, "gross " + gross + " beyond leverage 0.12");
        assertEquals(gross, s.grossExposure(), 1e-6);
    }

    // ------------------------------------------------------------------ properties

    private static final Instrument[] UNIVERSE = {AAPL, MSFT, GOOG, BTC};
    private static final double[] START_PRICES = {100, 50, 150, 30_000};
    private static final double VAR_UNIT = 0.03 * 1.6448536269514722;

    private static RiskLimits propertyLimits() {
        return RiskLimits.builder().maxPositionFraction(0.05).maxLeverage(0.15).maxGrossExposure(140_000)
                .maxNetExposureFraction(0.10).maxConcurrentPositions(3).maxOrderValue(60_000).maxOrderValueFraction(0.04)
                .sector("AAPL", "tech").sector("MSFT", "tech").maxSectorFraction("tech", 0.08)
                .maxAssetClassFraction(AssetClass.CRYPTO, 0.03).varLimitFraction(0.004)
                .orderRate(1_000, 1_000).repeatedOrders(1_000, 60_000).build();
    }

    sealed interface Action permits Mark, Submit, Sized, FillSome, Cancel, Trip, Rearm, Advance {
    }

    record Mark(int instrument, double move) implements Action {
    }

    record Submit(int instrument, boolean buy, double notional, boolean limit, double offset) implements Action {
    }

    record Sized(int instrument, boolean buy, double confidence) implements Action {
    }

    record FillSome(int pick, double fraction) implements Action {
    }

    record Cancel(int pick) implements Action {
    }

    record Trip() implements Action {
    }

    record Rearm() implements Action {
    }

    record Advance(long millis) implements Action {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Integer> instrument = Arbitraries.integers().between(0, UNIVERSE.length - 1);
        Arbitrary<Action> mark = Combinators.combine(instrument, Arbitraries.doubles().between(-0.06, 0.06))
                .as(Mark::new);
        Arbitrary<Action> submit = Combinators.combine(instrument, Arbitraries.of(true, false),
                Arbitraries.doubles().between(100, 90_000), Arbitraries.of(true, false),
                Arbitraries.doubles().between(-0.04, 0.04)).as(Submit::new);
        Arbitrary<Action> sized = Combinators.combine(instrument, Arbitraries.of(true, false),
                Arbitraries.doubles().between(0.4, 1.0)).as(Sized::new);
        Arbitrary<Action> fill = Combinators.combine(Arbitraries.integers().between(0, 1_000),
                Arbitraries.doubles().between(0.1, 1.0)).as(FillSome::new);
        Arbitrary<Action> cancel = Arbitraries.integers().between(0, 1_000).map(Cancel::new);
        Arbitrary<Action> advance = Arbitraries.longs().between(1, 3_600_000).map(Advance::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, mark), net.jqwik.api.Tuple.of(6, submit), net.jqwik.api.Tuple.of(4, sized),
                net.jqwik.api.Tuple.of(4, fill), net.jqwik.api.Tuple.of(2, cancel),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Trip())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Rearm())), net.jqwik.api.Tuple.of(2, advance))
                .list().ofMinSize(1).ofMaxSize(80);
    }

    /** The test's own book, computed independently of the engine from the same events. */
    private static final class Model {
        final double[] position = new double[UNIVERSE.length];
        final double[] mark = START_PRICES.clone();
        double cash = CASH;
        final List<Working> working = new ArrayList<>();

        record Working(OrderRequest order, int instrument, double[] remaining) {
        }

        double equity() {
            double e = cash;
            for (int i = 0; i < UNIVERSE.length; i++) {
                e += position[i] * mark[i];
            }
            return e;
        }

        double pending(int i, boolean buy) {
            return working.stream().filter(w -> w.instrument == i && (w.order.side() == Side.BUY) == buy)
                    .mapToDouble(w -> w.remaining[0]).sum();
        }

        double longWorst(int i) {
            return position[i] + pending(i, true);
        }

        double shortWorst(int i) {
            return pending(i, false) - position[i];
        }

        /** Gross, net and friends with {@code extra} added on one instrument's side. */
        double[] measures(int on, boolean buy, double extra) {
            double gross = 0;
            double high = 0;
            double low = 0;
            double tech = 0;
            double crypto = 0;
            double var = 0;
            int open = 0;
            for (int i = 0; i < UNIVERSE.length; i++) {
                double l = longWorst(i) + (i == on && buy ? extra : 0);
                double s = shortWorst(i) + (i == on && !buy ? extra : 0);
                double g = Math.max(Math.max(0, l), Math.max(0, s)) * mark[i];
                gross += g;
                high += l * mark[i];
                low -= s * mark[i];
                var += g * VAR_UNIT;
                if (i <= 1) {
                    tech += g;
                }
                if (UNIVERSE[i].assetClass() == AssetClass.CRYPTO) {
                    crypto += g;
                }
                if (position[i] != 0 || pending(i, true) > 0 || pending(i, false) > 0 || (i == on && extra > 0)) {
                    open++;
                }
            }
            return new double[] {gross, Math.max(high, -low), tech, crypto, var, open};
        }
    }

    private static void assertWithin(double after, double before, double limit, String what) {
        double tolerance = 1e-7 * Math.max(1, Math.abs(limit));
        assertTrue(after <= Math.max(limit, before) + tolerance,
                what + " " + after + " beyond limit " + limit + " and above its previous value " + before);
    }

    @Property(tries = 300)
    void noApprovedOrderTakesPositionExposureOrOrderValueBeyondItsLimit(@ForAll("actions") List<Action> actions) {
        SimulatedClock clock = Fixtures.clock();
        RiskLimits limits = propertyLimits();
        RiskEngine e = Fixtures.engine(limits, clock);
        Model model = new Model();
        for (int i = 0; i < UNIVERSE.length; i++) {
            e.onMark(UNIVERSE[i], model.mark[i], clock.millis());
        }
        PositionSizer sizer = new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.04), 0, true),
                dev.sextant.trading.core.CostModel.ZERO);
        RiskResult result = new RiskResult();
        long fills = 0;
        for (Action a : actions) {
            switch (a) {
                case Mark m -> {
                    model.mark[m.instrument()] = UNIVERSE[m.instrument()].roundPrice(model.mark[m.instrument()]
                            * (1 + m.move()));
                    e.onMark(UNIVERSE[m.instrument()], model.mark[m.instrument()], clock.millis());
                }
                case Advance adv -> {
                    clock.advanceBy(adv.millis());
                    for (int i = 0; i < UNIVERSE.length; i++) {
                        e.onMark(UNIVERSE[i], model.mark[i], clock.millis());
                    }
                }
                case Trip t -> e.killSwitch().trip(KillSwitchTrigger.MANUAL, "property");
                case Rearm r -> e.killSwitch().rearm("property");
                case Cancel c -> {
                    if (!model.working.isEmpty()) {
                        Model.Working w = model.working.remove(c.pick() % model.working.size());
                        assertTrue(e.releaseOrder(w.order().clientOrderId()));
                    }
                }
                case FillSome f -> {
                    if (!model.working.isEmpty()) {
                        int k = f.pick() % model.working.size();
                        Model.Working w = model.working.get(k);
                        Instrument ins = UNIVERSE[w.instrument()];
                        double qty = f.fraction() > 0.95 ? w.remaining()[0]
                                : Math.max(ins.lotSize(), ins.roundQuantity(w.remaining()[0] * f.fraction()));
                        qty = Math.min(qty, w.remaining()[0]);
                        double price = model.mark[w.instrument()];
                        e.onFill(new Fill("f" + (++fills), w.order().clientOrderId(), ins, w.order().side(), qty, price,
                                0.25, clock.now()));
                        double signed = w.order().side() == Side.BUY ? qty : -qty;
                        double next = model.position[w.instrument()] + signed;
                        model.position[w.instrument()] = Math.abs(next) <= dev.sextant.trading.core.Position.FLAT_EPSILON
                                ? 0 : next;
                        model.cash -= signed * price + 0.25;
                        w.remaining()[0] -= qty;
                        if (w.remaining()[0] < ins.lotSize() * 0.5) {
                            model.working.remove(k);
                        }
                    }
                }
                case Submit s -> {
                    Instrument ins = UNIVERSE[s.instrument()];
                    double m = model.mark[s.instrument()];
                    double qty = ins.roundQuantity(s.notional() / m);
                    if (qty <= 0) {
                        continue;
                    }
                    Side side = s.buy() ? Side.BUY : Side.SELL;
                    OrderRequest o = s.limit()
                            ? OrderRequest.limit(Fixtures.id(), ins, side, qty, ins.roundPrice(m * (1 + s.offset())),
                                    TimeInForce.DAY)
                            : OrderRequest.market(Fixtures.id(), ins, side, qty, TimeInForce.DAY);
                    checkAndVerify(e, model, limits, o, result);
                }
                case Sized z -> {
                    Instrument ins = UNIVERSE[z.instrument()];
                    double rest = (1 - z.confidence()) / 2;
                    Signal signal = new Signal(ins, clock.now(), z.buy() ? Direction.BUY : Direction.SELL,
                            z.buy() ? new dev.sextant.trading.core.ClassProbabilities(rest, rest, z.confidence())
                                    : new dev.sextant.trading.core.ClassProbabilities(z.confidence(), rest, rest),
                            z.confidence(), "m", "1");
                    SizingInputs inputs = new SizingInputs(model.mark[z.instrument()], 0.02, 0.01, Double.NaN,
                            Double.NaN, 0);
                    SizingResult proposal = sizer.size(signal, inputs, e.headroom(ins));
                    if (proposal.isTradable()) {
                        RiskDecision d = checkAndVerify(e, model, limits, proposal.toMarketOrder(Fixtures.id(),
                                TimeInForce.DAY), result);
                        assertTrue(d.outcome() != Outcome.RESIZED, () -> "the sizer proposed more than the limits allow: "
                                + d);
                    }
                }
            }
        }
    }

    private static RiskDecision checkAndVerify(RiskEngine e, Model model, RiskLimits limits, OrderRequest o,
            RiskResult result) {
        boolean trippedBefore = e.killSwitch().isTripped();
        e.check(o, result);
        RiskDecision d = result.toDecision();
        if (!d.isApproved()) {
            return d;
        }
        OrderRequest approved = d.order();
        int i = java.util.Arrays.asList(UNIVERSE).indexOf(approved.instrument());
        boolean buy = approved.side() == Side.BUY;
        double q = approved.quantity();
        double m = model.mark[i];
        double equity = model.equity();
        double price = Double.isNaN(approved.limitPrice()) ? m : Math.max(m, approved.limitPrice());
        double valueLimit = Math.min(limits.orders().maxOrderValue(), limits.orders().maxOrderValueFraction() * equity);
        assertWithin(q * price, 0, valueLimit, "order value");
        double same = buy ? model.longWorst(i) : model.shortWorst(i);
        boolean increasing = same + q > 1e-9 * q;
        if (increasing) {
            assertFalse(trippedBefore, () -> "risk-increasing order approved while the kill switch was tripped: " + d);
            assertWithin((same + q) * m, 0, limits.exposure().maxPositionFraction() * equity, "position");
            double[] before = model.measures(i, buy, 0);
            double[] after = model.measures(i, buy, q);
            ExposureLimits x = limits.exposure();
            assertWithin(after[0], before[0], Math.min(x.maxGrossExposure(), x.maxLeverage() * equity), "gross");
            assertWithin(after[1], before[1], x.maxNetExposureFraction() * equity, "net");
            assertWithin(after[2], before[2], 0.08 * equity, "tech sector");
            assertWithin(after[3], before[3], 0.03 * equity, "crypto");
            assertWithin(after[4], before[4], limits.var().limitFraction() * equity, "VaR");
            assertWithin(after[5], before[5], x.maxConcurrentPositions(), "open instruments");
        }
        model.working.add(new Model.Working(approved, i, new double[] {q}));
        return d;
    }

    @Property(tries = 200)
    void workingOrdersCountTowardsThePositionLimit(
            @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 1, max = 400) Double> quantities) {
        SimulatedClock clock = Fixtures.clock();
        RiskEngine e = Fixtures.engine(RiskLimits.builder().duplicateWindowMillis(0).repeatedOrders(100, 1_000).build(),
                clock);
        e.onMark(AAPL, 100, clock.millis());
        double total = 0;
        boolean limited = false;
        for (double q : quantities) {
            RiskDecision d = e.check(buy(AAPL, Math.floor(q)));
            if (d.isApproved()) {
                total += d.order().quantity();
            }
            limited |= d.code() == ReasonCode.MAX_POSITION;
        }
        assertTrue(total <= 500, "approved " + total + " shares, limit 500");
        if (limited) {
            assertEquals(500, total, 1e-9, "once the limit binds, the headroom was used exactly");
        }
        assertEquals(total, e.headroom(AAPL).pendingBuy(), 1e-9);
    }

    @Property(tries = 200)
    void afterATripNothingRiskIncreasingPassesUntilRearmed(
            @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = -300, max = 300) Double> signedQuantities) {
        SimulatedClock clock = Fixtures.clock();
        RiskEngine e = Fixtures.engine(RiskLimits.builder().duplicateWindowMillis(0).repeatedOrders(100, 1_000).build(),
                clock);
        e.onMark(AAPL, 100, clock.millis());
        Fixtures.buyAndFill(e, buy(AAPL, 300), 100, clock);
        e.killSwitch().trip(KillSwitchTrigger.MANUAL, "property");
        double position = 300;
        for (double sq : signedQuantities) {
            double q = Math.floor(Math.abs(sq));
            if (q == 0) {
                continue;
            }
            OrderRequest o = sq > 0 ? buy(AAPL, q) : sell(AAPL, q);
            RiskDecision d = e.check(o);
            boolean reducing = sq < 0 && q <= position - e.headroom(AAPL).pendingSell() + (d.isApproved() ? q : 0);
            if (d.isApproved()) {
                assertTrue(sq < 0, "a buy on a long position was approved while tripped");
                assertTrue(reducing, "a sell beyond the long was approved while tripped");
                e.onFill(fill(d.order(), q, 100, clock));
                position -= q;
            } else {
                assertEquals(ReasonCode.KILL_SWITCH, d.code());
            }
        }
        e.killSwitch().rearm("property");
        assertTrue(e.check(buy(MSFT_MARKED(e, clock), 10)).isApproved());
    }

    private static Instrument MSFT_MARKED(RiskEngine e, SimulatedClock clock) {
        e.onMark(MSFT, 100, clock.millis());
        return MSFT;
    }
}
