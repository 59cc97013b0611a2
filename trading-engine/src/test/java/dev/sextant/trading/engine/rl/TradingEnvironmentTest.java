package dev.sextant.trading.engine.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.RealBars;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureScaler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TradingEnvironmentTest {
    static final Instrument BTC = Instrument.crypto("BTC/USD", "bitstamp", "USD");
    static final Instrument SYN = Instrument.equity("SYN", "test");

    static BarSeries real() {
        return RealBars.btcMinutes();
    }

    static List<Action> randomActions(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Action> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Action(Direction.ofIndex(r.nextInt(3)), r.nextDouble()));
        }
        return out;
    }

    static EnvironmentConfig realConfig(int episode) {
        return EnvironmentConfig.builder(BTC, TimeFrame.M1).episodeLength(episode).build();
    }

    static TradingEnvironment realEnvironment(EnvironmentConfig cfg) {
        BarSeries s = real();
        FeatureScaler scaler = EnvironmentData.fitScaler(s.view(0, s.size() / 2), cfg.spec());
        return new TradingEnvironment(EnvironmentData.of(s, cfg.spec(), scaler), cfg);
    }

    @Test
    void sameSeedAndActionsGiveTheSameEpisode() {
        EnvironmentConfig cfg = realConfig(300);
        TradingEnvironment a = realEnvironment(cfg);
        TradingEnvironment b = realEnvironment(cfg);
        assertArrayEquals(a.reset(7), b.reset(7));
        for (Action act : randomActions(300, 3)) {
            StepResult x = a.step(act);
            StepResult y = b.step(act);
            assertArrayEquals(x.observation(), y.observation());
            assertEquals(x.reward(), y.reward());
            assertEquals(x.info(), y.info());
            if (x.done()) {
                break;
            }
        }
        assertNotEquals(a.reset(7)[0], a.reset(8)[0], "another seed starts elsewhere");
    }

    /** Replays actions as signals, as the environment hands them to the pipeline. */
    static final class Replay implements SignalSource {
        final List<Action> actions;
        int next;

        Replay(List<Action> actions) {
            this.actions = actions;
        }

        @Override
        public SignalResult onBar(Instrument instrument, TimeFrame timeFrame, Bar bar) {
            Action a = next < actions.size() ? actions.get(next) : Action.HOLD;
            next++;
            return SignalResult.of(a.toSignal(instrument, Instant.ofEpochMilli(bar.time() + timeFrame.millis()),
                    "replay", "1"));
        }
    }

    @Test
    void equityAndFeesEqualTheBacktestersOnTheSameActionsOnRealData() {
        int steps = 600;
        EnvironmentConfig cfg = realConfig(steps);
        TradingEnvironment env = realEnvironment(cfg);
        int start = env.firstBar() + 2_000;
        List<Action> actions = randomActions(steps, 11);
        env.resetAt(start);
        List<StepResult> results = new ArrayList<>();
        for (Action a : actions) {
            StepResult r = env.step(a);
            results.add(r);
            if (r.done()) {
                break;
            }
        }
        int n = results.size();
        BacktestResult bt = Backtester.run(real().view(start, start + n + 1), new Replay(actions),
                cfg.backtest().toBuilder().keepDecisions(true).build());
        double fees = 0;
        for (Fill f : bt.fills()) {
            fees += f.fee();
        }
        assertTrue(bt.fills().size() > 20, "the actions traded: " + bt.fills().size());
        for (int k = 0; k < n; k++) {
            assertEquals(bt.equity()[k + 1], results.get(k).info().equity(), 0.0, "equity after step " + k);
            assertEquals(bt.decisions().get(k).kind(), results.get(k).info().decision(), "decision of step " + k);
        }
        assertEquals(fees, results.get(n - 1).info().fees(), 1e-9);
    }

    @Test
    void observationAtABarIgnoresEveryLaterBar() {
        BarSeries s = real().view(0, 3_000);
        int poisonFrom = 2_000;
        BarSeries poisoned = new BarSeries("poisoned", TimeFrame.M1, s.size());
        for (int i = 0; i < s.size(); i++) {
            double f = i >= poisonFrom ? 3.0 : 1.0;
            poisoned.append(s.time(i), s.open(i) * f, s.high(i) * f, s.low(i) * f, s.close(i) * f, s.volume(i) * f);
        }
        EnvironmentConfig cfg = realConfig(5_000);
        FeatureScaler scaler = EnvironmentData.fitScaler(s.view(0, 1_000), cfg.spec());
        TradingEnvironment clean = new TradingEnvironment(EnvironmentData.of(s, cfg.spec(), scaler), cfg);
        TradingEnvironment dirty = new TradingEnvironment(EnvironmentData.of(poisoned, cfg.spec(), scaler), cfg);
        int start = 1_500;
        assertArrayEquals(clean.resetAt(start), dirty.resetAt(start));
        List<Action> actions = randomActions(poisonFrom - 1 - start, 5);
        StepResult a = null;
        StepResult b = null;
        for (Action act : actions) {
            a = clean.step(act);
            b = dirty.step(act);
            assertArrayEquals(a.observation(), b.observation(), "observation at bar " + a.info().bar());
            assertEquals(a.info(), b.info());
        }
        assertEquals(poisonFrom - 1, a.info().bar());
        StepResult after = clean.step(Action.HOLD);
        assertNotEquals(after.observation()[0], dirty.step(Action.HOLD).observation()[0], "the poison is visible at bar "
                + after.info().bar());
    }

    @Test
    void stepBeforeResetOrAfterTheEndIsRefused() {
        TradingEnvironment env = realEnvironment(realConfig(2));
        assertThrows(IllegalStateException.class, () -> env.step(Action.HOLD));
        env.reset(1);
        env.step(Action.HOLD);
        assertTrue(env.step(Action.HOLD).truncated());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(Action.HOLD));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.resetAt(0));
    }

    static final BarSeries AR = SyntheticBars.ar1(3_000, -0.3, 0.002, 17);
    static final EnvironmentConfig SYN_CFG = EnvironmentConfig.builder(SYN, TimeFrame.M1).episodeLength(200).build();
    static final EnvironmentData SYN_DATA = EnvironmentData.of(AR, SYN_CFG.spec(),
            EnvironmentData.fitScaler(AR.view(0, 1_500), SYN_CFG.spec()));

    /**
     * Accounting identity per step: E' = E + p (c' - c) + q c' - sign(q) notional - fees, with q
     * the filled quantity. Tolerance 1e-6 on equity near 1e5: each term carries a few ulps of
     * 1e5 (about 1e-11), far below it.
     */
    @Property(tries = 25)
    void equityMovesByPositionTimesPriceChangeMinusCostsAndPositionStaysWithinTheSizedTarget(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        TradingEnvironment env = new TradingEnvironment(SYN_DATA, SYN_CFG);
        env.reset(seed);
        double equity = SYN_CFG.backtest().initialCash();
        double position = 0;
        double fees = 0;
        double bound = 0;
        for (Action a : randomActions(200, seed)) {
            int t = env.currentBar();
            double close = AR.close(t);
            bound = Math.max(bound, SYN_CFG.maxFraction() * equity / close);
            StepResult r = env.step(a);
            StepInfo i = r.info();
            double c1 = AR.close(i.bar());
            double q = i.position() - position;
            double expected = equity + position * (c1 - close) + q * c1 - Math.signum(q) * i.notional()
                    - (i.fees() - fees);
            assertEquals(expected, i.equity(), 1e-6, "equity at bar " + i.bar());
            assertTrue(Math.abs(i.position()) <= bound * (1 + 1e-12) + SYN.lotSize(), "position " + i.position()
                    + " beyond the largest sized target " + bound);
            double[] obs = r.observation();
            assertEquals(obs.length, SYN_CFG.observationSize());
            equity = i.equity();
            position = i.position();
            fees = i.fees();
            if (r.done()) {
                break;
            }
        }
    }
}
