package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestResultTest {
    private static final Instrument SYN = Instrument.crypto("SYN/USD", "PAPER", "USD");

    /** A backtest of alternating BUY/SELL predictions on every other bar of a generated series. */
    private static BacktestResult result(boolean keep) {
        BarSeries bars = SyntheticBars.ar1(300, -0.2, 0.001, 5);
        int n = bars.size() / 2;
        long[] times = new long[n];
        double[] p = new double[3 * n];
        for (int k = 0; k < n; k++) {
            times[k] = bars.time(2 * k + 1);
            p[3 * k + (k % 2 == 0 ? 2 : 0)] = 0.7;
            p[3 * k + 1] = 0.2;
            p[3 * k + (k % 2 == 0 ? 0 : 2)] = 0.1;
        }
        return Backtester.run(bars, new PrecomputedSignals(times, p, "alt", "1"), BacktestConfig.builder(SYN, TimeFrame.M1)
                .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, true)).keepDecisions(keep).build());
    }

    @Test
    void countsEveryKindWhetherOrNotDecisionsAreKept() {
        BacktestResult kept = result(true);
        BacktestResult dropped = result(false);
        assertTrue(dropped.decisions().isEmpty());
        assertEquals(kept.decisionCounts(), dropped.decisionCounts());
        assertEquals(Decision.Kind.values().length, kept.decisionCounts().size());
        assertEquals(300, kept.decisionCounts().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(150, kept.count(Decision.Kind.NO_PREDICTION));
        assertTrue(kept.count(Decision.Kind.SENT) > 0);
        assertEquals(0, kept.count(Decision.Kind.MODEL_FAILED));
    }

    @Test
    void summaryListsTheKindsThatOccurredInPipelineOrder() {
        BacktestResult r = result(false);
        String summary = r.decisionSummary();
        assertTrue(summary.startsWith("no_prediction 150, "), summary);
        assertTrue(summary.contains("sent " + r.count(Decision.Kind.SENT)), summary);
        assertTrue(!summary.contains("model_failed"), summary);
    }

    @Test
    void countsAreCompletedAndMustNotBeNegative() {
        BacktestResult r = result(false);
        Map<Decision.Kind, Integer> partial = new EnumMap<>(Decision.Kind.class);
        partial.put(Decision.Kind.HOLD, 3);
        BacktestResult copy = new BacktestResult(r.times(), r.equity(), r.fills(), r.tradePnl(), r.decisions(), partial,
                r.portfolio(), r.costs(), r.tradedNotional(), r.performance());
        assertEquals(0, copy.count(Decision.Kind.SENT));
        assertEquals("hold 3", copy.decisionSummary());
        partial.put(Decision.Kind.SENT, -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BacktestResult(r.times(),
                r.equity(), r.fills(), r.tradePnl(), r.decisions(), partial, r.portfolio(), r.costs(), r.tradedNotional(),
                r.performance()));
        assertTrue(e.getMessage().contains("decisionCounts[sent]"), e.getMessage());
    }
}
