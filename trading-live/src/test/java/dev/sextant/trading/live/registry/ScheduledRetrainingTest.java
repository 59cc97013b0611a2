package dev.sextant.trading.live.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ScheduledRetrainingTest {
    private static final BarSeries SERIES = SyntheticBars.randomWalk(200, 0.01, 11);

    @TempDir
    Path dir;

    /** A trainer that records its windows and, until released, blocks like a long training run. */
    private final class LatchedTrainer implements ScheduledRetraining.Retrainer {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Integer> windows = new CopyOnWriteArrayList<>();

        @Override
        public Path train(BarSeries bars, int run) throws Exception {
            windows.add(bars.size());
            started.countDown();
            if (!release.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("never released");
            }
            return TestBundles.write(dir, "run-" + run);
        }
    }

    @Test
    void theChampionKeepsDecidingWhileAModelTrainsAndTheResultBecomesAChallenger() throws Exception {
        LatchedTrainer trainer = new LatchedTrainer();
        Path journal = dir.resolve("j.db");
        try (ModelRegistry registry = ModelRegistry.sqlite(dir.resolve("registry.db"), RegistryAudit.none());
             ScheduledRetraining retraining = ScheduledRetraining.builder().instrument(LineupRig.BTC).registry(registry)
                     .retrainer(trainer).rolling(40).everyBars(50).build();
             LineupRig rig = new LineupRig(journal, SERIES, 0, LineupRig.momentum("momentum", false), List.of(retraining))) {
            rig.session.start(rig.feed);
            assertEquals(50, rig.feed.deliver(50));
            assertTrue(trainer.started.await(1, TimeUnit.MINUTES), "the first run started");
            // The trainer is blocked: the session must go on deciding on the feed's thread.
            assertEquals(120, rig.feed.deliver(120));
            assertEquals(170, rig.session.state().decisions());
            assertTrue(retraining.isTraining());
            assertEquals(2, retraining.skipped(), "runs due at bars 100 and 150 were skipped, not queued");
            assertTrue(registry.list().isEmpty());

            trainer.release.countDown();
            assertTrue(retraining.awaitIdle(Duration.ofMinutes(1)));
            ScheduledRetraining.Outcome.Registered done = assertInstanceOf(ScheduledRetraining.Outcome.Registered.class,
                    retraining.outcomes().getFirst());
            assertEquals(1, done.run());
            assertEquals(Stage.CHALLENGER, done.version().stage());
            assertEquals(List.of(Stage.CHALLENGER), registry.list().stream().map(ModelVersion::stage).toList());
            assertEquals(ScheduledRetraining.ACTOR, registry.history().getLast().actor());
            assertEquals(List.of(40), trainer.windows, "a rolling window of 40 bars");
            assertEquals(30, rig.feed.deliver(Integer.MAX_VALUE));
            assertTrue(retraining.awaitIdle(Duration.ofMinutes(1)));
            assertEquals(2, retraining.outcomes().size(), "the run due at bar 200 ran once the first had finished");
        }
        assertEquals(200, LineupRig.events(journal, JournalEvent.DecisionMade.class).size());
    }

    @Test
    void anExpandingWindowTrainsOnEveryBarSoFar() throws Exception {
        LatchedTrainer trainer = new LatchedTrainer();
        trainer.release.countDown();
        try (ModelRegistry registry = ModelRegistry.sqlite(dir.resolve("registry.db"), RegistryAudit.none());
             ScheduledRetraining retraining = ScheduledRetraining.builder().instrument(LineupRig.BTC).registry(registry)
                     .retrainer(trainer).expanding().every(Duration.ofMinutes(60)).build();
             LineupRig rig = new LineupRig(dir.resolve("j.db"), SERIES, 0, LineupRig.momentum("momentum", false),
                     List.of(retraining))) {
            rig.session.start(rig.feed);
            for (int i = 0; i < 4; i++) {
                rig.feed.deliver(50);
                assertTrue(retraining.awaitIdle(Duration.ofMinutes(1)));
            }
            // One-minute bars: a run every 60 minutes of bar time, each on every bar delivered so far.
            assertEquals(List.of(61, 121, 181), trainer.windows);
            assertEquals(3, registry.inStage(Stage.CHALLENGER).size());
        }
    }

    @Test
    void theBundleTrainerRetrainsARealBundleThatVerifies() throws Exception {
        BarSeries bars = TestBundles.BARS;
        try (ModelRegistry registry = ModelRegistry.sqlite(dir.resolve("registry.db"), RegistryAudit.none());
             ScheduledRetraining retraining = ScheduledRetraining.builder().instrument(LineupRig.BTC).registry(registry)
                     .retrainer(ScheduledRetraining.bundleTrainer(TestBundles.config(), dir.resolve("bundles")))
                     .rolling(bars.size()).everyBars(bars.size()).build();
             LineupRig rig = new LineupRig(dir.resolve("j.db"), bars, 0, LineupRig.momentum("momentum", false),
                     List.of(retraining))) {
            rig.session.start(rig.feed);
            rig.feed.deliver(Integer.MAX_VALUE);
            assertTrue(retraining.awaitIdle(Duration.ofMinutes(2)));
            ScheduledRetraining.Outcome.Registered done = assertInstanceOf(ScheduledRetraining.Outcome.Registered.class,
                    retraining.outcomes().getFirst(), retraining.outcomes().toString());
            assertEquals("1-r1", done.version().bundleVersion());
            assertTrue(ModelBundle.verify(Path.of(done.version().location())).trainingWindow().isPresent());
            assertTrue(done.version().lineage().validationLogLoss().isPresent());
        }
    }

    @Test
    void exactlyOneScheduleIsRequired() {
        try (ModelRegistry registry = ModelRegistry.sqlite(dir.resolve("registry.db"), RegistryAudit.none())) {
            ScheduledRetraining.Builder none = ScheduledRetraining.builder().instrument(LineupRig.BTC).registry(registry)
                    .retrainer((b, r) -> dir);
            assertThrows(IllegalArgumentException.class, none::build);
            ScheduledRetraining.Builder both = ScheduledRetraining.builder().instrument(LineupRig.BTC).registry(registry)
                    .retrainer((b, r) -> dir).everyBars(5).every(Duration.ofDays(1));
            assertThrows(IllegalArgumentException.class, both::build);
        }
    }
}
