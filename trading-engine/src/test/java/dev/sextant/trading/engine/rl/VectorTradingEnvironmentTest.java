package dev.sextant.trading.engine.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.features.FeatureScaler;
import dev.sextant.trading.risk.RiskLimits;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class VectorTradingEnvironmentTest {

    /** Steps one vectorised episode and the reference environment with the same actions from {@code start}. */
    static int compare(EnvironmentData data, EnvironmentConfig cfg, int start, List<Action> actions, double tolerance) {
        TradingEnvironment reference = new TradingEnvironment(data, cfg);
        VectorTradingEnvironment vector = new VectorTradingEnvironment(data, cfg, 3);
        double[] o = reference.resetAt(start);
        double[] v = vector.resetAt(start, 1);
        int obs = cfg.observationSize();
        for (int e = 0; e < 3; e++) {
            assertArrayEquals(o, java.util.Arrays.copyOfRange(v, e * obs, (e + 1) * obs), 1e-12);
        }
        int[] d = new int[3];
        double[] s = new double[3];
        int traded = 0;
        for (Action a : actions) {
            java.util.Arrays.fill(d, a.direction().ordinal());
            java.util.Arrays.fill(s, a.size());
            StepResult r = reference.step(a);
            vector.step(d, s);
            if (r.info().notional() > 0) {
                traded++;
            }
            double[] got = r.done() ? vector.finalObservations() : vector.observations();
            for (int e = 0; e < 3; e++) {
                if (!r.done()) {
                    assertEquals(r.info().equity(), vector.equity(e), tolerance * r.info().equity(),
                            "equity at bar " + r.info().bar());
                }
                assertEquals(r.reward(), vector.rewards()[e], tolerance * 1e5, "reward at bar " + r.info().bar());
                assertArrayEquals(r.observation(), java.util.Arrays.copyOfRange(got, e * obs, (e + 1) * obs), 1e-6,
                        "observation at bar " + r.info().bar());
                assertEquals(r.truncated(), vector.truncated()[e]);
            }
            if (r.done()) {
                break;
            }
        }
        return traded;
    }

    @Property(tries = 15)
    void stepsLikeTheReferenceEnvironmentOnSyntheticBars(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        int start = TradingEnvironmentTest.SYN_DATA.firstObservable(1) + (int) (seed % 1_000);
        int traded = compare(TradingEnvironmentTest.SYN_DATA, TradingEnvironmentTest.SYN_CFG, start,
                TradingEnvironmentTest.randomActions(250, seed), 1e-12);
        assertTrue(traded > 10, "traded on " + traded + " steps");
    }

    /**
     * On real bars equity may differ by a lot of 1e-8 BTC in a fill: the pipeline sizes with the
     * risk ledger's equity, which can differ from the broker's by float rounding, so a target can
     * round to one lot less; hence a relative tolerance of 1e-9 (1e-4 on 1e5), about ten lots.
     */
    @Test
    void stepsLikeTheReferenceEnvironmentOnRealBarsWithCostsAndPartialFills() {
        BarSeries s = TradingEnvironmentTest.real();
        EnvironmentConfig cfg = TradingEnvironmentTest.realConfig(800);
        FeatureScaler scaler = EnvironmentData.fitScaler(s.view(0, s.size() / 2), cfg.spec());
        EnvironmentData data = EnvironmentData.of(s, cfg.spec(), scaler);
        for (int k = 0; k < 4; k++) {
            int traded = compare(data, cfg, data.firstObservable(1) + 500 + 2_000 * k,
                    TradingEnvironmentTest.randomActions(800, k), 1e-9);
            assertTrue(traded > 50, "traded on " + traded + " steps");
        }
    }

    @Test
    void refusesConfigurationsWhoseChecksCouldBind() {
        EnvironmentData data = TradingEnvironmentTest.SYN_DATA;
        EnvironmentConfig base = TradingEnvironmentTest.SYN_CFG;
        BacktestConfig tight = base.backtest().toBuilder()
                .limits(RiskLimits.builder().maxLeverage(0.02).build()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VectorTradingEnvironment(data,
                base.toBuilder().backtest(tight).build(), 2));
        assertTrue(e.getMessage().contains("maxLeverage"), e.getMessage());
        BacktestConfig costly = base.backtest().toBuilder().costs(CostModel.ofBps(20, 5)).build();
        e = assertThrows(IllegalArgumentException.class, () -> new VectorTradingEnvironment(data,
                base.toBuilder().backtest(costly).build(), 2));
        assertTrue(e.getMessage().contains("minEdgeBps"), e.getMessage());
        BacktestConfig seconds = BacktestConfig.builder(TradingEnvironmentTest.SYN, TimeFrame.M1).build();
        assertThrows(IllegalArgumentException.class, () -> base.toBuilder().backtest(seconds).build(),
                "a sizing other than ConfidenceScaled is refused by the configuration");
    }

    @Test
    void rejectsActionsOutOfRange() {
        VectorTradingEnvironment v = new VectorTradingEnvironment(TradingEnvironmentTest.SYN_DATA,
                TradingEnvironmentTest.SYN_CFG, 2);
        v.reset(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.step(new int[] {1, 3}, new double[] {0, 0}));
        assertTrue(e.getMessage().contains("episode 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.step(new int[] {1, 1}, new double[] {0, 1.5}));
        assertThrows(IllegalArgumentException.class, () -> v.step(new int[] {1}, new double[] {0}));
    }
}
