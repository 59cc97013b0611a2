package dev.sextant.trading.engine.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.MultiTimeframeModels;
import dev.sextant.trading.engine.WalkForwardConfig;
import dev.sextant.trading.engine.report.EvaluationReport;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PolicyWalkForwardTest {
    /** Small enough for CI: a few seconds per fold. */
    static final PpoConfig SMALL = PpoConfig.builder().totalSteps(2_048).environments(4).rolloutSteps(128)
            .minibatchSize(128).epochs(2).seed(11).build();

    @TempDir
    Path tmp;

    @Test
    void onARandomWalkTheReportSaysPlainlyThereIsNoSkillAndCarriesTheBaselines() throws IOException {
        BarSeries s = SyntheticBars.randomWalk(1_500, 0.002, 5);
        EnvironmentConfig cfg = EnvironmentConfig.builder(TradingEnvironmentTest.SYN, TimeFrame.M1).episodeLength(200)
                .build();
        PolicyWalkForward w = PolicyWalkForward.run(s, cfg, SMALL, 2, 9, 2, Map.of());
        assertTrue(w.verdict().startsWith("NO SKILL"), w.verdict());
        assertEquals(3 + 2, w.configurations());
        PerformanceMetrics flat = w.baselines().get(PolicyWalkForward.FLAT);
        assertEquals(0.0, flat.totalReturn());
        assertEquals(0, flat.trades());
        assertTrue(w.baselines().get(PolicyWalkForward.BUY_AND_HOLD).turnover() > 0);
        PerformanceMetrics p = w.report().performance();
        assertTrue(p.dsr() <= p.psr(), "DSR " + p.dsr() + " deflates PSR " + p.psr());
        assertEquals(2, w.report().folds().size());
        assertTrue(w.randomPValue() > 0 && w.randomPValue() <= 1);

        w.write(tmp);
        JsonNode m = JsonMapper.builder().build().readTree(Files.readString(tmp.resolve("metrics.json")));
        List<String> keys = new ArrayList<>();
        m.propertyNames().forEach(keys::add);
        List<String> expected = new ArrayList<>(EvaluationReport.KEYS);
        expected.add("baselines");
        assertEquals(expected, keys);
        JsonNode b = m.get("baselines");
        assertEquals(0.0, b.get("flat").get("total_return").asDouble());
        assertEquals(9, b.get("random_same_turnover").get("shifts").asInt());
        assertTrue(b.has("buy_and_hold"));
        assertTrue(Files.readString(tmp.resolve("verdict.txt")).startsWith("NO SKILL"));
    }

    @Test
    void includesTheSupervisedEnsembleOnTheSameBlocksOnRealBars() {
        BarSeries s = TradingEnvironmentTest.real().view(0, 1_800);
        EnvironmentConfig cfg = TradingEnvironmentTest.realConfig(200);
        WalkForwardConfig wf = WalkForwardConfig.builder(cfg.spec()).models("logistic").build();
        WalkForwardConfig mtf = new WalkForwardConfig(MultiTimeframeModels.builder(cfg.spec(),
                List.of(TimeFrame.M1, TimeFrame.M5), Map.of()).horizon(1).calibrationFraction(0.2).testFraction(0).folds(3).build(),
                600, 600, true, 1);
        Map<String, WalkForwardConfig> ensembles = new LinkedHashMap<>();
        ensembles.put(PolicyWalkForward.ENSEMBLE, wf);
        ensembles.put(PolicyWalkForward.MULTI_TIMEFRAME, mtf);
        PolicyWalkForward w = PolicyWalkForward.run(s, cfg, SMALL, 2, 5, 0, ensembles);
        for (String name : ensembles.keySet()) {
            PerformanceMetrics e = w.baselines().get(name);
            assertTrue(e != null && Double.isFinite(e.totalReturn()), name + " " + e);
        }
        assertEquals(List.of(PolicyWalkForward.FLAT, PolicyWalkForward.BUY_AND_HOLD, PolicyWalkForward.RANDOM,
                PolicyWalkForward.ENSEMBLE, PolicyWalkForward.MULTI_TIMEFRAME), List.copyOf(w.baselines().keySet()));
        assertEquals(5, w.configurations());
    }

    @Test
    void theVerdictNeedsBothTheDeflatedSharpeAndTheRandomPolicy() {
        PerformanceMetrics good = new PerformanceMetrics(2, 2, 2, 0.1, 0.2, 0.6, 1.5, 10, 1, 50, 0.999, 0.99);
        assertTrue(PolicyWalkForward.verdict(good, 0.01, 4).startsWith("skill"));
        String noRandom = PolicyWalkForward.verdict(good, 0.2, 4);
        assertEquals("NO SKILL: p = 0.200 against the random policy with the same turnover (above 0.05) (deflated Sharpe"
                + " ratio 0.990 over 4 configurations (>= 0.95) alone is not enough); treat the policy's results as noise",
                noRandom);
        PerformanceMetrics deflated = new PerformanceMetrics(2, 2, 2, 0.1, 0.2, 0.6, 1.5, 10, 1, 50, 0.97, 0.5);
        String noDsr = PolicyWalkForward.verdict(deflated, 0.01, 40);
        assertTrue(noDsr.startsWith("NO SKILL: deflated Sharpe ratio 0.500 over 40 configurations (below 0.95)"), noDsr);
    }

    @Property(tries = 100)
    void aShiftKeepsEveryActionAndItsOrderCircularly(@ForAll @IntRange(min = 1, max = 60) int n,
            @ForAll @IntRange(min = 0, max = 200) int offset) {
        Action[] a = new Action[n];
        for (int t = 0; t < n; t += 3) {
            a[t] = new Action(t % 2 == 0 ? Direction.BUY : Direction.SELL, t / (double) (n + 1));
        }
        Action[] s = PolicyWalkForward.shift(a, offset);
        for (int t = 0; t < n; t++) {
            assertEquals(a[t], s[(t + offset) % n]);
        }
        assertEquals(Arrays.stream(a).filter(x -> x == null).count(), Arrays.stream(s).filter(x -> x == null).count());
    }

    @Test
    void actionsComeFromTheBacktestsSignalsWithHoldAsNone() {
        PpoPolicy policy = PolicySignalSourceTest.randomPolicy(TradingEnvironmentTest.SYN_DATA.scaler(),
                TradingEnvironmentTest.SYN_CFG, 6);
        PolicyEvaluation e = PolicyEvaluation.run(policy, TradingEnvironmentTest.AR.view(0, 400),
                TradingEnvironmentTest.SYN_CFG.backtest());
        Action[] a = PolicyWalkForward.actionsOf(e.backtest().decisions(), 400);
        long trades = Arrays.stream(a).filter(x -> x != null).count();
        assertTrue(trades > 10, "actions " + trades);
        for (Action x : a) {
            assertTrue(x == null || x.direction() != Direction.HOLD);
        }
        assertNull(a[0], "warming up");
    }
}
