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
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FlinkTradingJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

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
        expected = singleProcess(bundle, settings, Universe.stream(universe));
    }

    static List<DecisionRow> singleProcess(Path bundle, AccountSettings settings, List<InstrumentBar> bars) {
        List<DecisionRow> rows = new ArrayList<>();
        Map<String, AccountBook> books = new HashMap<>();
        try (ModelBundle loaded = ModelBundle.load(bundle)) {
            BundleManifest m = loaded.manifest();
            ModelSignalSource signals = new ModelSignalSource(m.featureSpec(), loaded.model(), m.bundleId(),
                    m.bundleVersion());
            for (InstrumentBar b : bars) {
                AccountBook book = books.computeIfAbsent(b.account(), a -> new AccountBook(settings, signals, b.bar().time()));
                rows.add(DecisionRow.of(book.decide(b)));
            }
        }
        return sorted(rows);
    }

    static List<DecisionRow> sorted(List<DecisionRow> rows) {
        List<DecisionRow> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(DecisionRow::instrument).thenComparingLong(DecisionRow::time));
        return copy;
    }

    static StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    static List<DecisionRow> collect(DataStream<DecisionRow> rows) throws Exception {
        List<DecisionRow> out = new ArrayList<>();
        try (CloseableIterator<DecisionRow> it = rows.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return sorted(out);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void decisionsEqualTheSingleProcessPipelineForEveryInstrumentAndBar(int parallelism) throws Exception {
        StreamExecutionEnvironment env = environment(parallelism);
        DataStream<InstrumentBar> bars = env.fromData(Universe.stream(universe));
        List<DecisionRow> actual = collect(FlinkTradingJob.builder(bundle, settings).build().apply(bars).decisions());
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
            BundleManifest m = loaded.manifest();
            for (Map.Entry<Instrument, List<InstrumentBar>> e : universe.entrySet()) {
                BarSeries s = new BarSeries(e.getKey().id(), TimeFrame.M1, BARS);
                e.getValue().forEach(b -> s.append(b.bar()));
                ModelSignalSource signals = new ModelSignalSource(m.featureSpec(), loaded.model(),
                        m.bundleId(), m.bundleVersion());
                BacktestResult r = Backtester.run(s, signals, settings.backtestConfig(e.getKey()).toBuilder()
                        .keepDecisions(true).build());
                for (Decision d : r.decisions()) {
                    DecisionRow row = DecisionRow.of(d);
                    byBacktest.put(row.instrument() + " " + row.time(), row.direction());
                }
            }
        }
        StreamExecutionEnvironment env = environment(2);
        List<DecisionRow> actual = collect(FlinkTradingJob.builder(bundle, settings).build()
                .apply(env.fromData(Universe.stream(universe))).decisions());
        assertEquals(byBacktest.size(), actual.size());
        for (DecisionRow row : actual) {
            assertEquals(byBacktest.get(row.instrument() + " " + row.time()), row.direction(), row.toString());
        }
    }

    /** Throws once, after {@code after} bars and after a checkpoint has completed; a venue-like map of orders. */
    static final AtomicBoolean THROWN = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();
    static final Map<String, DecisionRow> VENUE = new ConcurrentHashMap<>();
    static final AtomicInteger RETRIES = new AtomicInteger();
    static final AtomicInteger CONFLICTS = new AtomicInteger();

    static final class FailOnce implements MapFunction<InstrumentBar, InstrumentBar>, CheckpointListener {
        private final int after;
        private int seen;

        FailOnce(int after) {
            this.after = after;
        }

        @Override
        public InstrumentBar map(InstrumentBar bar) throws Exception {
            if (++seen >= after && !THROWN.get()) {
                if (CHECKPOINTS.get() > 0) {
                    THROWN.set(true);
                    throw new IllegalStateException("injected failure after " + seen + " bars");
                }
                // Slow down until a checkpoint has completed, so that the restart restores one.
                Thread.sleep(1);
            }
            return bar;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (seen >= after) {
                CHECKPOINTS.incrementAndGet();
            }
        }
    }

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
        THROWN.set(false);
        CHECKPOINTS.set(0);
        VENUE.clear();
        RETRIES.set(0);
        CONFLICTS.set(0);
        StreamExecutionEnvironment env = environment(2);
        env.enableCheckpointing(100);
        // Every tenth generated instrument and the real ones keep the restarted run short.
        List<InstrumentBar> all = Universe.stream(universe).stream()
                .filter(b -> b.instrument().symbol().startsWith("BTC") || b.instrument().symbol().endsWith("0")).toList();
        List<DecisionRow> uninterrupted = singleProcess(bundle, settings, all);
        DataStream<InstrumentBar> bars = env.fromData(all).setParallelism(1)
                .map(new FailOnce(all.size() / 2)).setParallelism(1);
        FlinkTradingJob.Streams streams = FlinkTradingJob.builder(bundle, settings).build().apply(bars);
        streams.decisions().sinkTo(new OrderSink(FlinkTradingJobTest::venue));
        List<DecisionRow> actual = collect(streams.decisions());

        assertTrue(THROWN.get(), "the failure was injected");
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

        StreamExecutionEnvironment env = environment(1);
        FlinkTradingJob.Streams streams = FlinkTradingJob.builder(bundle, settings).outOfOrderness(Duration.ofMinutes(1))
                .build().apply(env.fromData(withLate));
        CloseableIterator<InstrumentBar> late = streams.lateBars().collectAsync();
        CloseableIterator<DecisionRow> decided = streams.decisions().collectAsync();
        Long counted = env.execute("late bars").getAccumulatorResult(FlinkTradingJob.LATE_BARS_METRIC);
        List<InstrumentBar> dropped = new ArrayList<>();
        late.forEachRemaining(dropped::add);
        List<DecisionRow> rows = new ArrayList<>();
        decided.forEachRemaining(rows::add);
        late.close();
        decided.close();

        assertEquals(List.of(stale), dropped);
        assertEquals(1L, counted);
        assertEquals(singleProcess(bundle, settings, inOrder), sorted(rows));
    }
}
