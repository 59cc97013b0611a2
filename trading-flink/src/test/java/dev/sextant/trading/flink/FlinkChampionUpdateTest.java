package dev.sextant.trading.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
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
    static final MiniClusterExtension CLUSTER = FlinkRig.cluster();

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
        try (ModelBundle a = ModelBundle.load(before); ModelBundle b = ModelBundle.load(after)) {
            ModelSignalSource old = FlinkRig.signals(a);
            ModelSignalSource fresh = FlinkRig.signals(b);
            SignalSource switching = (instrument, frame, bar) -> bar.time() + frame.millis() < from
                    ? old.onBar(instrument, frame, bar) : fresh.onBar(instrument, frame, bar);
            return FlinkRig.decide(settings, switching, bars);
        }
    }

    /** What a job that switched champions journaled and decided. */
    record Switched(List<ChampionSwitch> switches, List<DecisionRow> rows) {
    }

    /** Runs the standard bundle's job with {@code champion} effective at {@link #switchClose}. */
    static Switched switchAtSwitchClose(Path champion, int parallelism) throws Exception {
        StreamExecutionEnvironment env = FlinkRig.environment(parallelism);
        DataStream<ChampionUpdate> champions = env.fromData(ChampionUpdate.of(champion, Instant.ofEpochMilli(switchClose)));
        FlinkTradingJob.Streams out = FlinkTradingJob.builder(standard, settings).build()
                .apply(env.fromData(bars), champions);
        FlinkRig.Collected<ChampionSwitch> journal = new FlinkRig.Collected<>(out.championSwitches());
        FlinkRig.Collected<DecisionRow> decided = new FlinkRig.Collected<>(out.decisions());
        env.execute("champion switch");
        return new Switched(journal.drain(), decided.drain());
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void aNewChampionDecidesFromItsEffectiveBarOnForEveryInstrumentAndIsJournaled(int parallelism) throws Exception {
        Switched run = switchAtSwitchClose(extended, parallelism);
        List<ChampionSwitch> switches = run.switches();
        List<DecisionRow> rows = run.rows();

        List<DecisionRow> expected = singleProcess(standard, extended, switchClose, bars);
        assertEquals(expected, FlinkRig.sorted(rows));
        // Before the switch the old bundle's own decisions; after it the new one's, warming up again.
        List<DecisionRow> oldOnly = FlinkRig.singleProcess(standard, settings, bars);
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
        // The same bundle as a new champion: same spec and window, so nothing warms up again and
        // the decisions are those of the bundle alone.
        Switched run = switchAtSwitchClose(standard, 2);
        List<ChampionSwitch> switches = run.switches();
        List<DecisionRow> rows = run.rows();

        assertEquals(FlinkRig.singleProcess(standard, settings, bars), FlinkRig.sorted(rows));
        assertEquals(SYNTHETIC, switches.size());
        assertTrue(switches.stream().noneMatch(ChampionSwitch::rewarmed));
    }

    @Test
    void anUpdateWhoseDigestDiffersIsRejectedOnceAndChangesNothing() throws Exception {
        StreamExecutionEnvironment env = FlinkRig.environment(2);
        ChampionUpdate forged = new ChampionUpdate(extended.toAbsolutePath().toString(), "0".repeat(64), switchClose);
        FlinkTradingJob.Streams out = FlinkTradingJob.builder(standard, settings).build()
                .apply(env.fromData(bars), env.fromData(forged));
        FlinkRig.Collected<ChampionUpdate> rejected = new FlinkRig.Collected<>(out.rejectedChampions());
        FlinkRig.Collected<DecisionRow> decided = new FlinkRig.Collected<>(out.decisions());
        env.execute("forged champion");
        List<ChampionUpdate> refused = rejected.drain();
        List<DecisionRow> rows = decided.drain();

        assertEquals(List.of(forged), refused);
        assertEquals(FlinkRig.singleProcess(standard, settings, bars), FlinkRig.sorted(rows));
    }

    @Test
    void anUpdateWithABadDigestIsRefusedWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChampionUpdate("/b", "ABC", 0));
        assertTrue(e.getMessage().contains("digest"), e.getMessage());
    }

    @Test
    void aRestoreFromACheckpointTakenAfterTheSwitchGivesTheSameDecisions() throws Exception {
        FlinkRig.FailOnce.reset();
        StreamExecutionEnvironment env = FlinkRig.environment(2);
        env.enableCheckpointing(100);
        // Fail well after the switch bar: the checkpoint restored holds the new champion's state.
        int after = SYNTHETIC * (SWITCH_BAR + (BARS - SWITCH_BAR) / 2);
        DataStream<InstrumentBar> source = env.fromData(bars).setParallelism(1).map(new FlinkRig.FailOnce(after))
                .setParallelism(1);
        DataStream<ChampionUpdate> champions = env.fromData(ChampionUpdate.of(extended, Instant.ofEpochMilli(switchClose)));
        List<DecisionRow> actual = FlinkRig.collect(FlinkTradingJob.builder(standard, settings).build()
                .apply(source, champions).decisions());

        assertTrue(FlinkRig.FailOnce.thrown(), "the failure was injected");
        assertEquals(singleProcess(standard, extended, switchClose, bars), actual);
    }
}
