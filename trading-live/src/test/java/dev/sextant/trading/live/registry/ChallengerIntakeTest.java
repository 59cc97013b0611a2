package dev.sextant.trading.live.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.live.JournalEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChallengerIntakeTest {
    private static final BarSeries SERIES = dev.sextant.trading.engine.synthetic.SyntheticBars.randomWalk(300, 0.01, 5);
    private static final int REGISTERED_AT = 120;

    @TempDir
    Path dir;

    private static SignalSource load(ModelVersion v) {
        return LineupRig.momentum("model-" + v.version(), v.version() % 2 == 0);
    }

    private static ChampionChallengers lineup(ModelRegistry registry) {
        return ChampionChallengers.fromRegistry(registry, ChallengerIntakeTest::load);
    }

    private ModelRegistry registry(Path file) throws IOException {
        Path bundles = Files.createDirectories(dir.resolve(file.getFileName() + "-bundles"));
        ModelRegistry registry = ModelRegistry.sqlite(file, RegistryAudit.none());
        registry.register(TestBundles.write(bundles, "v1"), "", "", "alice", "");
        registry.register(TestBundles.write(bundles, "v2"), "", "", "alice", "");
        registry.promote(1, Stage.CHAMPION, "alice", "");
        return registry;
    }

    /** Runs the session over every bar; version 2 becomes a challenger after bar {@code REGISTERED_AT}. */
    private void run(Path journal, ModelRegistry registry) {
        ChampionChallengers lineup = lineup(registry);
        ChallengerIntake intake = new ChallengerIntake(registry, lineup, ChallengerIntakeTest::load, 1);
        try (LineupRig rig = new LineupRig(journal, SERIES, 0, lineup.signals(), List.of(lineup, intake))) {
            rig.session.start(rig.feed);
            rig.feed.deliver(REGISTERED_AT);
            registry.promote(2, Stage.CHALLENGER, "retraining", "");
            rig.feed.deliver(Integer.MAX_VALUE);
        }
        assertEquals(List.of(1L, 2L), lineup.versions());
    }

    @Test
    void aChallengerRegisteredWhileTheSessionRunsJoinsAtTheNextBarBoundaryJournaled() throws IOException {
        Path journal = dir.resolve("j.db");
        try (ModelRegistry registry = registry(dir.resolve("registry.db"))) {
            run(journal, registry);
        }
        List<JournalEvent.ChallengerJoined> joined = LineupRig.events(journal, JournalEvent.ChallengerJoined.class);
        assertEquals(1, joined.size());
        assertEquals(2, joined.get(0).version());
        List<JournalEvent.ShadowSignalGenerated> shadow = LineupRig.events(journal, JournalEvent.ShadowSignalGenerated.class);
        assertTrue(shadow.stream().allMatch(s -> s.registryVersion() == 2 && s.stage().equals("CHALLENGER")));
        // Registered after bar 119; the intake finds it after bar 120's decision, so it sees bars from 121 on and
        // warms up on two of them.
        assertEquals(SERIES.size() - REGISTERED_AT - 3, shadow.size());
        assertEquals(SERIES.time(REGISTERED_AT + 3) + SERIES.timeFrame().millis(), shadow.get(0).barClose().toEpochMilli());
    }

    @Test
    void recoveryJoinsTheChallengerAgainAtTheSameBarFromTheJournalNotFromTheRegistry() throws Exception {
        Path straight = dir.resolve("straight.db");
        try (ModelRegistry registry = registry(dir.resolve("registry-straight.db"))) {
            run(straight, registry);
        }
        Path live = dir.resolve("live.db");
        Path copy = dir.resolve("crashed.db");
        try (ModelRegistry registry = registry(dir.resolve("registry.db"))) {
            ChampionChallengers l1 = lineup(registry);
            LineupRig crashed = new LineupRig(live, SERIES, 0, l1.signals(),
                    List.of(l1, new ChallengerIntake(registry, l1, ChallengerIntakeTest::load, 1)));
            crashed.session.start(crashed.feed);
            crashed.feed.deliver(REGISTERED_AT);
            registry.promote(2, Stage.CHALLENGER, "retraining", "");
            crashed.feed.deliver(60);
            Files.copy(live, copy, StandardCopyOption.REPLACE_EXISTING);
            Path wal = live.resolveSibling(live.getFileName() + "-wal");
            if (Files.exists(wal)) {
                Files.copy(wal, copy.resolveSibling(copy.getFileName() + "-wal"), StandardCopyOption.REPLACE_EXISTING);
            }
            crashed.feed.stop();
            // The lineup the registry holds now already has version 2: recovery must still join it at bar 120, not at 0.
            ChampionChallengers l2 = ChampionChallengers.builder().champion(1, load(registry.get(1))).build();
            try (LineupRig rig = new LineupRig(copy, SERIES, 0, l2.signals(),
                    List.of(l2, new ChallengerIntake(registry, l2, ChallengerIntakeTest::load, 1)))) {
                rig.session.start(rig.feed);
                rig.feed.deliver(Integer.MAX_VALUE);
            }
            assertEquals(List.of(1L, 2L), l2.versions());
        }
        for (Class<? extends JournalEvent> type : List.of(JournalEvent.ShadowSignalGenerated.class,
                JournalEvent.SignalGenerated.class, JournalEvent.DecisionMade.class)) {
            assertEquals(LineupRig.events(straight, type), LineupRig.events(copy, type), type.getSimpleName());
        }
        assertEquals(1, LineupRig.events(copy, JournalEvent.ChallengerJoined.class).size());
    }
}
