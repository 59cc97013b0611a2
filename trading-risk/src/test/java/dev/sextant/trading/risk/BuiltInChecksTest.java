package dev.sextant.trading.risk;

import static dev.sextant.trading.risk.Fixtures.AAPL;
import static dev.sextant.trading.risk.Fixtures.BTC;
import static dev.sextant.trading.risk.Fixtures.GOOG;
import static dev.sextant.trading.risk.Fixtures.MSFT;
import static dev.sextant.trading.risk.Fixtures.buy;
import static dev.sextant.trading.risk.Fixtures.buyAndFill;
import static dev.sextant.trading.risk.Fixtures.limit;
import static dev.sextant.trading.risk.Fixtures.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeInForce;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per reason code that triggers it, plus the chain's shape. */
class BuiltInChecksTest {
    private final SimulatedClock clock = Fixtures.clock();

    private RiskEngine engine(RiskLimits limits) {
        RiskEngine e = Fixtures.engine(limits, clock);
        e.onMark(AAPL, 100, clock.millis());
        e.onMark(MSFT, 100, clock.millis());
        e.onMark(GOOG, 100, clock.millis());
        e.onMark(BTC, 50_000, clock.millis());
        return e;
    }

    private static void assertRejected(RiskDecision d, ReasonCode code) {
        assertEquals(Outcome.REJECTED, d.outcome(), d::toString);
        assertEquals(code, d.code(), d::explanation);
        assertTrue(!d.check().isEmpty() && !d.explanation().isBlank());
    }

    private static void assertResized(RiskDecision d, ReasonCode code, double quantity) {
        assertEquals(Outcome.RESIZED, d.outcome(), d::toString);
        assertEquals(code, d.code(), d::explanation);
        assertEquals(quantity, d.order().quantity(), 1e-9, d::explanation);
        assertTrue(d.explanation().startsWith("resized from "), d::explanation);
    }

    @Test
    void chainHoldsOneCheckPerBuiltInReasonCodeWithDistinctNames() {
        PreTradeCheck[] chain = BuiltInChecks.chain();
        Set<ReasonCode> expected = EnumSet.allOf(ReasonCode.class);
        expected.remove(ReasonCode.NONE);
        expected.remove(ReasonCode.CUSTOM);
        assertEquals(expected.size(), chain.length);
        assertEquals(chain.length, Arrays.stream(chain).map(PreTradeCheck::name).distinct().count());
    }

    @Test
    void approvesAnOrderWithinEveryLimitUnchanged() {
        RiskEngine e = engine(RiskLimits.defaults());
        OrderRequest order = buy(AAPL, 100);
        RiskResult result = new RiskResult();
        assertEquals(Outcome.APPROVED, e.check(order, result));
        assertTrue(result.order() == order, "approval must hand back the very request");
        assertEquals(ReasonCode.NONE, result.code());
    }

    @Test
    void rejectsNewRiskAtMaxDrawdown() {
        RiskLimits limits = RiskLimits.builder().maxPositionFraction(0.5).maxOrderValueFraction(1)
                .killSwitch(new KillSwitchPolicy(false, false, 0)).dailyLossLimitFraction(1).build();
        RiskEngine e = engine(limits);
        buyAndFill(e, buy(AAPL, 2000), 100, clock);
        e.onMark(AAPL, 40, clock.millis());
        RiskDecision d = e.check(buy(MSFT, 10));
        assertRejected(d, ReasonCode.MAX_DRAWDOWN);
        assertEquals(0.10, d.limit(), 1e-12);
        assertEquals(0.12, d.observed(), 1e-9);
        assertTrue(e.check(sell(AAPL, 500)).isApproved(), "reducing the position is still allowed");
    }

    @Test
    void rejectsNewRiskBeyondDailyLossLimit() {
        RiskLimits limits = RiskLimits.builder().maxPositionFraction(0.5).maxOrderValueFraction(1)
                .killSwitch(new KillSwitchPolicy(false, false, 0)).build();
        RiskEngine e = engine(limits);
        buyAndFill(e, buy(AAPL, 2000), 100, clock);
        e.onMark(AAPL, 88, clock.millis());
        RiskDecision d = e.check(buy(MSFT, 10));
        assertRejected(d, ReasonCode.DAILY_LOSS_LIMIT);
        assertEquals(0.024, d.observed(), 1e-9);
        assertTrue(e.check(sell(AAPL, 2000)).isApproved());
    }

    @Test
    void rejectsRiskIncreasingOrdersWhileKillSwitchIsTripped() {
        RiskEngine e = engine(RiskLimits.defaults());
        buyAndFill(e, buy(AAPL, 300), 100, clock);
        e.killSwitch().trip(KillSwitchTrigger.MANUAL, "operator test");
        assertRejected(e.check(buy(AAPL, 10)), ReasonCode.KILL_SWITCH);
        assertRejected(e.check(sell(AAPL, 301)), ReasonCode.KILL_SWITCH);
        assertTrue(e.check(sell(AAPL, 300)).isApproved(), "closing the long reduces risk");
        e.killSwitch().rearm("ops");
        assertTrue(e.check(buy(MSFT, 10)).isApproved());
    }

    @Test
    void rejectsNewRiskInRestrictedInstrument() {
        RiskEngine e = engine(RiskLimits.builder().restrict("AAPL").build());
        assertRejected(e.check(buy(AAPL, 10)), ReasonCode.RESTRICTED_INSTRUMENT);
        assertTrue(e.check(buy(MSFT, 10)).isApproved());
        RiskEngine byId = engine(RiskLimits.builder().restrict("MSFT@XNAS").build());
        assertRejected(byId.check(sell(MSFT, 10)), ReasonCode.RESTRICTED_INSTRUMENT);
    }

    @Test
    void rejectsWorkingClientOrderIdAndIdenticalOrderWithinWindow() {
        RiskEngine e = engine(RiskLimits.defaults());
        OrderRequest first = buy(AAPL, 10);
        assertTrue(e.check(first).isApproved());
        assertRejected(e.check(OrderRequest.market(first.clientOrderId(), MSFT, Side.BUY, 5, TimeInForce.DAY)),
                ReasonCode.DUPLICATE_ORDER);
        RiskDecision twin = e.check(buy(AAPL, 10));
        assertRejected(twin, ReasonCode.DUPLICATE_ORDER);
        assertTrue(e.check(buy(AAPL, 11)).isApproved(), "a different quantity is not a duplicate");
        clock.advanceBy(1_000);
        assertTrue(e.check(buy(AAPL, 11)).isApproved(), "outside the window it is a new order");
    }

    @Test
    void rejectsOrderWithoutMarkOrWithStaleMark() {
        RiskEngine e = engine(RiskLimits.builder().maxMarkAgeMillis(60_000).build());
        assertRejected(e.check(buy(Fixtures.XOM, 10)), ReasonCode.STALE_MARKET_DATA);
        clock.advanceBy(60_001);
        RiskDecision d = e.check(buy(AAPL, 10));
        assertRejected(d, ReasonCode.STALE_MARKET_DATA);
        assertEquals(60_001, d.observed());
        e.onMark(AAPL, 100, clock.millis());
        assertTrue(e.check(buy(AAPL, 10)).isApproved());
    }

    @Test
    void rejectsLimitPriceThroughTheCollar() {
        RiskEngine e = engine(RiskLimits.defaults());
        RiskDecision d = e.check(limit(AAPL, Side.BUY, 10, 106));
        assertRejected(d, ReasonCode.PRICE_COLLAR);
        assertEquals(0.06, d.observed(), 1e-12);
        assertRejected(e.check(limit(AAPL, Side.SELL, 10, 94)), ReasonCode.PRICE_COLLAR);
        assertTrue(e.check(limit(AAPL, Side.BUY, 10, 104)).isApproved());
        assertTrue(e.check(limit(AAPL, Side.SELL, 12, 130)).isApproved(), "a passive price far away is harmless");
    }

    @Test
    void rejectsOrdersBeyondTheRateThrottle() {
        RiskEngine e = engine(RiskLimits.builder().orderRate(3, 1_000).build());
        assertTrue(e.check(buy(AAPL, 1)).isApproved());
        assertTrue(e.check(buy(MSFT, 2)).isApproved());
        assertTrue(e.check(buy(GOOG, 3)).isApproved());
        RiskDecision d = e.check(sell(AAPL, 1));
        assertRejected(d, ReasonCode.ORDER_RATE);
        clock.advanceBy(1_000);
        assertTrue(e.check(sell(AAPL, 1)).isApproved());
    }

    @Test
    void rejectsRepeatedOrdersOnSameInstrumentAndSide() {
        RiskEngine e = engine(RiskLimits.builder().repeatedOrders(2, 60_000).build());
        assertTrue(e.check(buy(AAPL, 1)).isApproved());
        assertTrue(e.check(buy(AAPL, 2)).isApproved());
        assertRejected(e.check(buy(AAPL, 3)), ReasonCode.REPEATED_EXECUTION);
        assertTrue(e.check(sell(AAPL, 3)).isApproved(), "the other side has its own count");
        assertTrue(e.check(buy(MSFT, 3)).isApproved(), "other instruments have their own count");
    }

    @Test
    void resizesOrRejectsOrderAboveMaxOrderQuantity() {
        RiskEngine e = engine(RiskLimits.builder().maxOrderQuantity(100).maxOrderQuantity("MSFT", 20).build());
        assertResized(e.check(buy(AAPL, 150)), ReasonCode.MAX_ORDER_QTY, 100);
        assertResized(e.check(sell(MSFT, 30)), ReasonCode.MAX_ORDER_QTY, 20);
        RiskEngine strict = engine(RiskLimits.builder().maxOrderQuantity(100).allowResize(false).build());
        assertRejected(strict.check(buy(AAPL, 150)), ReasonCode.MAX_ORDER_QTY);
    }

    @Test
    void resizesOrderAboveMaxOrderValue() {
        RiskEngine e = engine(RiskLimits.builder().maxOrderValue(10_000).build());
        RiskDecision d = e.check(buy(AAPL, 150));
        assertResized(d, ReasonCode.MAX_ORDER_VALUE, 100);
        assertEquals(15_000, d.observed(), 1e-9);
        RiskDecision byFraction = engine(RiskLimits.builder().maxOrderValueFraction(0.001).build()).check(sell(AAPL, 50));
        assertResized(byFraction, ReasonCode.MAX_ORDER_VALUE, 10);
    }

    @Test
    void rejectsOpeningPositionBeyondMaxConcurrentPositions() {
        RiskEngine e = engine(RiskLimits.builder().maxConcurrentPositions(2).build());
        assertTrue(e.check(buy(AAPL, 10)).isApproved());
        assertTrue(e.check(sell(MSFT, 10)).isApproved());
        RiskDecision d = e.check(buy(GOOG, 10));
        assertRejected(d, ReasonCode.MAX_CONCURRENT_POSITIONS);
        assertEquals(3, d.observed());
        assertTrue(e.check(buy(AAPL, 11)).isApproved(), "adding to an open instrument is fine");
    }

    @Test
    void resizesToMaxPositionCountingWorkingOrders() {
        RiskEngine e = engine(RiskLimits.defaults());
        RiskDecision d = e.check(buy(AAPL, 600));
        assertResized(d, ReasonCode.MAX_POSITION, 500);
        assertEquals(50_000, d.limit(), 1e-9);
        assertEquals(60_000, d.observed(), 1e-9);
        assertRejected(e.check(buy(AAPL, 100)), ReasonCode.MAX_POSITION);
        assertTrue(e.check(sell(AAPL, 500)).isApproved(), "a sell of the same size is a short within the limit");
    }

    @Test
    void resizesToMaxGrossExposure() {
        RiskEngine e = engine(RiskLimits.builder().maxPositionFraction(1).maxGrossExposure(30_000).build());
        assertResized(e.check(buy(AAPL, 400)), ReasonCode.MAX_GROSS_EXPOSURE, 300);
    }

    @Test
    void resizesToMaxLeverage() {
        RiskEngine e = engine(RiskLimits.builder().maxPositionFraction(1).maxLeverage(0.1).build());
        assertTrue(e.check(buy(AAPL, 600)).isApproved());
        RiskDecision d = e.check(sell(MSFT, 900));
        assertResized(d, ReasonCode.MAX_LEVERAGE, 400);
        assertEquals(0.15, d.observed(), 1e-12);
    }

    @Test
    void resizesToMaxNetExposureButLetsOffsettingShortsThrough() {
        RiskEngine e = engine(RiskLimits.builder().maxNetExposureFraction(0.06).build());
        assertTrue(e.check(buy(AAPL, 500)).isApproved());
        assertResized(e.check(buy(MSFT, 500)), ReasonCode.MAX_NET_EXPOSURE, 100);
        assertTrue(e.check(sell(GOOG, 500)).isApproved());
    }

    @Test
    void resizesToSectorExposure() {
        RiskEngine e = engine(RiskLimits.builder().sector("AAPL", "tech").sector("MSFT@XNAS", "tech")
                .maxSectorFraction("tech", 0.06).build());
        assertTrue(e.check(buy(AAPL, 500)).isApproved());
        RiskDecision d = e.check(sell(MSFT, 500));
        assertResized(d, ReasonCode.SECTOR_EXPOSURE, 100);
        assertTrue(d.explanation().contains("tech"));
        assertTrue(e.check(buy(GOOG, 500)).isApproved(), "GOOG has no sector");
    }

    @Test
    void resizesToAssetClassExposure() {
        RiskEngine e = engine(RiskLimits.builder().maxAssetClassFraction(AssetClass.CRYPTO, 0.01).build());
        RiskDecision d = e.check(buy(BTC, 1));
        assertResized(d, ReasonCode.ASSET_CLASS_EXPOSURE, 0.2);
        assertTrue(e.check(buy(AAPL, 100)).isApproved());
    }

    @Test
    void resizesToVarLimit() {
        RiskEngine e = engine(RiskLimits.builder().varLimitFraction(0.001).build());
        // Fallback: 3% daily volatility at 95%: 0.03 * 1.6448536 per unit of exposure.
        double unit = 0.03 * 1.6448536269514722;
        RiskDecision d = e.check(buy(AAPL, 500));
        assertResized(d, ReasonCode.VAR_LIMIT, Math.floor(1_000 / unit / 100));
        assertEquals(0.001, d.limit(), 1e-15);
        assertEquals(50_000 * unit / Fixtures.CASH, d.observed(), 1e-9);
    }

    @Test
    void rejectsWithCustomCodeWhenApplicationCheckObjectsOrThrows() {
        PreTradeCheck noFriday = new PreTradeCheck() {
            @Override
            public String name() {
                return "no-big-orders";
            }

            @Override
            public void check(CheckContext c) {
                if (c.quantity() > 50) {
                    c.reject(ReasonCode.CUSTOM, 50, c.quantity(), "too big for the desk");
                }
            }
        };
        RiskEngine e = RiskEngine.builder().clock(clock).startingCash(Fixtures.CASH).addCheck(noFriday).build();
        e.onMark(AAPL, 100, clock.millis());
        RiskDecision d = e.check(buy(AAPL, 60));
        assertRejected(d, ReasonCode.CUSTOM);
        assertEquals("no-big-orders", d.check());
        PreTradeCheck broken = new PreTradeCheck() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void check(CheckContext c) {
                throw new IllegalStateException("boom");
            }
        };
        RiskEngine failing = RiskEngine.builder().clock(clock).startingCash(Fixtures.CASH).addCheck(broken).build();
        failing.onMark(AAPL, 100, clock.millis());
        RiskDecision f = failing.check(buy(AAPL, 1));
        assertRejected(f, ReasonCode.CUSTOM);
        assertTrue(f.explanation().contains("boom"));
    }
}
