package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarResampler;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.models.drift.DriftListener;
import dev.sextant.trading.models.drift.DriftMonitor;
import dev.sextant.trading.models.drift.DriftSettings;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFormatException.Problem;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.ReferenceHistogram;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ModelSignalSourceTest {
    private static final Instrument BTC = BacktesterTest.BTC;

    /**
     * A model that reads a window of {@code length} vectors and answers BUY when the last
     * vector's first feature is positive, SELL otherwise; it counts the inputs it saw.
     */
    private static final class WindowModel implements Model {
        final ModelMetadata metadata;
        final List<float[]> inputs = new ArrayList<>();

        WindowModel(int features, int length) {
            metadata = new ModelMetadata("window-test", "test", length == 1 ? InputKind.VECTOR : InputKind.WINDOW, features,
                    length, false, Provenance.unknown("test"));
        }

        @Override
        public ModelMetadata metadata() {
            return metadata;
        }

        @Override
        public double predict(float[] input, double[] probabilities) {
            inputs.add(input.clone());
            boolean up = input[input.length - metadata.featureCount()] > 0;
            probabilities[0] = up ? 0.2 : 0.6;
            probabilities[1] = 0.2;
            probabilities[2] = up ? 0.6 : 0.2;
            return Double.NaN;
        }

        @Override
        public void close() {
        }
    }

    private static BarSeries minutes(int from, int to) {
        return RealBars.btcMinutes().view(from, to);
    }

    @Test
    void aGuardedSourceHoldsOutOfDistributionBarsAndAlertsOnDrift() {
        BarSeries calm = dev.sextant.trading.engine.synthetic.SyntheticBars.ar1(6_000, -0.25, 0.001, 5);
        TrainingConfig config = TrainingConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(1)
                .labelThreshold(0.25).bundleId("calm").build();
        try (TrainedBundle trained = BundleTrainer.train(calm.view(0, 3_000), config)) {
            List<DriftAlert> alerts = new ArrayList<>();
            ModelSignalSource source = new ModelSignalSource(config.spec(), new NonClosing(trained.model()), "calm", "1",
                    new DriftGuard(trained.reference(), DriftSettings.defaults(), alerts::add));
            int ready = 0;
            int held = 0;
            for (int i = 3_000; i < calm.size(); i++) {
                switch (source.onBar(BTC, TimeFrame.M1, calm.bar(i))) {
                    case SignalResult.Ready r -> ready++;
                    case SignalResult.OutOfDistribution o -> {
                        held++;
                        assertTrue(o.distance() > o.threshold());
                    }
                    default -> {
                    }
                }
            }
            DriftMonitor monitor = source.monitor(BTC).orElseThrow();
            assertEquals(ready + held, monitor.bars());
            assertEquals(held, monitor.gated());
            assertTrue(held < 0.1 * monitor.bars(), "same process: few bars gated, got " + held + " of " + monitor.bars());
            // The same process but after a jump in price level and volatility: gated, and the features drift.
            BarSeries wild = dev.sextant.trading.engine.synthetic.SyntheticBars.ar1(2_000, 0.6, 0.02, 9);
            long shift = calm.time(calm.size() - 1) + 60_000 - wild.time(0);
            Instrument eth = Instrument.crypto("ETH/USD", "PAPER", "USD");
            int wildHeld = 0;
            for (int i = 0; i < wild.size(); i++) {
                dev.sextant.trading.core.Bar b = wild.bar(i);
                if (source.onBar(eth, TimeFrame.M1, new dev.sextant.trading.core.Bar(b.time() + shift, b.open(), b.high(),
                        b.low(), b.close(), b.volume())) instanceof SignalResult.OutOfDistribution) {
                    wildHeld++;
                }
            }
            assertTrue(wildHeld > 0.5 * wild.size(), "wild process: most bars gated, got " + wildHeld);
            assertTrue(alerts.stream().anyMatch(a -> a instanceof DriftAlert.FeatureDrift f && f.instrument().equals(eth.id())),
                    alerts.toString());
        }
    }

    @Test
    void aGuardOfOtherFeaturesIsRefused() {
        BarSeries calm = dev.sextant.trading.engine.synthetic.SyntheticBars.ar1(3_000, -0.25, 0.001, 5);
        TrainingConfig config = TrainingConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(1)
                .labelThreshold(0.25).bundleId("calm").build();
        try (TrainedBundle trained = BundleTrainer.train(calm, config)) {
            FeatureSpec other = FeatureSpec.extended35();
            assertThrows(IllegalArgumentException.class, () -> new ModelSignalSource(other, new WindowModel(other.size(), 1),
                    "x", "1", new DriftGuard(trained.reference(), DriftSettings.defaults(), DriftListener.NONE)));
        }
    }

    @Test
    void signalIsStampedAtTheBarsCloseWhenTheSpecNamesNoTimeFrame() {
        FeatureSpec spec = FeatureSpec.standard24();
        assertTrue(spec.timeframes().isEmpty(), "standard-24 names no time frame");
        ModelSignalSource source = new ModelSignalSource(spec, new WindowModel(spec.size(), 1), "test", "1");
        BarSeries bars = minutes(0, 200);
        int signals = 0;
        for (int i = 0; i < bars.size(); i++) {
            if (source.onBar(BTC, TimeFrame.M1, bars.bar(i)) instanceof SignalResult.Ready(Signal s)) {
                assertEquals(Instant.ofEpochMilli(bars.time(i) + 60_000), s.time(), "bar " + i);
                signals++;
            }
        }
        assertTrue(signals > 100);
    }

    @Test
    void signalIsStampedAtTheBarsCloseWhenTheSpecNamesTimeFrames() {
        FeatureSpec spec = FeatureSpec.standard24().withTimeframes(List.of(TimeFrame.M5, TimeFrame.M15));
        ModelSignalSource source = new ModelSignalSource(spec, new WindowModel(spec.size(), 1), "test", "1");
        BarSeries bars = BarResampler.resample(minutes(0, 3000), TimeFrame.M5, false);
        int signals = 0;
        for (int i = 0; i < bars.size(); i++) {
            if (source.onBar(BTC, TimeFrame.M5, bars.bar(i)) instanceof SignalResult.Ready(Signal s)) {
                assertEquals(Instant.ofEpochMilli(bars.time(i) + 300_000), s.time(), "bar " + i);
                signals++;
            }
        }
        assertTrue(signals > 100);
    }

    @Test
    void barsOfAnotherTimeFrameThanTheSpecsFailNamingBoth() {
        FeatureSpec spec = FeatureSpec.standard24().withTimeframes(List.of(TimeFrame.M5, TimeFrame.M15));
        ModelSignalSource source = new ModelSignalSource(spec, new WindowModel(spec.size(), 1), "test", "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> source.onBar(BTC, TimeFrame.M1, minutes(0, 1).bar(0)));
        assertTrue(e.getMessage().contains("5m") && e.getMessage().contains("1m"), e.getMessage());
    }

    @Test
    void warmsUpUntilFeaturesAndTheModelsWindowAreDefined() {
        FeatureSpec spec = FeatureSpec.standard24();
        int length = 5;
        WindowModel model = new WindowModel(spec.size(), length);
        ModelSignalSource source = new ModelSignalSource(spec, model, "test", "1");
        int warmUp = FeatureEngine.create(spec).warmUp();
        BarSeries bars = minutes(0, warmUp + length + 10);
        for (int i = 0; i < bars.size(); i++) {
            SignalResult r = source.onBar(BTC, TimeFrame.M1, bars.bar(i));
            if (i < warmUp + length - 1) {
                assertEquals(SignalResult.warmingUp(), r, "bar " + i);
            } else {
                assertInstanceOf(SignalResult.Ready.class, r, "bar " + i);
            }
        }
        // Each window holds the last `length` vectors, oldest first, exactly as the batch features give them.
        double[][] batch = FeatureEngine.create(spec).compute(bars);
        float[] last = model.inputs.get(model.inputs.size() - 1);
        for (int k = 0; k < length; k++) {
            for (int j = 0; j < spec.size(); j++) {
                assertEquals((float) batch[bars.size() - length + k][j], last[k * spec.size() + j], 0, "row " + k + " col " + j);
            }
        }
    }

    @Test
    void theLastModelInputIsACopyOfWhatTheModelReadForThatInstrument() {
        FeatureSpec spec = FeatureSpec.standard24();
        WindowModel model = new WindowModel(spec.size(), 3);
        ModelSignalSource source = new ModelSignalSource(spec, model, "test", "1");
        BarSeries bars = minutes(0, 120);
        assertEquals(Optional.empty(), source.lastModelInput(BTC), "no signal yet");
        source.onBar(BTC, TimeFrame.M1, bars.bar(0));
        assertEquals(Optional.empty(), source.lastModelInput(BTC), "still warming up");
        for (int i = 1; i < bars.size(); i++) {
            source.onBar(BTC, TimeFrame.M1, bars.bar(i));
        }
        float[] input = source.lastModelInput(BTC).orElseThrow();
        assertArrayEquals(model.inputs.getLast(), input);
        input[0] = Float.NaN;
        assertArrayEquals(model.inputs.getLast(), source.lastModelInput(BTC).orElseThrow(), "a copy");
        assertEquals(Optional.empty(), source.lastModelInput(Instrument.crypto("ETH/USD", "TEST", "USD")));
    }

    @Test
    void directionIsTheMostProbableClassAndConfidenceItsProbability() {
        FeatureSpec spec = FeatureSpec.standard24();
        ModelSignalSource source = new ModelSignalSource(spec, new WindowModel(spec.size(), 1), "bundle-7", "3");
        BarSeries bars = minutes(0, 120);
        Signal last = null;
        for (int i = 0; i < bars.size(); i++) {
            if (source.onBar(BTC, TimeFrame.M1, bars.bar(i)) instanceof SignalResult.Ready(Signal s)) {
                last = s;
            }
        }
        assertTrue(last != null);
        assertTrue(last.direction() != Direction.HOLD);
        assertEquals(0.6, last.confidence(), 1e-12);
        assertEquals(0.6, last.probabilities().of(last.direction()), 1e-12);
        assertEquals("bundle-7", last.modelId());
        assertEquals("3", last.modelVersion());
    }

    @Test
    void modelReadingAnotherFeatureCountIsRefusedAtConstruction() {
        FeatureSpec spec = FeatureSpec.standard24();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelSignalSource(spec, new WindowModel(spec.size() + 1, 1), "test", "1"));
        assertTrue(e.getMessage().contains("25") && e.getMessage().contains("24"), e.getMessage());
    }

    @Test
    void everySignalInABacktestIsStampedAtItsDecisionsTime() {
        BacktesterTest.train();
        BacktestResult r = Backtester.run(minutes(3000, 3600),
                new ModelSignalSource(FeatureSpec.standard24(), new NonClosing(BacktesterTest.model), "test", "1"),
                BacktesterTest.config(true));
        assertEquals(0, r.count(Decision.Kind.MODEL_FAILED));
        int withSignal = 0;
        for (Decision d : r.decisions()) {
            Optional<Signal> s = BacktesterTest.signalOf(d);
            if (s.isPresent()) {
                assertEquals(d.time(), s.get().time());
                withSignal++;
            }
        }
        assertTrue(withSignal > 500);
    }

    /** Real BTC minutes a guarded source runs on after its bundle was trained on the 3,000 before. */
    private static final int FROM = 3_000;
    private static final int TO = 4_000;
    /** A short window and a sensitive Page-Hinkley test, so that a thousand bars raise every kind of alert. */
    private static final DriftSettings SENSITIVE = DriftSettings.defaults().withWindow(60).withPageHinkley(0, 0.5);
    private static final FixedHorizonLabeler LABELS = new FixedHorizonLabeler(3, 0.25, 30);
    private static TrainedBundle btc;

    /** A logistic bundle with its drift reference, trained on the first 3,000 real BTC minutes (once). */
    static synchronized TrainedBundle btcBundle() {
        if (btc == null) {
            TrainingConfig config = TrainingConfig.builder(FeatureSpec.standard24()).models("logistic")
                    .horizon(LABELS.horizon()).labelThreshold(LABELS.k()).volatilityWindow(LABELS.volatilityWindow())
                    .bundleId("btc").build();
            btc = BundleTrainer.train(minutes(0, FROM), config);
        }
        return btc;
    }

    static ModelSignalSource guarded(DriftReference reference, List<DriftAlert> alerts) {
        return new ModelSignalSource(FeatureSpec.standard24(), new NonClosing(btcBundle().model()), "btc", "1",
                new DriftGuard(reference, SENSITIVE, alerts::add, Optional.of(LABELS)));
    }

    private static List<SignalResult> feed(ModelSignalSource source, BarSeries bars, int from, int to) {
        List<SignalResult> results = new ArrayList<>();
        for (int i = from; i < to; i++) {
            results.add(source.onBar(BTC, TimeFrame.M1, bars.bar(i)));
        }
        return results;
    }

    private static byte[] state(ModelSignalSource source) {
        return SourceStates.bytes(source, BTC);
    }

    private static void restore(ModelSignalSource source, byte[] state) throws IOException {
        SourceStates.restore(source, BTC, state);
    }

    /** The uninterrupted run: results per bar and alerts. */
    private record Run(List<SignalResult> results, List<DriftAlert> alerts) {
        static Run uninterrupted() {
            List<DriftAlert> alerts = new ArrayList<>();
            ModelSignalSource source = guarded(btcBundle().reference(), alerts);
            return new Run(feed(source, minutes(FROM, TO), 0, TO - FROM), alerts);
        }

        /** The run saved before bar {@code cut}, restored into a fresh guarded source, then fed the rest. */
        static Run resumedAt(int cut) throws IOException {
            BarSeries bars = minutes(FROM, TO);
            List<DriftAlert> alerts = new ArrayList<>();
            ModelSignalSource first = guarded(btcBundle().reference(), alerts);
            List<SignalResult> results = feed(first, bars, 0, cut);
            byte[] saved = state(first);
            List<DriftAlert> later = new ArrayList<>();
            ModelSignalSource fresh = guarded(btcBundle().reference(), later);
            assertEquals(first.stateKey(), fresh.stateKey());
            restore(fresh, saved);
            assertArrayEquals(saved, state(fresh), "a restored instrument saves the same bytes");
            assertEquals(List.of(), later, "a restore sends no alert");
            results.addAll(feed(fresh, bars, cut, bars.size()));
            alerts.addAll(later);
            return new Run(results, alerts);
        }
    }

    private static Run straight;

    private static synchronized Run straight() {
        if (straight == null) {
            straight = Run.uninterrupted();
            List<DriftAlert> alerts = straight.alerts();
            assertTrue(alerts.stream().anyMatch(a -> a instanceof DriftAlert.FeatureDrift), alerts.toString());
            assertTrue(alerts.stream().anyMatch(a -> a instanceof DriftAlert.PredictionDrift), alerts.toString());
            assertTrue(alerts.stream().anyMatch(a -> a instanceof DriftAlert.PerformanceDegraded), alerts.toString());
            assertTrue(straight.results().stream().anyMatch(r -> r instanceof SignalResult.OutOfDistribution),
                    "some bars are out of distribution");
        }
        return straight;
    }

    /**
     * Invariant: a guarded source saved at any bar of real BTC minutes and restored into a fresh
     * guarded source gives exactly the uninterrupted source's signals, out-of-distribution gates
     * (same distances) and drift alerts (same sequence, times and values), performance drift
     * included.
     */
    @Property(tries = 8)
    void aRestoredGuardedSourceSignalsGatesAndAlertsExactlyAsTheUninterruptedOne(
            @ForAll @IntRange(min = 0, max = TO - FROM) int cut) throws IOException {
        Run expected = straight();
        Run resumed = Run.resumedAt(cut);
        assertEquals(expected.results(), resumed.results(), "cut at bar " + cut);
        assertEquals(expected.alerts(), resumed.alerts(), "cut at bar " + cut);
    }

    @Test
    void aSnapshotWithPredictionsPendingJustBeforeAPerformanceAlertResumesToTheSameAlerts() throws IOException {
        Run expected = straight();
        Instant firstDegraded = expected.alerts().stream().filter(a -> a instanceof DriftAlert.PerformanceDegraded)
                .findFirst().orElseThrow().time();
        // The bar whose close raised it, and the snapshot just before: the last horizon bars' predictions are unsettled.
        BarSeries bars = minutes(FROM, TO);
        int cut = 0;
        while (bars.time(cut) + 60_000 != firstDegraded.toEpochMilli()) {
            cut++;
        }
        for (int i = cut - LABELS.horizon(); i < cut; i++) {
            SignalResult r = expected.results().get(i);
            assertTrue(r instanceof SignalResult.Ready || r instanceof SignalResult.OutOfDistribution,
                    "a prediction pending at bar " + i + ": " + r);
        }
        Run resumed = Run.resumedAt(cut);
        assertEquals(expected.alerts(), resumed.alerts());
        assertEquals(expected.results(), resumed.results());
    }

    @Test
    void aGuardedStateKeyNamesTheGuardAndDiffersFromTheUnguardedOne() {
        ModelSignalSource plain = new ModelSignalSource(FeatureSpec.standard24(), new NonClosing(btcBundle().model()), "btc",
                "1");
        ModelSignalSource guarded = guarded(btcBundle().reference(), new ArrayList<>());
        assertEquals("spec " + FeatureSpec.standard24().hash() + ", window 1", plain.stateKey());
        assertEquals(plain.stateKey() + ", drift reference " + btcBundle().reference().hash() + ", " + SENSITIVE
                + ", labels fixed horizon 3 bars, k=0.25, volatility window 30", guarded.stateKey());
        ModelSignalSource unlabelled = new ModelSignalSource(FeatureSpec.standard24(), new NonClosing(btcBundle().model()),
                "btc", "1", new DriftGuard(btcBundle().reference(), SENSITIVE, DriftListener.NONE));
        assertTrue(unlabelled.stateKey().endsWith(", labels none"), unlabelled.stateKey());
        assertTrue(!guarded(otherReference(), new ArrayList<>()).stateKey().equals(guarded.stateKey()));
    }

    /** The bundle's reference with another grid of predictions. */
    private static DriftReference otherReference() {
        DriftReference r = btcBundle().reference();
        double[] scores = new double[100];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i / 50.0 - 1;
        }
        return new DriftReference(r.features(), ReferenceHistogram.of(ReferenceHistogram.PREDICTION, scores, 10), r.loss(),
                r.ood());
    }

    @Test
    void aStateAgainstAnotherReferenceIsForeignAndTheInstrumentStartsCold() throws IOException {
        ModelSignalSource source = guarded(btcBundle().reference(), new ArrayList<>());
        feed(source, minutes(FROM, TO), 0, 300);
        byte[] saved = state(source);
        ModelSignalSource other = guarded(otherReference(), new ArrayList<>());
        feed(other, minutes(FROM, TO), 0, 100);
        StateFormatException e = assertThrows(StateFormatException.class, () -> restore(other, saved));
        assertEquals(Problem.FOREIGN, e.problem());
        assertEquals("drift monitor state", e.kind());
        assertTrue(e.getMessage().contains(btcBundle().reference().hash()), e.getMessage());
        assertEquals(Optional.empty(), other.monitor(BTC), "the instrument starts cold");
    }

    @Test
    void aCorruptedEngineLengthOrPendingProbabilityIsCorrupt() throws IOException {
        ModelSignalSource source = guarded(btcBundle().reference(), new ArrayList<>());
        feed(source, minutes(FROM, TO), 0, 300);
        byte[] saved = state(source);
        ModelSignalSource target = guarded(btcBundle().reference(), new ArrayList<>());
        byte[] length = saved.clone();
        ByteBuffer.wrap(length).putInt(1, Integer.MAX_VALUE);
        StateFormatException huge = assertThrows(StateFormatException.class, () -> restore(target, length));
        assertEquals(Problem.CORRUPT, huge.problem());
        assertTrue(huge.getMessage().contains("feature engine state of " + Integer.MAX_VALUE + " bytes"), huge.getMessage());
        byte[] pending = saved.clone();
        // The pending probabilities end the state: the last is a BUY probability.
        ByteBuffer.wrap(pending).putDouble(saved.length - 8, 1.5);
        StateFormatException probability = assertThrows(StateFormatException.class, () -> restore(target, pending));
        assertEquals(Problem.CORRUPT, probability.problem());
        assertTrue(probability.getMessage().endsWith("pending probability 11 of " + BTC.id() + " is 1.5"),
                probability.getMessage());
        assertEquals(Optional.empty(), target.monitor(BTC), "the instrument starts cold");
        restore(target, saved);
        assertArrayEquals(saved, state(target));
    }
}
