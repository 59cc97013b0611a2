package dev.sextant.trading.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FlinkTradingJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = FlinkRig.cluster();

    /** 290 generated and 10 real instruments, 120 one-minute bars each, in 4 accounts. */
    private static final int SYNTHETIC = 290;
    private static final int REAL = 10;
    private static final int BARS = 120;
    private static final int ACCOUNTS = 4;

    static Path bundle;
    static AccountSettings settings;
    static Map<Instrument, List<InstrumentBar>> universe;
    /** The single-process decisions: one AccountBook per account, fed every bar in close-time order. */
    static List<DecisionRow> expected;

    @BeforeAll
    static void trainABundleAndDecideSingleProcess() throws Exception {
        bundle = TestBundle.get();
        // No minimum edge, so that orders are sized, checked and sent on the 1-minute bars.
        settings = AccountSettings.builder(TimeFrame.M1).minEdgeBps(0).build();
        universe = Universe.of(SYNTHETIC, REAL, BARS, ACCOUNTS);
        expected = FlinkRig.singleProcess(bundle, settings, Universe.stream(universe));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void decisionsEqualTheSingleProcessPipelineForEveryInstrumentAndBar(int parallelism) throws Exception {
        StreamExecutionEnvironment env = FlinkRig.environment(parallelism);
        DataStream<InstrumentBar> bars = env.fromData(Universe.stream(universe));
        List<DecisionRow> actual = FlinkRig.collect(FlinkTradingJob.builder(bundle, settings).build().apply(bars).decisions());
        assertEquals((SYNTHETIC + REAL) * BARS, actual.size());
        assertEquals(expected, actual);
        // The test means something: signals of every direction, and orders sent and checked.
        Set<String> directions = actual.stream().map(DecisionRow::direction).collect(Collectors.toSet());
        assertTrue(directions.containsAll(List.of("BUY", "SELL")), directions.toString());
        assertTrue(actual.stream().filter(DecisionRow::hasOrder).count() > 100, "orders sent");
    }

    @Test
    void directionsEqualEachInstrumentsOwnBacktest() throws Exception {
        // The engine's own single-instrument path, independent of AccountBook: the signal's
        // direction on every bar depends on the instrument alone.
        Map<String, String> byBacktest = new HashMap<>();
        try (ModelBundle loaded = ModelBundle.load(bundle)) {
            for (Map.Entry<Instrument, List<InstrumentBar>> e : universe.entrySet()) {
                BarSeries s = new BarSeries(e.getKey().id(), TimeFrame.M1, BARS);
                e.getValue().forEach(b -> s.append(b.bar()));
                ModelSignalSource signals = FlinkRig.signals(loaded);
                BacktestResult r = Backtester.run(s, signals, settings.backtestConfig(e.getKey()).toBuilder()
                        .keepDecisions(true).build());
                for (Decision d : r.decisions()) {
                    DecisionRow row = DecisionRow.of(d);
                    byBacktest.put(row.instrument() + " " + row.time(), row.direction());
                }
            }
        }
        StreamExecutionEnvironment env = FlinkRig.environment(2);
        List<DecisionRow> actual = FlinkRig.collect(FlinkTradingJob.builder(bundle, settings).build()
                .apply(env.fromData(Universe.stream(universe))).decisions());
        assertEquals(byBacktest.size(), actual.size());
        for (DecisionRow row : actual) {
            assertEquals(byBacktest.get(row.instrument() + " " + row.time()), row.direction(), row.toString());
        }
    }

    /** A venue-like map of orders. */
    static final Map<String, DecisionRow> VENUE = new ConcurrentHashMap<>();
    static final AtomicInteger RETRIES = new AtomicInteger();
    static final AtomicInteger CONFLICTS = new AtomicInteger();

    /** An idempotent venue: a repeated client order id is a retry of the order it already holds. */
    static void venue(DecisionRow order) {
        DecisionRow held = VENUE.putIfAbsent(order.clientOrderId(), order);
        if (held != null) {
            RETRIES.incrementAndGet();
            if (!held.equals(order)) {
                CONFLICTS.incrementAndGet();
            }
        }
    }

    @Test
    void aTaskFailureRestoredFromACheckpointGivesTheSameDecisionsAndNoDuplicateOrders() throws Exception {
        FlinkRig.FailOnce.reset();
        VENUE.clear();
        RETRIES.set(0);
        CONFLICTS.set(0);
        StreamExecutionEnvironment env = FlinkRig.environment(2);
        env.enableCheckpointing(100);
        // Every tenth generated instrument and the real ones keep the restarted run short.
        List<InstrumentBar> all = Universe.stream(universe).stream()
                .filter(b -> b.instrument().symbol().startsWith("BTC") || b.instrument().symbol().endsWith("0")).toList();
        List<DecisionRow> uninterrupted = FlinkRig.singleProcess(bundle, settings, all);
        DataStream<InstrumentBar> bars = env.fromData(all).setParallelism(1)
                .map(new FlinkRig.FailOnce(all.size() / 2)).setParallelism(1);
        FlinkTradingJob.Streams streams = FlinkTradingJob.builder(bundle, settings).build().apply(bars);
        streams.decisions().sinkTo(new OrderSink(FlinkTradingJobTest::venue));
        List<DecisionRow> actual = FlinkRig.collect(streams.decisions());

        assertTrue(FlinkRig.FailOnce.thrown(), "the failure was injected");
        assertEquals(uninterrupted, actual);
        Set<String> ordered = new TreeSet<>();
        uninterrupted.stream().filter(DecisionRow::hasOrder).forEach(r -> ordered.add(r.clientOrderId()));
        assertFalse(ordered.isEmpty());
        assertEquals(ordered, new TreeSet<>(VENUE.keySet()));
        assertEquals(0, CONFLICTS.get(), "a replayed order id always carries the same order");
    }

    @Test
    void aBarAtOrBeforeItsInstrumentsLastCloseIsDroppedAndCounted() throws Exception {
        Map<Instrument, List<InstrumentBar>> two = Universe.of(2, 0, BARS, 1);
        List<InstrumentBar> inOrder = Universe.stream(two);
        List<InstrumentBar> withLate = new ArrayList<>(inOrder);
        InstrumentBar repeated = inOrder.get(inOrder.size() / 2);
        InstrumentBar stale = new InstrumentBar(repeated.account(), repeated.instrument(), repeated.frameMillis(),
                new dev.sextant.trading.core.Bar(repeated.bar().time(), 1, 2, 0.5, 1.5, 10));
        withLate.add(withLate.size() * 3 / 4, stale);

        StreamExecutionEnvironment env = FlinkRig.environment(1);
        FlinkTradingJob.Streams streams = FlinkTradingJob.builder(bundle, settings).outOfOrderness(Duration.ofMinutes(1))
                .build().apply(env.fromData(withLate));
        FlinkRig.Collected<InstrumentBar> late = new FlinkRig.Collected<>(streams.lateBars());
        FlinkRig.Collected<DecisionRow> decided = new FlinkRig.Collected<>(streams.decisions());
        Long counted = env.execute("late bars").getAccumulatorResult(FlinkTradingJob.LATE_BARS_METRIC);
        List<InstrumentBar> dropped = late.drain();
        List<DecisionRow> rows = decided.drain();

        assertEquals(List.of(stale), dropped);
        assertEquals(1L, counted);
        assertEquals(FlinkRig.singleProcess(bundle, settings, inOrder), FlinkRig.sorted(rows));
    }
}
