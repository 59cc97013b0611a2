package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFormatException.Problem;
import dev.sextant.trading.core.io.StateFrame;
import dev.sextant.trading.engine.internal.SimulatedMarket;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.drift.DriftAlert;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TradingPipeline#snapshot} and {@link TradingPipeline#restore}: an instrument's state
 * taken at any bar and restored (through its bytes, over another state) decides exactly as the
 * uninterrupted pipeline, for a vector model and a sequence model; a fresh pipeline restored from
 * it gives the same signals; foreign and impossible states are typed errors.
 */
class InstrumentStateTest {
    private static final Instrument BTC = BacktesterTest.BTC;
    private static final FeatureSpec SPEC = BacktesterTest.SPEC;

    @BeforeAll
    @BeforeContainer
    static void train() {
        BacktesterTest.train();
    }

    /**
     * A sequence model: the window's vectors, weighted by age and feature, decide the class, so
     * that every vector of the window matters.
     */
    static final class SequenceModel implements Model {
        private final ModelMetadata metadata = new ModelMetadata("sequence-test", "test", InputKind.WINDOW, SPEC.size(), 5,
                false, Provenance.unknown("test"));

        @Override
        public ModelMetadata metadata() {
            return metadata;
        }

        @Override
        public double predict(float[] input, double[] probabilities) {
            double s = 0;
            for (int i = 0; i < input.length; i++) {
                s += input[i] * ((i / SPEC.size() + 1) * ((i % 3) - 1)) * 1e-3;
            }
            double up = 1 / (1 + Math.exp(-s));
            probabilities[0] = 0.8 * (1 - up);
            probabilities[1] = 0.2;
            probabilities[2] = 0.8 * up;
            return Double.NaN;
        }

        @Override
        public void close() {
        }
    }

    static ModelSignalSource source(boolean sequence) {
        return new ModelSignalSource(SPEC, sequence ? new SequenceModel() : new NonClosing(BacktesterTest.model), "test", "1");
    }

    static SimulatedMarket market(Bar first, boolean sequence) {
        return new SimulatedMarket(BacktesterTest.config(true), first, source(sequence), false);
    }

    static List<Decision> run(SimulatedMarket market, BarSeries bars, int from, int to) {
        List<Decision> decisions = new ArrayList<>();
        for (int i = from; i < to; i++) {
            market.arrive(bars.bar(i));
            decisions.add(market.decide(bars.bar(i)));
        }
        return decisions;
    }

    @Property(tries = 8)
    void restoredInstrumentDecidesExactlyAsTheUninterruptedPipeline(@ForAll @IntRange(min = 0, max = 999) int cutPermille,
            @ForAll boolean sequence) {
        BarSeries bars = RealBars.btcMinutes().view(3000, 3600);
        BarSeries other = RealBars.btcMinutes().view(5000, 5100);
        int n = bars.size();
        int cut = cutPermille * n / 1000;
        List<Decision> uninterrupted = run(market(bars.bar(0), sequence), bars, 0, n);
        assertTrue(uninterrupted.stream().anyMatch(d -> d.kind() == Decision.Kind.SENT), "the run trades");

        SimulatedMarket resumed = market(bars.bar(0), sequence);
        List<Decision> decisions = run(resumed, bars, 0, cut);
        InstrumentState saved = resumed.pipeline().snapshot(BTC);
        // Overwrite the instrument with another stretch's state, then put the saved one back.
        SimulatedMarket scramble = market(other.bar(0), sequence);
        run(scramble, other, 0, other.size());
        resumed.pipeline().restore(BTC, scramble.pipeline().snapshot(BTC));
        resumed.pipeline().restore(BTC, InstrumentState.fromBytes(saved.toBytes()));
        assertEquals(saved, resumed.pipeline().snapshot(BTC), "a restored instrument snapshots to the same bytes");
        decisions.addAll(run(resumed, bars, cut, n));
        assertEquals(uninterrupted, decisions, "cut at bar " + cut);

        // A fresh pipeline (fresh account) restored from the state gives the same signals.
        SimulatedMarket fresh = market(bars.bar(cut), sequence);
        fresh.pipeline().restore(BTC, saved);
        List<Decision> continued = run(fresh, bars, cut, n);
        for (int i = cut; i < n; i++) {
            Decision expected = uninterrupted.get(i);
            Decision actual = continued.get(i - cut);
            assertEquals(BacktesterTest.signalOf(expected), BacktesterTest.signalOf(actual), "signal at bar " + i);
            assertEquals(expected.kind() == Decision.Kind.WARMING_UP, actual.kind() == Decision.Kind.WARMING_UP,
                    "warm-up at bar " + i);
        }
    }

    @Test
    void stateOfAnotherInstrumentIsForeign() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 3100);
        SimulatedMarket market = market(bars.bar(0), false);
        run(market, bars, 0, 50);
        InstrumentState state = market.pipeline().snapshot(BTC);
        Instrument eth = Instrument.crypto("ETH/USD", "BITSTAMP", "USD");
        StateFormatException e = assertThrows(StateFormatException.class, () -> market.pipeline().restore(eth, state));
        assertEquals(Problem.FOREIGN, e.problem());
        assertTrue(e.getMessage().startsWith("instrument state: foreign: saved for instrument " + BTC.id() + ", frame 1m"),
                e.getMessage());
    }

    @Test
    void stateOfAnotherConfigurationIsForeign() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 3100);
        InstrumentState vector = market(bars.bar(0), false).pipeline().snapshot(BTC);
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> market(bars.bar(0), true).pipeline().restore(BTC, vector));
        assertEquals(Problem.FOREIGN, e.problem());
        assertTrue(e.getMessage().contains("window 1 but this pipeline has ") && e.getMessage().endsWith("window 5"),
                e.getMessage());
    }

    @Test
    void impossiblePayloadLeavesTheInstrumentCold() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 3200);
        SimulatedMarket market = market(bars.bar(0), false);
        run(market, bars, 0, 150);
        InstrumentState good = market.pipeline().snapshot(BTC);
        byte[] payload = new byte[] {1, 0, 0};
        InstrumentState shortState = InstrumentState.fromBytes(StateFrame.seal(InstrumentState.KIND, 1, good.key(), payload));
        StateFormatException e = assertThrows(StateFormatException.class, () -> market.pipeline().restore(BTC, shortState));
        assertEquals(Problem.CORRUPT, e.problem());
        assertEquals("instrument state: corrupt: the payload of 3 bytes ends before the state of " + BTC.id() + " does",
                e.getMessage());
        assertInstanceOf(Decision.WarmingUp.class, run(market, bars, 150, 151).get(0), "the instrument starts cold");
    }

    @Test
    void sourceWithoutStateFormIsRefused() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 3010);
        SignalSource lambda = (instrument, frame, bar) -> SignalResult.warmingUp();
        SimulatedMarket market = new SimulatedMarket(BacktesterTest.config(true), bars.bar(0), lambda, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> market.pipeline().snapshot(BTC));
        assertTrue(e.getMessage().endsWith("keeps no restorable per-instrument state (it is not a RestorableSignalSource)"),
                e.getMessage());
    }

    @Test
    void precomputedSignalsKeepOnlyTheSizingEstimates() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 3100);
        long[] times = new long[bars.size()];
        double[] p = new double[3 * bars.size()];
        for (int i = 0; i < bars.size(); i++) {
            times[i] = bars.time(i);
            p[3 * i + (i % 3)] = 1.0;
        }
        SimulatedMarket a = new SimulatedMarket(BacktesterTest.config(true), bars.bar(0),
                new PrecomputedSignals(times, p, "pre", "1"), false);
        List<Decision> all = run(a, bars, 0, bars.size());
        SimulatedMarket b = new SimulatedMarket(BacktesterTest.config(true), bars.bar(0),
                new PrecomputedSignals(times, p, "pre", "1"), false);
        List<Decision> resumed = run(b, bars, 0, 70);
        InstrumentState state = b.pipeline().snapshot(BTC);
        assertTrue(state.key().endsWith("signals precomputed"), state.key());
        b.pipeline().restore(BTC, InstrumentState.fromBytes(state.toBytes()));
        resumed.addAll(run(b, bars, 70, bars.size()));
        assertEquals(all, resumed);
        assertEquals(TimeFrame.M1, b.pipeline().timeFrame());
    }

    private static SimulatedMarket guardedMarket(Bar first, List<DriftAlert> alerts) {
        return new SimulatedMarket(BacktesterTest.config(true), first,
                ModelSignalSourceTest.guarded(ModelSignalSourceTest.btcBundle().reference(), alerts), false);
    }

    @Test
    void aGuardedInstrumentRestoredIntoAFreshPipelineDecidesGatesAndAlertsAsTheUninterruptedOne() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 3800);
        int n = bars.size();
        int cut = 500;
        List<DriftAlert> expectedAlerts = new ArrayList<>();
        List<Decision> uninterrupted = run(guardedMarket(bars.bar(0), expectedAlerts), bars, 0, n);
        assertTrue(uninterrupted.stream().anyMatch(d -> d.kind() == Decision.Kind.OUT_OF_DISTRIBUTION), "some bars gated");
        assertTrue(expectedAlerts.stream().anyMatch(a -> a.time().toEpochMilli() > bars.time(cut)
                && a instanceof DriftAlert.PerformanceDegraded), "performance alerts after the cut: " + expectedAlerts);

        List<DriftAlert> alerts = new ArrayList<>();
        SimulatedMarket first = guardedMarket(bars.bar(0), alerts);
        run(first, bars, 0, cut);
        InstrumentState saved = InstrumentState.fromBytes(first.pipeline().snapshot(BTC).toBytes());
        assertTrue(saved.key().contains(", drift reference "), saved.key());
        SimulatedMarket fresh = guardedMarket(bars.bar(cut), alerts);
        fresh.pipeline().restore(BTC, saved);
        assertEquals(saved, fresh.pipeline().snapshot(BTC), "a restored instrument snapshots to the same bytes");
        List<Decision> continued = run(fresh, bars, cut, n);
        assertEquals(expectedAlerts, alerts);
        for (int i = cut; i < n; i++) {
            Decision expected = uninterrupted.get(i);
            Decision actual = continued.get(i - cut);
            assertEquals(BacktesterTest.signalOf(expected), BacktesterTest.signalOf(actual), "signal at bar " + i);
            assertEquals(expected.kind() == Decision.Kind.OUT_OF_DISTRIBUTION,
                    actual.kind() == Decision.Kind.OUT_OF_DISTRIBUTION, "gate at bar " + i);
        }
    }

    @Test
    void aGuardedStateIsForeignToAnUnguardedPipelineAndTheReverse() {
        BarSeries bars = RealBars.btcMinutes().view(3000, 3200);
        SimulatedMarket guarded = guardedMarket(bars.bar(0), new ArrayList<>());
        run(guarded, bars, 0, 150);
        SimulatedMarket plain = market(bars.bar(0), false);
        run(plain, bars, 0, 150);
        InstrumentState guardedState = guarded.pipeline().snapshot(BTC);
        InstrumentState plainState = plain.pipeline().snapshot(BTC);
        StateFormatException intoPlain = assertThrows(StateFormatException.class,
                () -> plain.pipeline().restore(BTC, guardedState));
        assertEquals(Problem.FOREIGN, intoPlain.problem());
        assertTrue(intoPlain.getMessage().contains(", drift reference ") && intoPlain.getMessage().endsWith("window 1"),
                intoPlain.getMessage());
        StateFormatException intoGuarded = assertThrows(StateFormatException.class,
                () -> guarded.pipeline().restore(BTC, plainState));
        assertEquals(Problem.FOREIGN, intoGuarded.problem());
        // A foreign state is refused before it changes anything.
        assertEquals(plainState, plain.pipeline().snapshot(BTC));
        assertEquals(guardedState, guarded.pipeline().snapshot(BTC));
    }

    @Test
    void aTruncatedGuardedStateIsATypedErrorAndLeavesTheInstrumentCold() throws IOException {
        BarSeries bars = RealBars.btcMinutes().view(3000, 3200);
        SimulatedMarket market = guardedMarket(bars.bar(0), new ArrayList<>());
        run(market, bars, 0, 150);
        InstrumentState good = market.pipeline().snapshot(BTC);
        byte[] bytes = good.toBytes();
        StateFormatException truncated = assertThrows(StateFormatException.class,
                () -> InstrumentState.fromBytes(Arrays.copyOf(bytes, bytes.length - 100)));
        assertEquals(Problem.TRUNCATED, truncated.problem());
        // A payload cut inside the drift monitor's windows, sealed with a valid checksum.
        byte[] payload;
        try (DataInputStream in = good.frame().payload()) {
            payload = Arrays.copyOf(in.readAllBytes(), good.frame().payloadLength() - 100);
        }
        InstrumentState cut = InstrumentState.fromBytes(StateFrame.seal(InstrumentState.KIND, 1, good.key(), payload));
        StateFormatException e = assertThrows(StateFormatException.class, () -> market.pipeline().restore(BTC, cut));
        assertEquals(Problem.CORRUPT, e.problem());
        assertEquals("instrument state: corrupt: the payload of " + payload.length + " bytes ends before the state of "
                + BTC.id() + " does", e.getMessage());
        assertInstanceOf(Decision.WarmingUp.class, run(market, bars, 150, 151).get(0), "the instrument starts cold");
    }
}
