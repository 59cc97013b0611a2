package dev.sextant.trading.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
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

/** Champion updates through broadcast state: the switch bar, the journal, parallelism and restores. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FlinkChampionUpdateTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int SYNTHETIC = 24;
    private static final int BARS = 200;
    private static final int SWITCH_BAR = 80;

    static Path standard;
    static Path extended;
    static AccountSettings settings;
    static Map<Instrument, List<InstrumentBar>> universe;
    static List<InstrumentBar> bars;
    /** The close of bar {@link #SWITCH_BAR} of every instrument: the new champion's first bar. */
    static long switchClose;

    @BeforeAll
    static void trainTwoBundles() {
        standard = TestBundle.get();
        extended = TestBundle.extended();
        settings = AccountSettings.builder(TimeFrame.M1).minEdgeBps(0).build();
        universe = Universe.of(SYNTHETIC, 0, BARS, 2);
        bars = Universe.stream(universe);
        switchClose = universe.values().iterator().next().get(SWITCH_BAR).closeTime();
        for (List<InstrumentBar> own : universe.values()) {
            assertEquals(switchClose, own.get(SWITCH_BAR).closeTime(), "the instruments share their bar times");
        }
    }

    /**
     * The single-process decisions of a switch: one AccountBook per account whose signals come
     * from the old bundle before {@code from} and from a fresh source of the new bundle (its own
     * warm-up) at and after it.
     */
    static List<DecisionRow> singleProcess(Path before, Path after, long from, List<InstrumentBar> bars) {
        List<DecisionRow> rows = new ArrayList<>();
        Map<String, AccountBook> books = new HashMap<>();
        try (ModelBundle a = ModelBundle.load(before); ModelBundle b = ModelBundle.load(after)) {
            ModelSignalSource old = source(a);
            ModelSignalSource fresh = source(b);
            SignalSource switching = (instrument, frame, bar) -> bar.time() + frame.millis() < from
                    ? old.onBar(instrument, frame, bar) : fresh.onBar(instrument, frame, bar);
            for (InstrumentBar bar : bars) {
                AccountBook book = books.computeIfAbsent(bar.account(),
                        acct -> new AccountBook(settings, switching, bar.bar().time()));
                rows.add(DecisionRow.of(book.decide(bar)));
            }
        }
        return FlinkTradingJobTest.sorted(rows);
    }

    static ModelSignalSource source(ModelBundle b) {
        BundleManifest m = b.manifest();
        return new ModelSignalSource(m.featureSpec(), b.model(), m.bundleId(), m.bundleVersion());
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void aNewChampionDecidesFromItsEffectiveBarOnForEveryInstrumentAndIsJournaled(int parallelism) throws Exception {
        StreamExecutionEnvironment env = FlinkTradingJobTest.environment(parallelism);
        DataStream<ChampionUpdate> champions = env.fromData(ChampionUpdate.of(extended, Instant.ofEpochMilli(switchClose)));
        FlinkTradingJob.Streams out = FlinkTradingJob.builder(standard, settings).build()
                .apply(env.fromData(bars), champions);
        CloseableIterator<ChampionSwitch> journal = out.championSwitches().collectAsync();
        CloseableIterator<DecisionRow> decided = out.decisions().collectAsync();
        env.execute("champion switch");
        List<ChampionSwitch> switches = new ArrayList<>();
        journal.forEachRemaining(switches::add);
        List<DecisionRow> rows = new ArrayList<>();
        decided.forEachRemaining(rows::add);
        journal.close();
        decided.close();

        List<DecisionRow> expected = singleProcess(standard, extended, switchClose, bars);
        assertEquals(expected, FlinkTradingJobTest.sorted(rows));
        // Before the switch the old bundle's own decisions; after it the new one's, warming up again.
        List<DecisionRow> oldOnly = FlinkTradingJobTest.singleProcess(standard, settings, bars);
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).time() < switchClose) {
                assertEquals(oldOnly.get(i), expected.get(i));
            }
        }
        assertTrue(expected.stream().anyMatch(r -> r.time() == switchClose && r.direction().isEmpty()),
                "the new feature spec warms up from the switch bar");
        assertTrue(expected.stream().anyMatch(r -> r.time() > switchClose && !r.direction().isEmpty()),
                "the new champion decides after its warm-up");
        assertEquals(SYNTHETIC, switches.size());
        String digest = ChampionUpdate.of(extended, Instant.EPOCH).digest();
        for (ChampionSwitch s : switches) {
            assertEquals(switchClose, s.time(), s.toString());
            assertEquals("flink-test-extended", s.to().substring(0, s.to().indexOf('@')));
            assertEquals(digest, s.digest());
            assertTrue(s.rewarmed(), "another feature spec is rebuilt");
        }
    }

    @Test
    void aChampionOnTheSameFeatureSpecTakesOverTheFeatureStateWithoutWarmingUp() throws Exception {
        StreamExecutionEnvironment env = FlinkTradingJobTest.environment(2);
        // The same bundle as a new champion: same spec and window, so nothing warms up again and
        // the decisions are those of the bundle alone.
        DataStream<ChampionUpdate> champions = env.fromData(ChampionUpdate.of(standard, Instant.ofEpochMilli(switchClose)));
        FlinkTradingJob.Streams out = FlinkTradingJob.builder(standard, settings).build()
                .apply(env.fromData(bars), champions);
        CloseableIterator<ChampionSwitch> journal = out.championSwitches().collectAsync();
        CloseableIterator<DecisionRow> decided = out.decisions().collectAsync();
        env.execute("same-spec switch");
        List<ChampionSwitch> switches = new ArrayList<>();
        journal.forEachRemaining(switches::add);
        List<DecisionRow> rows = new ArrayList<>();
        decided.forEachRemaining(rows::add);
        journal.close();
        decided.close();

        assertEquals(FlinkTradingJobTest.singleProcess(standard, settings, bars), FlinkTradingJobTest.sorted(rows));
        assertEquals(SYNTHETIC, switches.size());
        assertTrue(switches.stream().noneMatch(ChampionSwitch::rewarmed));
    }

    @Test
    void anUpdateWhoseDigestDiffersIsRejectedOnceAndChangesNothing() throws Exception {
        StreamExecutionEnvironment env = FlinkTradingJobTest.environment(2);
        ChampionUpdate forged = new ChampionUpdate(extended.toAbsolutePath().toString(), "0".repeat(64), switchClose);
        FlinkTradingJob.Streams out = FlinkTradingJob.builder(standard, settings).build()
                .apply(env.fromData(bars), env.fromData(forged));
        CloseableIterator<ChampionUpdate> rejected = out.rejectedChampions().collectAsync();
        CloseableIterator<DecisionRow> decided = out.decisions().collectAsync();
        env.execute("forged champion");
        List<ChampionUpdate> refused = new ArrayList<>();
        rejected.forEachRemaining(refused::add);
        List<DecisionRow> rows = new ArrayList<>();
        decided.forEachRemaining(rows::add);
        rejected.close();
        decided.close();

        assertEquals(List.of(forged), refused);
        assertEquals(FlinkTradingJobTest.singleProcess(standard, settings, bars), FlinkTradingJobTest.sorted(rows));
    }

    @Test
    void anUpdateWithABadDigestIsRefusedWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChampionUpdate("/b", "ABC", 0));
        assertTrue(e.getMessage().contains("digest"), e.getMessage());
    }

    static final AtomicBoolean THROWN = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();

    /** Throws once after {@code after} bars, once a checkpoint has completed after them. */
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

    @Test
    void aRestoreFromACheckpointTakenAfterTheSwitchGivesTheSameDecisions() throws Exception {
        THROWN.set(false);
        CHECKPOINTS.set(0);
        StreamExecutionEnvironment env = FlinkTradingJobTest.environment(2);
        env.enableCheckpointing(100);
        // Fail well after the switch bar: the checkpoint restored holds the new champion's state.
        int after = SYNTHETIC * (SWITCH_BAR + (BARS - SWITCH_BAR) / 2);
        DataStream<InstrumentBar> source = env.fromData(bars).setParallelism(1).map(new FailOnce(after)).setParallelism(1);
        DataStream<ChampionUpdate> champions = env.fromData(ChampionUpdate.of(extended, Instant.ofEpochMilli(switchClose)));
        List<DecisionRow> actual = FlinkTradingJobTest.collect(FlinkTradingJob.builder(standard, settings).build()
                .apply(source, champions).decisions());

        assertTrue(THROWN.get(), "the failure was injected");
        assertEquals(singleProcess(standard, extended, switchClose, bars), actual);
    }
}
