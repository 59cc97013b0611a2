package dev.sextant.trading.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.DriftGuard;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.DriftSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job with {@link FlinkTradingJob.Builder#driftMonitoring}: a bundle trained on synthetic
 * AR(1) bars, fed more of those and slices of the real BTC/USD minutes (another regime), so that
 * bars are gated out of distribution and the monitors alert.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FlinkDriftMonitoringTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = FlinkRig.cluster();

    private static final int SYNTHETIC = 6;
    private static final int REAL = 6;
    private static final int BARS = 120;
    private static final int ACCOUNTS = 2;
    /** A short window, so that the monitors' windows fill and alert within 120 bars. */
    private static final DriftSettings DRIFT = DriftSettings.defaults().withWindow(20);

    static Path bundle;
    static AccountSettings settings;
    static List<InstrumentBar> bars;
    static SingleProcess expected;

    /** The single-process run: its decisions and the alerts its listener received, {@link #sortedAlerts}. */
    record SingleProcess(List<DecisionRow> decisions, List<DriftAlertRow> alerts) {
    }

    @BeforeAll
    static void trainABundleAndDecideSingleProcess() {
        bundle = TestBundle.get();
        settings = AccountSettings.builder(TimeFrame.M1).minEdgeBps(0).build();
        bars = Universe.stream(Universe.of(SYNTHETIC, REAL, BARS, ACCOUNTS));
        expected = singleProcess(bars);
        // The test means something: bars gated out of distribution, orders sent, and alerts of every
        // kind, before and after the middle bar where the restore test fails (about 490 gated bars,
        // 20 orders, 630 alerts with these seeds and slices).
        Map<String, Long> kinds = expected.decisions().stream()
                .collect(Collectors.groupingBy(DecisionRow::kind, Collectors.counting()));
        assertTrue(kinds.getOrDefault("out_of_distribution", 0L) > 100, kinds.toString());
        assertTrue(expected.decisions().stream().filter(DecisionRow::hasOrder).count() > 10, kinds.toString());
        assertEquals(Set.of(DriftAlertRow.Kind.values()),
                expected.alerts().stream().map(DriftAlertRow::kind).collect(Collectors.toSet()));
        long middle = bars.get(bars.size() / 2).closeTime();
        assertTrue(expected.alerts().stream().anyMatch(a -> a.time() < middle), "alerts before the failure");
        assertTrue(expected.alerts().stream().anyMatch(a -> a.time() > middle), "alerts after the failure");
    }

    /** The single-process pipeline with guarded sources of the bundle, on {@code bars}. */
    static SingleProcess singleProcess(List<InstrumentBar> bars) {
        List<DriftAlert> alerts = new ArrayList<>();
        try (ModelBundle loaded = ModelBundle.load(bundle)) {
            BundleManifest m = loaded.manifest();
            DriftGuard guard = DriftGuard.of(loaded, alerts::add).orElseThrow().withSettings(DRIFT);
            ModelSignalSource guarded = new ModelSignalSource(m.featureSpec(), loaded.model(), m.bundleId(),
                    m.bundleVersion(), guard);
            List<DecisionRow> decisions = FlinkRig.decide(settings, guarded, bars);
            return new SingleProcess(decisions, sortedAlerts(alerts.stream().map(DriftAlertRow::of).toList()));
        }
    }

    /** The alerts by instrument, time, kind, feature and detector; duplicates kept. */
    static List<DriftAlertRow> sortedAlerts(List<DriftAlertRow> alerts) {
        List<DriftAlertRow> copy = new ArrayList<>(alerts);
        copy.sort(Comparator.comparing(DriftAlertRow::instrument).thenComparingLong(DriftAlertRow::time)
                .thenComparing(DriftAlertRow::kind).thenComparing(DriftAlertRow::feature)
                .thenComparing(DriftAlertRow::detector));
        return copy;
    }

    private static FlinkTradingJob guardedJob() {
        return FlinkTradingJob.builder(bundle, settings).driftMonitoring(true).driftSettings(DRIFT).build();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void decisionsAndAlertsEqualTheSingleProcessPipelineWithGuardedSources(int parallelism) throws Exception {
        StreamExecutionEnvironment env = FlinkRig.environment(parallelism);
        FlinkTradingJob.Streams streams = guardedJob().apply(env.fromData(bars));
        FlinkRig.Collected<DecisionRow> decided = new FlinkRig.Collected<>(streams.decisions());
        FlinkRig.Collected<DriftAlertRow> alerted = new FlinkRig.Collected<>(streams.driftAlerts());
        env.execute("drift monitoring");

        assertEquals(expected.decisions(), FlinkRig.sorted(decided.drain()));
        assertEquals(expected.alerts(), sortedAlerts(alerted.drain()));
    }

    @Test
    void aTaskFailureRestoredFromACheckpointGivesTheSameDecisionsAndEachAlertOnce() throws Exception {
        FlinkRig.FailOnce.reset();
        StreamExecutionEnvironment env = FlinkRig.environment(2);
        env.enableCheckpointing(100);
        DataStream<InstrumentBar> source = env.fromData(bars).setParallelism(1)
                .map(new FlinkRig.FailOnce(bars.size() / 2)).setParallelism(1);
        FlinkTradingJob.Streams streams = guardedJob().apply(source);
        FlinkRig.Collected<DecisionRow> decided = new FlinkRig.Collected<>(streams.decisions());
        FlinkRig.Collected<DriftAlertRow> alerted = new FlinkRig.Collected<>(streams.driftAlerts());
        env.execute("drift monitoring with a failure");

        assertTrue(FlinkRig.FailOnce.thrown(), "the failure was injected");
        assertEquals(expected.decisions(), FlinkRig.sorted(decided.drain()));
        assertEquals(expected.alerts(), sortedAlerts(alerted.drain()));
    }

    @Test
    void withoutDriftMonitoringNoBarIsGatedAndNoAlertIsEmitted() throws Exception {
        StreamExecutionEnvironment env = FlinkRig.environment(1);
        FlinkTradingJob.Streams streams = FlinkTradingJob.builder(bundle, settings).build().apply(env.fromData(bars));
        FlinkRig.Collected<DecisionRow> decided = new FlinkRig.Collected<>(streams.decisions());
        FlinkRig.Collected<DriftAlertRow> alerted = new FlinkRig.Collected<>(streams.driftAlerts());
        env.execute("no drift monitoring");

        assertEquals(FlinkRig.singleProcess(bundle, settings, bars), FlinkRig.sorted(decided.drain()));
        assertEquals(List.of(), alerted.drain());
    }

    @Test
    void aBundleWithoutADriftReferenceFailsTheJobWithAOneLineError(@TempDir Path dir) throws IOException {
        Path old = withoutReference(dir);
        StreamExecutionEnvironment env = FlinkRig.environment(1);
        FlinkTradingJob job = FlinkTradingJob.builder(old, settings).driftMonitoring(true).build();
        job.apply(env.fromData(bars)).decisions().sinkTo(new OrderSink(row -> { }));

        Exception e = assertThrows(Exception.class, () -> env.execute("no reference"));
        Throwable cause = e;
        while (!(cause instanceof IllegalArgumentException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertEquals("drift monitoring needs a bundle with a drift reference but bundle " + old + " has none",
                cause.getMessage());
    }

    @Test
    void aChampionWithoutADriftReferenceIsRejectedAndTheJobsBundleKeepsDeciding(@TempDir Path dir) throws Exception {
        Path old = withoutReference(dir);
        ChampionUpdate update = ChampionUpdate.of(old, Instant.ofEpochMilli(bars.get(bars.size() / 2).closeTime()));
        StreamExecutionEnvironment env = FlinkRig.environment(2);
        FlinkTradingJob.Streams streams = guardedJob().apply(env.fromData(bars), env.fromData(update));
        FlinkRig.Collected<DecisionRow> decided = new FlinkRig.Collected<>(streams.decisions());
        FlinkRig.Collected<ChampionUpdate> rejected = new FlinkRig.Collected<>(streams.rejectedChampions());
        FlinkRig.Collected<ChampionSwitch> switches = new FlinkRig.Collected<>(streams.championSwitches());
        env.execute("champion without a reference");

        assertEquals(List.of(update), rejected.drain());
        assertEquals(List.of(), switches.drain());
        assertEquals(expected.decisions(), FlinkRig.sorted(decided.drain()));
    }

    /** A copy of the bundle without its drift reference, as written before references existed. */
    private static Path withoutReference(Path dir) throws IOException {
        Path old = dir.resolve("old");
        copy(bundle, old);
        Files.delete(old.resolve(DriftReference.FILE));
        Path sums = old.resolve(ModelBundle.CHECKSUMS);
        Files.writeString(sums, Files.readString(sums).replaceAll("(?m)^.*  reference\\.json\\n", ""));
        return old;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
