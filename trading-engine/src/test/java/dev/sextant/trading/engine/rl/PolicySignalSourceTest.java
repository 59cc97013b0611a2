package dev.sextant.trading.engine.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFormatException.Problem;
import dev.sextant.trading.core.io.StateFrame;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.InstrumentState;
import dev.sextant.trading.engine.SourceStates;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.internal.SimulatedMarket;
import dev.sextant.trading.engine.rl.internal.ActorCritic;
import dev.sextant.trading.engine.rl.internal.Mlp;
import dev.sextant.trading.features.FeatureScaler;
import dev.sextant.trading.models.Provenance;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
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

    // ---- Restorable state, on real BTC minutes ----

    private static final Instrument BTC = TradingEnvironmentTest.BTC;
    /** The layout of the state tests: standard features, a window of 3 vectors. */
    private static final EnvironmentConfig STATE_CFG = TradingEnvironmentTest.realConfig(200).toBuilder().window(3).build();
    private static FeatureScaler stateScaler;
    private static PpoPolicy trained;

    private static synchronized FeatureScaler stateScaler() {
        if (stateScaler == null) {
            stateScaler = EnvironmentData.fitScaler(TradingEnvironmentTest.real().view(0, 1_500), STATE_CFG.spec());
        }
        return stateScaler;
    }

    /** A small PPO policy trained on the first 1,500 real minutes (a few seconds). */
    private static synchronized PpoPolicy trained() {
        if (trained == null) {
            EnvironmentData data = EnvironmentData.of(TradingEnvironmentTest.real().view(0, 1_500), STATE_CFG.spec(),
                    stateScaler());
            trained = PpoTrainer.train("small", data, STATE_CFG, PolicyWalkForwardTest.SMALL);
        }
        return trained;
    }

    /** The trained policy, or an untrained one with large weights that changes position often. */
    private static PpoPolicy statePolicy(boolean trainedPolicy) {
        return trainedPolicy ? trained() : randomPolicy(stateScaler(), STATE_CFG, 21);
    }

    /**
     * A scripted account for one instrument: per bar a position held for 1 to 12 bars, long,
     * short or flat, entered at that bar's close; the same sequence for every source fed from it.
     */
    private static final class ScriptedAccount {
        private final Portfolio[] portfolios;
        private int bar;

        ScriptedAccount(BarSeries bars, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            portfolios = new Portfolio[bars.size()];
            double quantity = 0;
            double entry = 0;
            int left = 0;
            for (int i = 0; i < bars.size(); i++) {
                if (left == 0) {
                    quantity = (r.nextInt(3) - 1) * (0.05 + r.nextDouble());
                    entry = quantity == 0 ? 0 : bars.close(i);
                    left = 1 + r.nextInt(12);
                }
                left--;
                double close = bars.close(i);
                portfolios[i] = new Portfolio(10_000 - quantity * entry, Map.of(BTC, new Position(BTC, quantity, entry, 0)),
                        Map.of(BTC, close), 0, 10_000);
            }
        }

        Portfolio get() {
            return portfolios[bar];
        }
    }

    private static List<SignalResult> feed(PolicySignalSource source, ScriptedAccount account, BarSeries bars, int from,
            int to) {
        List<SignalResult> results = new ArrayList<>();
        for (int i = from; i < to; i++) {
            account.bar = i;
            results.add(source.onBar(BTC, TimeFrame.M1, bars.bar(i)));
        }
        return results;
    }

    private static byte[] state(PolicySignalSource source) {
        return SourceStates.bytes(source, BTC);
    }

    private static void restore(PolicySignalSource source, byte[] state) throws IOException {
        SourceStates.restore(source, BTC, state);
    }

    private static PolicySignalSource source(PpoPolicy policy, ScriptedAccount account) {
        return new PolicySignalSource(policy, account::get, "policy", "1");
    }

    /**
     * Invariant: a source saved before any bar of real BTC minutes and restored into a fresh
     * source (observing the same account) gives exactly the uninterrupted source's signals.
     */
    @Property(tries = 8)
    void aRestoredSourceSignalsExactlyAsTheUninterruptedOne(@ForAll @IntRange(min = 0, max = 400) int cut,
            @ForAll boolean trainedPolicy) throws IOException {
        BarSeries bars = TradingEnvironmentTest.real().view(3_000, 3_400);
        PpoPolicy policy = statePolicy(trainedPolicy);
        ScriptedAccount account = new ScriptedAccount(bars, 3);
        List<SignalResult> uninterrupted = feed(source(policy, account), account, bars, 0, bars.size());
        assertTrue(uninterrupted.stream().filter(r -> r instanceof SignalResult.Ready).count() > 300, "the source signals");

        PolicySignalSource first = source(policy, account);
        List<SignalResult> results = feed(first, account, bars, 0, cut);
        byte[] saved = state(first);
        PolicySignalSource fresh = source(policy, account);
        assertEquals(first.stateKey(), fresh.stateKey());
        restore(fresh, saved);
        assertArrayEquals(saved, state(fresh), "a restored instrument saves the same bytes");
        results.addAll(feed(fresh, account, bars, cut, bars.size()));
        assertEquals(uninterrupted, results, "cut at bar " + cut);
    }

    private static SimulatedMarket market(Bar first, PpoPolicy policy) {
        return new SimulatedMarket(STATE_CFG.backtest(), first, new PolicySignalSource(policy, null, "policy", "1"),
                false);
    }

    private static List<Decision> run(SimulatedMarket market, BarSeries bars, int from, int to) {
        List<Decision> decisions = new ArrayList<>();
        for (int i = from; i < to; i++) {
            market.arrive(bars.bar(i));
            decisions.add(market.decide(bars.bar(i)));
        }
        return decisions;
    }

    /**
     * Invariant: through {@code TradingPipeline.snapshot/restore} and the {@link InstrumentState}
     * bytes, an instrument saved at any bar and restored over another stretch's state decides
     * exactly as the uninterrupted pipeline (the policy observing the account it trades).
     */
    @Property(tries = 8)
    void aRestoredPipelineInstrumentDecidesExactlyAsTheUninterruptedOne(@ForAll @IntRange(min = 0, max = 999) int cutPermille,
            @ForAll boolean trainedPolicy) {
        BarSeries bars = TradingEnvironmentTest.real().view(3_000, 3_500);
        BarSeries other = TradingEnvironmentTest.real().view(5_000, 5_150);
        int n = bars.size();
        int cut = cutPermille * n / 1000;
        PpoPolicy policy = statePolicy(trainedPolicy);
        List<Decision> uninterrupted = run(market(bars.bar(0), policy), bars, 0, n);
        if (!trainedPolicy) {
            assertTrue(uninterrupted.stream().filter(d -> d.kind() == Decision.Kind.SENT).count() > 20, "the run trades");
        }

        SimulatedMarket resumed = market(bars.bar(0), policy);
        List<Decision> decisions = run(resumed, bars, 0, cut);
        InstrumentState saved = resumed.pipeline().snapshot(BTC);
        // Overwrite the instrument with another stretch's state (another source, policy and account), then put it back.
        SimulatedMarket scramble = market(other.bar(0), statePolicy(!trainedPolicy));
        run(scramble, other, 0, other.size());
        resumed.pipeline().restore(BTC, scramble.pipeline().snapshot(BTC));
        resumed.pipeline().restore(BTC, InstrumentState.fromBytes(saved.toBytes()));
        assertEquals(saved, resumed.pipeline().snapshot(BTC), "a restored instrument snapshots to the same bytes");
        decisions.addAll(run(resumed, bars, cut, n));
        assertEquals(uninterrupted, decisions, "cut at bar " + cut);
    }

    @Test
    void theTrainedPolicyChangesPositionOnTheseBars() {
        BarSeries bars = TradingEnvironmentTest.real().view(3_000, 3_500);
        List<Decision> decisions = run(market(bars.bar(0), trained()), bars, 0, bars.size());
        assertTrue(decisions.stream().anyMatch(d -> d.kind() == Decision.Kind.SENT), "the trained policy trades");
    }

    @Test
    void theStateKeyIsTheLayoutsSpecAndWindowNotThePolicysWeights() {
        PolicySignalSource trainedSource = new PolicySignalSource(trained(), null, "a", "1");
        PolicySignalSource randomSource = new PolicySignalSource(statePolicy(false), null, "b", "1");
        assertEquals("policy spec " + STATE_CFG.spec().hash() + ", window 3", trainedSource.stateKey());
        assertEquals(trainedSource.stateKey(), randomSource.stateKey());
        EnvironmentConfig five = STATE_CFG.toBuilder().window(5).build();
        PolicySignalSource wider = new PolicySignalSource(randomPolicy(stateScaler(), five, 21), null, "c", "1");
        assertEquals("policy spec " + STATE_CFG.spec().hash() + ", window 5", wider.stateKey());
    }

    @Test
    void aStateOfAnotherLayoutIsForeignToThePipelineAndChangesNothing() {
        BarSeries bars = TradingEnvironmentTest.real().view(3_000, 3_200);
        SimulatedMarket three = market(bars.bar(0), statePolicy(false));
        run(three, bars, 0, 150);
        EnvironmentConfig five = STATE_CFG.toBuilder().window(5).build();
        SimulatedMarket wider = market(bars.bar(0), randomPolicy(stateScaler(), five, 21));
        run(wider, bars, 0, 150);
        InstrumentState threeState = three.pipeline().snapshot(BTC);
        InstrumentState widerState = wider.pipeline().snapshot(BTC);
        StateFormatException e = assertThrows(StateFormatException.class, () -> wider.pipeline().restore(BTC, threeState));
        assertEquals(Problem.FOREIGN, e.problem());
        assertTrue(e.getMessage().contains("window 3 but this pipeline has ") && e.getMessage().endsWith("window 5"),
                e.getMessage());
        assertEquals(widerState, wider.pipeline().snapshot(BTC), "a foreign state is refused before it changes anything");
    }

    @Test
    void aTruncatedStateIsATypedErrorAndLeavesTheInstrumentCold() throws IOException {
        BarSeries bars = TradingEnvironmentTest.real().view(3_000, 3_200);
        SimulatedMarket market = market(bars.bar(0), statePolicy(false));
        run(market, bars, 0, 150);
        InstrumentState good = market.pipeline().snapshot(BTC);
        byte[] bytes = good.toBytes();
        StateFormatException truncated = assertThrows(StateFormatException.class,
                () -> InstrumentState.fromBytes(Arrays.copyOf(bytes, bytes.length - 20)));
        assertEquals(Problem.TRUNCATED, truncated.problem());
        // A payload cut inside the window, sealed with a valid checksum.
        StateFrame frame = StateFrame.open(bytes, InstrumentState.KIND, InstrumentState.VERSION);
        byte[] payload;
        try (DataInputStream in = frame.payload()) {
            payload = Arrays.copyOf(in.readAllBytes(), frame.payloadLength() - 20);
        }
        InstrumentState cut = InstrumentState.fromBytes(StateFrame.seal(InstrumentState.KIND, 1, good.key(), payload));
        StateFormatException e = assertThrows(StateFormatException.class, () -> market.pipeline().restore(BTC, cut));
        assertEquals(Problem.CORRUPT, e.problem());
        assertEquals("instrument state: corrupt: the payload of " + payload.length + " bytes ends before the state of "
                + BTC.id() + " does", e.getMessage());
        assertInstanceOf(Decision.WarmingUp.class, run(market, bars, 150, 151).get(0), "the instrument starts cold");
    }

    @Test
    void aStateCutShortEndsTheReadAndLeavesTheSourceCold() throws IOException {
        BarSeries bars = TradingEnvironmentTest.real().view(3_000, 3_300);
        ScriptedAccount account = new ScriptedAccount(bars, 5);
        PolicySignalSource source = source(statePolicy(false), account);
        feed(source, account, bars, 0, 200);
        byte[] saved = state(source);
        PolicySignalSource target = source(statePolicy(false), account);
        feed(target, account, bars, 0, 100);
        assertThrows(EOFException.class, () -> restore(target, Arrays.copyOf(saved, saved.length - 4)));
        assertArrayEquals(new byte[] {0}, state(target), "the instrument starts cold");
    }

    /** Offsets into a saved state: after the has-state flag and the engine's bytes come the window's fields. */
    private record Layout(int windowLength, int filled, int barsInPosition, int lastPosition) {
        static Layout of(byte[] state) {
            int engine = ByteBuffer.wrap(state).getInt(1);
            int window = 1 + 4 + engine;
            return new Layout(window, window + 8, state.length - 12, state.length - 8);
        }
    }

    private static void assertCorrupt(PolicySignalSource target, byte[] state, String message) {
        StateFormatException e = assertThrows(StateFormatException.class, () -> restore(target, state));
        assertEquals(Problem.CORRUPT, e.problem());
        assertEquals(InstrumentState.KIND, e.kind());
        assertEquals("instrument state: corrupt: " + message, e.getMessage());
        assertArrayEquals(new byte[] {0}, state(target), "the instrument starts cold");
    }

    @Test
    void impossibleValuesAreCorruptAndLeaveTheSourceCold() throws IOException {
        BarSeries bars = TradingEnvironmentTest.real().view(3_000, 3_300);
        ScriptedAccount account = new ScriptedAccount(bars, 5);
        PolicySignalSource source = source(statePolicy(false), account);
        feed(source, account, bars, 0, 200);
        byte[] saved = state(source);
        Layout at = Layout.of(saved);
        PolicySignalSource target = source(statePolicy(false), account);
        feed(target, account, bars, 0, 50);
        String id = BTC.id();

        byte[] length = saved.clone();
        ByteBuffer.wrap(length).putInt(1, Integer.MAX_VALUE);
        assertCorrupt(target, length, "feature engine state of " + Integer.MAX_VALUE + " bytes for " + id);
        ByteBuffer.wrap(length).putInt(1, -1);
        assertCorrupt(target, length, "feature engine state of -1 bytes for " + id);

        byte[] window = saved.clone();
        ByteBuffer.wrap(window).putInt(at.windowLength(), 4);
        int features = STATE_CFG.spec().size();
        assertCorrupt(target, window, "window of 4 vectors of " + features + " features for " + id
                + " but the policy reads 3 of " + features);

        byte[] filled = saved.clone();
        ByteBuffer.wrap(filled).putInt(at.filled(), -1);
        assertCorrupt(target, filled, "-1 vectors filled for " + id + " in a window of 3");
        ByteBuffer.wrap(filled).putInt(at.filled(), 4);
        assertCorrupt(target, filled, "4 vectors filled for " + id + " in a window of 3");

        byte[] bars0 = saved.clone();
        ByteBuffer.wrap(bars0).putInt(at.barsInPosition(), -2);
        assertCorrupt(target, bars0, "-2 bars in position for " + id);

        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            byte[] position = saved.clone();
            ByteBuffer.wrap(position).putDouble(at.lastPosition(), bad);
            assertCorrupt(target, position, "last position " + bad + " of " + id);
        }

        byte[] disagree = saved.clone();
        ByteBuffer.wrap(disagree).putInt(at.barsInPosition(), 0).putDouble(at.lastPosition(), 0.5);
        assertCorrupt(target, disagree, "last position 0.5 of " + id + " held for 0 bars");
        ByteBuffer.wrap(disagree).putInt(at.barsInPosition(), 3).putDouble(at.lastPosition(), 0);
        assertCorrupt(target, disagree, "last position 0.0 of " + id + " held for 3 bars");

        restore(target, saved);
        assertArrayEquals(saved, state(target), "the good state still restores");
        target.forget(BTC);
        assertArrayEquals(new byte[] {0}, state(target), "a forgotten instrument is cold");
    }
}
