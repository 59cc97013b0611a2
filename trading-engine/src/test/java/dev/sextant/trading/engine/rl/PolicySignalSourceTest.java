package dev.sextant.trading.engine.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.rl.internal.ActorCritic;
import dev.sextant.trading.engine.rl.internal.Mlp;
import dev.sextant.trading.features.FeatureScaler;
import dev.sextant.trading.models.Provenance;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolicySignalSourceTest {

    /** An untrained policy with large random weights: it trades often, which is what these tests need. */
    static PpoPolicy randomPolicy(FeatureScaler scaler, EnvironmentConfig cfg, long seed) {
        int obs = cfg.observationSize();
        Mlp mlp = new Mlp(obs, 16, 16, ActorCritic.ACTOR_OUTPUTS);
        double[] p = new double[mlp.parameterCount()];
        mlp.initialise(p, 0, new SplittableRandom(seed), 1.0, 3.0);
        return new PpoPolicy("random", cfg.spec(), scaler, cfg.window(), cfg.maxFraction(), 16, p,
                Provenance.unknown("test"));
    }

    static void runsLikeTheEnvironment(BarSeries s, EnvironmentConfig cfg, FeatureScaler scaler) {
        PpoPolicy policy = randomPolicy(scaler, cfg, 4);
        EnvironmentData data = EnvironmentData.of(s, cfg.spec(), scaler);
        TradingEnvironment env = new TradingEnvironment(data, cfg.toBuilder().episodeLength(s.size()).build());
        double[] obs = env.resetAt(env.firstBar());
        BacktestResult bt = Backtester.run(s, new PolicySignalSource(policy, null, "random", "1"), cfg.backtest());
        int traded = 0;
        while (true) {
            StepResult r = env.step(policy.act(obs));
            assertEquals(bt.equity()[r.info().bar()], r.info().equity(), 0.0, "equity at bar " + r.info().bar());
            traded += r.info().notional() > 0 ? 1 : 0;
            if (r.done()) {
                break;
            }
            obs = r.observation();
        }
        assertTrue(traded > 50, "traded on " + traded + " bars");
    }

    @Test
    void inABacktestTheEquityIsTheEnvironmentsOnSyntheticBars() {
        EnvironmentConfig cfg = TradingEnvironmentTest.SYN_CFG;
        runsLikeTheEnvironment(TradingEnvironmentTest.AR, cfg, TradingEnvironmentTest.SYN_DATA.scaler());
    }

    @Test
    void inABacktestTheEquityIsTheEnvironmentsOnRealBars() {
        BarSeries s = TradingEnvironmentTest.real().view(0, 3_000);
        EnvironmentConfig cfg = TradingEnvironmentTest.realConfig(100).toBuilder().window(3).build();
        runsLikeTheEnvironment(s, cfg, EnvironmentData.fitScaler(s.view(0, 1_500), cfg.spec()));
    }

    @Test
    void warmsUpThenSignalsWithTheSizeAsConfidence() {
        EnvironmentConfig cfg = TradingEnvironmentTest.SYN_CFG;
        PpoPolicy policy = randomPolicy(TradingEnvironmentTest.SYN_DATA.scaler(), cfg, 8);
        PolicySignalSource source = new PolicySignalSource(policy, () -> Portfolio.ofCash(1_000), "p", "1");
        BarSeries s = TradingEnvironmentTest.AR;
        int first = TradingEnvironmentTest.SYN_DATA.firstDefined();
        for (int t = 0; t < first; t++) {
            assertInstanceOf(SignalResult.WarmingUp.class, source.onBar(TradingEnvironmentTest.SYN, TimeFrame.M1, s.bar(t)));
        }
        SignalResult r = source.onBar(TradingEnvironmentTest.SYN, TimeFrame.M1, s.bar(first));
        SignalResult.Ready ready = assertInstanceOf(SignalResult.Ready.class, r);
        double[] obs = new double[cfg.observationSize()];
        TradingEnvironmentTest.SYN_DATA.writeFeatures(first, 1, obs, 0);
        Action expected = policy.act(obs);
        assertEquals(expected.direction(), ready.signal().direction());
        assertEquals(expected.size(), ready.signal().confidence(), 1e-12);
    }

    @Test
    void refusesToSignalWithoutAPortfolio() {
        PolicySignalSource source = new PolicySignalSource(randomPolicy(TradingEnvironmentTest.SYN_DATA.scaler(),
                TradingEnvironmentTest.SYN_CFG, 1), null, "p", "1");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> source.onBar(TradingEnvironmentTest.SYN, TimeFrame.M1, TradingEnvironmentTest.AR.bar(0)));
        assertTrue(e.getMessage().contains("portfolio"), e.getMessage());
    }
}
