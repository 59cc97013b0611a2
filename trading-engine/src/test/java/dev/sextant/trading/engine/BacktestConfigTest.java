package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BacktestConfigTest {
    private static final Instrument BTC = Instrument.crypto("BTC/USD", "PAPER", "USD");

    @Test
    void builderFillsTheDocumentedDefaults() {
        BacktestConfig c = BacktestConfig.builder(BTC, TimeFrame.M1).build();
        assertEquals(BTC, c.instrument());
        assertEquals(TimeFrame.M1, c.timeFrame());
        assertEquals(100_000, c.initialCash());
        assertEquals(CostModel.ofBps(2, 1), c.costs());
        assertEquals(SizingPolicy.of(new SizingMethod.FixedFractional(0.05)), c.sizing());
        assertEquals(SizingPolicy.DEFAULT_MIN_EDGE_BPS, c.sizing().minEdgeBps());
        assertEquals(RiskLimits.defaults(), c.limits());
        assertEquals(0.001, c.expectedMove());
        assertEquals(14, c.atrPeriod());
        assertEquals(60, c.volatilityWindow());
        assertEquals(525_960, c.periodsPerYear(), 1e-9);
        assertEquals(1, c.trials());
        assertEquals(42, c.seed());
        assertFalse(c.keepDecisions());
    }

    @Test
    void periodsPerYearFollowsTheTimeFrameUnlessSet() {
        assertEquals(365.25 * 24, BacktestConfig.builder(BTC, TimeFrame.H1).build().periodsPerYear(), 1e-9);
        assertEquals(252, BacktestConfig.builder(BTC, TimeFrame.D1).periodsPerYear(252).build().periodsPerYear());
    }

    @Test
    void everySettingIsNamedAndToBuilderRoundTrips() {
        BacktestConfig c = BacktestConfig.builder(BTC, TimeFrame.M5).initialCash(5_000).costs(CostModel.ofBps(4, 2))
                .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.1), 0, false)).limits(RiskLimits.defaults())
                .expectedMove(0.002).atrPeriod(20).volatilityWindow(30).periodsPerYear(1000).trials(7).seed(3)
                .keepDecisions(true).build();
        assertEquals(5_000, c.initialCash());
        assertEquals(0.002, c.expectedMove());
        assertEquals(20, c.atrPeriod());
        assertEquals(30, c.volatilityWindow());
        assertEquals(7, c.trials());
        assertEquals(3, c.seed());
        assertTrue(c.keepDecisions());
        assertEquals(c, c.toBuilder().build());
        assertEquals(9, c.toBuilder().seed(9).build().seed());
    }

    private static void rejects(String field, Executable setter) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter);
        assertTrue(e.getMessage().startsWith(field + " must be"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        BacktestConfig.Builder b = BacktestConfig.builder(BTC, TimeFrame.M1);
        rejects("initialCash", () -> b.initialCash(0));
        rejects("initialCash", () -> b.initialCash(Double.POSITIVE_INFINITY));
        rejects("expectedMove", () -> b.expectedMove(-0.1));
        rejects("atrPeriod", () -> b.atrPeriod(0));
        rejects("volatilityWindow", () -> b.volatilityWindow(1));
        rejects("periodsPerYear", () -> b.periodsPerYear(Double.NaN));
        rejects("trials", () -> b.trials(0));
        assertThrows(NullPointerException.class, () -> b.costs(null));
        assertThrows(NullPointerException.class, () -> BacktestConfig.builder(null, TimeFrame.M1));
    }
}
