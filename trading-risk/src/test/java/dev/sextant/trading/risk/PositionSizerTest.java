package dev.sextant.trading.risk;

import static dev.sextant.trading.risk.Fixtures.AAPL;
import static dev.sextant.trading.risk.Fixtures.MSFT;
import static dev.sextant.trading.risk.Fixtures.signal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeInForce;
import org.junit.jupiter.api.Test;

class PositionSizerTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Signal BUY = signal(AAPL, Direction.BUY, 0.1, 0.3, 0.6, 0.6);
    private static final Signal SELL = signal(AAPL, Direction.SELL, 0.6, 0.3, 0.1, 0.6);
    private static final SizingInputs INPUTS = new SizingInputs(123.45, 0.02, 0.01, 0.015, 2, 0);

    private static PositionSizer sizer(double fraction, boolean allowShort) {
        return new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(fraction), 20, allowShort),
                CostModel.ZERO);
    }

    private static Headroom room(double position, double pendingBuy, double pendingSell, double maxBuy, double maxSell) {
        return new Headroom(AAPL, 1_000_000, position, pendingBuy, pendingSell, maxBuy, maxSell);
    }

    @Test
    void holdSignalTradesNothing() {
        SizingResult r = sizer(0.03, true).size(signal(AAPL, Direction.HOLD, 0.2, 0.6, 0.2, 0.6), INPUTS,
                room(0, 0, 0, INF, INF));
        assertEquals(SizingReason.HOLD_SIGNAL, r.reason());
        assertFalse(r.isTradable());
        assertThrows(IllegalStateException.class, r::side);
    }

    @Test
    void sizesToTheFractionOfEquityRoundedDownToTheLot() {
        SizingResult r = sizer(0.03, true).size(BUY, INPUTS, room(0, 0, 0, INF, INF));
        assertEquals(243, r.orderQuantity(), "30,000 / 123.45 = 243.01 shares, rounded down");
        assertEquals(SizingReason.SIZED, r.reason());
        assertEquals(30_000 / 123.45, r.targetPosition(), 1e-9);
        OrderRequest o = r.toLimitOrder("c1", 123.456, TimeInForce.DAY);
        assertEquals(123.46, o.limitPrice(), 1e-12, "limit price rounded to the tick");
        assertEquals(Side.BUY, o.side());
    }

    @Test
    void subtractsThePositionAndWorkingOrdersFromTheTarget() {
        SizingResult r = sizer(0.03, true).size(BUY, INPUTS, room(150, 60, 10, INF, INF));
        assertEquals(243.01 - 200, r.orderQuantity(), 1.0);
        assertEquals(43, r.orderQuantity());
    }

    @Test
    void neverProposesMoreThanTheHeadroom() {
        SizingResult r = sizer(0.03, true).size(BUY, INPUTS, room(0, 0, 0, 100.7, INF));
        assertEquals(100, r.orderQuantity());
        assertEquals(SizingReason.CAPPED_BY_LIMITS, r.reason());
        assertEquals(SizingReason.NO_HEADROOM, sizer(0.03, true).size(BUY, INPUTS, room(0, 0, 0, 0, INF)).reason());
    }

    @Test
    void aBuySignalNeverSellsDownToTheTarget() {
        SizingResult r = sizer(0.03, true).size(BUY, INPUTS, room(400, 0, 0, INF, INF));
        assertEquals(0, r.orderQuantity());
        assertEquals(SizingReason.AT_TARGET, r.reason());
    }

    @Test
    void sellSignalOpensAShortOnlyWhenShortsAreAllowed() {
        assertEquals(-243, sizer(0.03, true).size(SELL, INPUTS, room(0, 0, 0, INF, INF)).orderQuantity());
        assertEquals(-343, sizer(0.03, true).size(SELL, INPUTS, room(100, 0, 0, INF, INF)).orderQuantity());
        SizingResult closeOnly = sizer(0.03, false).size(SELL, INPUTS, room(100, 0, 0, INF, INF));
        assertEquals(-100, closeOnly.orderQuantity());
        assertEquals(SizingReason.AT_TARGET, sizer(0.03, false).size(SELL, INPUTS, room(0, 0, 0, INF, INF)).reason());
    }

    @Test
    void doesNotTradeWhenTheEdgeAfterCostsIsBelowTheMinimum() {
        Signal modest = signal(AAPL, Direction.BUY, 0.2, 0.3, 0.5, 0.5);
        SizingInputs inputs = new SizingInputs(100, 0.01, 0.01, Double.NaN, Double.NaN, 0);
        // Gross edge 0.5 * 1% - 0.2 * 1% = 30 bps; spread 10 bps (5 per side) + commission 5 bps per side = 20 bps.
        PositionSizer withCosts = new PositionSizer(SizingPolicy.of(new SizingMethod.FixedFractional(0.03)),
                CostModel.ofBps(10, 5));
        SizingResult r = withCosts.size(modest, inputs, room(0, 0, 0, INF, INF));
        assertEquals(SizingReason.EDGE_BELOW_MINIMUM, r.reason());
        assertEquals(10, r.edgeBps(), 1e-9);
        PositionSizer free = new PositionSizer(SizingPolicy.of(new SizingMethod.FixedFractional(0.03)), CostModel.ZERO);
        SizingResult traded = free.size(modest, inputs, room(0, 0, 0, INF, INF));
        assertEquals(300, traded.orderQuantity());
        assertEquals(30, traded.edgeBps(), 1e-9);
    }

    @Test
    void squareRootImpactLowersTheEdgeOfLargerOrders() {
        PositionSizer s = new PositionSizer(SizingPolicy.of(new SizingMethod.FixedFractional(0.03)),
                new CostModel(0, 0, 0, 0, 0.5));
        SizingInputs inputs = new SizingInputs(100, 0.01, 0.01, 0.02, Double.NaN, 100_000);
        assertTrue(s.edgeBps(BUY, inputs, 10_000) < s.edgeBps(BUY, inputs, 100));
        // impact = 0.5 * 0.02 * sqrt(100 / 100,000) per unit notional, paid on both legs.
        double expected = (0.6 * 0.01 - 0.1 * 0.01 - 2 * 0.5 * 0.02 * Math.sqrt(0.001)) * 10_000;
        assertEquals(expected, s.edgeBps(BUY, inputs, 100), 1e-9);
    }

    @Test
    void methodGivingZeroAndTinyTargetsTradeNothing() {
        PositionSizer confident = new PositionSizer(SizingPolicy.of(new SizingMethod.ConfidenceScaled(0.05, 0.7)),
                CostModel.ZERO);
        assertEquals(SizingReason.METHOD_GAVE_ZERO, confident.size(BUY, INPUTS, room(0, 0, 0, INF, INF)).reason());
        SizingInputs expensive = new SizingInputs(1_000_000, 0.02, 0.01, 0.01, 1, 0);
        assertEquals(SizingReason.BELOW_LOT_SIZE, sizer(0.0001, true).size(BUY, expensive, room(0, 0, 0, INF, INF))
                .reason());
    }

    @Test
    void rejectsHeadroomForAnotherInstrument() {
        Headroom other = new Headroom(MSFT, 1_000_000, 0, 0, 0, INF, INF);
        assertThrows(IllegalArgumentException.class, () -> sizer(0.03, true).size(BUY, INPUTS, other));
    }

    @Test
    void sizedOrdersFromEngineHeadroomPassTheChecksUnchanged() {
        SimulatedClock clock = Fixtures.clock();
        RiskEngine e = Fixtures.engine(RiskLimits.defaults(), clock);
        e.onMark(AAPL, 123.45, clock.millis());
        PositionSizer big = sizer(0.2, true);
        SizingResult r = big.size(BUY, INPUTS, e.headroom(AAPL));
        assertEquals(SizingReason.CAPPED_BY_LIMITS, r.reason());
        assertEquals(405, r.orderQuantity(), "5% of 1,000,000 at 123.45 is 405.02 shares");
        RiskDecision d = e.check(r.toMarketOrder("s1", TimeInForce.DAY));
        assertEquals(Outcome.APPROVED, d.outcome(), d::explanation);
    }
}
