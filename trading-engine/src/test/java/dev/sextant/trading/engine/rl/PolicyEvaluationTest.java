package dev.sextant.trading.engine.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.report.EvaluationReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {

    @Test
    void countsBuyAndSellSignalsAgainstTheNextBarsReturnAndLeavesClassificationKeysEmpty() {
        BarSeries bars = TradingEnvironmentTest.AR;
        PpoPolicy policy = PolicySignalSourceTest.randomPolicy(TradingEnvironmentTest.SYN_DATA.scaler(),
                TradingEnvironmentTest.SYN_CFG, 6);
        PolicyEvaluation e = PolicyEvaluation.run(policy, bars, TradingEnvironmentTest.SYN_CFG.backtest());
        List<Decision> decisions = e.backtest().decisions();
        int calls = 0;
        int hits = 0;
        for (int t = 0; t + 1 < bars.size(); t++) {
            Optional<Signal> s = PolicyEvaluation.signalOf(decisions.get(t));
            if (s.isPresent() && s.get().direction() != Direction.HOLD) {
                calls++;
                boolean up = bars.close(t + 1) > bars.close(t);
                boolean down = bars.close(t + 1) < bars.close(t);
                hits += (s.get().direction() == Direction.BUY && up) || (s.get().direction() == Direction.SELL && down) ? 1 : 0;
            }
        }
        assertTrue(calls > 100, "calls " + calls);
        Map<String, Object> m = e.report().metrics();
        assertEquals(EvaluationReport.KEYS, List.copyOf(m.keySet()));
        assertEquals(calls, m.get("n_directional"));
        assertEquals((double) hits / calls, (Double) m.get("oos_directional_accuracy"), 1e-15);
        assertNull(m.get("oos_log_loss"));
        assertTrue(e.backtest().fills().size() > 10);
    }
}
