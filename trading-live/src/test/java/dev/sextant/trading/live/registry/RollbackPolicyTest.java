package dev.sextant.trading.live.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.SessionComponent;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RollbackPolicyTest {
    private static final int BARS = 200;
    private static final BarSeries SERIES = SyntheticBars.randomWalk(BARS, 0.01, 11);
    private static final FixedHorizonLabeler LABELS = new FixedHorizonLabeler(1, 0.25, 20);
    private static final RollbackPolicy.Settings SETTINGS = new RollbackPolicy.Settings(0.01, 30, 200, 10, 0.02);
    private static final ClassProbabilities UNIFORM = new ClassProbabilities(1 / 3.0, 1 / 3.0, 1 / 3.0);
    /** Sure of BUY: about 3 nats lost on every bar that is not a rise. */
    private static final ClassProbabilities OVERCONFIDENT = new ClassProbabilities(0.05, 0.05, 0.9);

    @TempDir
    Path dir;

    /** Version 2 (overconfident) is champion, version 1 (uniform) the previous champion. */
    private static ChampionChallengers lineup() {
        return ChampionChallengers.builder().champion(2, LineupRig.constant("overconfident", OVERCONFIDENT))
                .previousChampion(1, LineupRig.constant("uniform", UNIFORM)).build();
    }

    private static RollbackPolicy policy(ChampionChallengers lineup, double validationLoss, ModelRegistry registry) {
        RollbackPolicy.Builder b = RollbackPolicy.builder().lineup(lineup).previousChampion(1).labeler(LABELS)
                .validationLoss(validationLoss).settings(SETTINGS);
        if (registry != null) {
            b.registry(registry);
        }
        return b.build();
    }

    private ModelRegistry registryWithTwoChampions(Path file) {
        ModelRegistry registry = ModelRegistry.sqlite(file, RegistryAudit.none());
        registry.register(TestBundles.write(dir, "v1"), "", "", "alice", "");
        registry.register(TestBundles.write(dir, "v2"), "", "", "alice", "");
        registry.promote(1, Stage.CHAMPION, "alice", "");
        registry.promote(2, Stage.CHAMPION, "alice", "");
        return registry;
    }

    @Test
    void aChampionFarWorseThanItsValidationIsRolledBackJournaledAndTheRegistryFollows() {
        Path journal = dir.resolve("j.db");
        try (ModelRegistry registry = registryWithTwoChampions(dir.resolve("registry.db"))) {
            ChampionChallengers lineup = lineup();
            RollbackPolicy policy = policy(lineup, 0.9, registry);
            try (LineupRig rig = new LineupRig(journal, SERIES, 0, lineup.signals(), List.of(lineup, policy))) {
                rig.session.start(rig.feed);
                rig.feed.deliver(Integer.MAX_VALUE);
            }
            JournalEvent.ChampionRolledBack event = policy.rolledBack().orElseThrow();
            assertEquals("version 2", event.fromModel());
            assertEquals("version 1", event.toModel());
            assertEquals(SETTINGS.minSamples(), event.samples(), "rolled back at the first test");
            assertTrue(event.pValue() < 0.01 && event.liveLoss() > 0.9, event.toString());
            assertEquals(1, lineup.champion());
            assertEquals(Stage.RETIRED, lineup.stage(2));
            assertEquals(1, registry.champion().orElseThrow().version());
            StageChange last = registry.history().getLast();
            assertEquals(Move.RESTORE, last.move());
            assertEquals(RollbackPolicy.ACTOR, last.actor());
            assertTrue(last.reason().startsWith("live log loss"), last.reason());
        }
        assertEquals(1, LineupRig.events(journal, JournalEvent.ChampionRolledBack.class).size());
        List<String> traded = LineupRig.events(journal, JournalEvent.SignalGenerated.class).stream()
                .map(JournalEvent.SignalGenerated::modelId).toList();
        int switched = traded.indexOf("uniform");
        assertTrue(switched > 0, "the previous champion trades after the rollback");
        assertTrue(traded.subList(0, switched).stream().allMatch("overconfident"::equals));
        assertTrue(traded.subList(switched, traded.size()).stream().allMatch("uniform"::equals));
        assertTrue(LineupRig.events(journal, JournalEvent.ShadowSignalGenerated.class).stream()
                .anyMatch(s -> s.modelId().equals("overconfident") && s.stage().equals("RETIRED")));
    }

    @Test
    void recoveryReCreatesTheRollbackWithoutRollingTheRegistryBackTwice() throws Exception {
        Path straight = dir.resolve("straight.db");
        ChampionChallengers l1 = lineup();
        try (LineupRig rig = new LineupRig(straight, SERIES, 0, l1.signals(), List.of(l1, policy(l1, 0.9, null)))) {
            rig.session.start(rig.feed);
            rig.feed.deliver(Integer.MAX_VALUE);
        }
        Path live = dir.resolve("live.db");
        Path copy = dir.resolve("crashed.db");
        try (ModelRegistry registry = registryWithTwoChampions(dir.resolve("registry.db"))) {
            ChampionChallengers l2 = lineup();
            LineupRig crashed = new LineupRig(live, SERIES, 0, l2.signals(), List.of(l2, policy(l2, 0.9, registry)));
            crashed.session.start(crashed.feed);
            crashed.feed.deliver(150);
            Files.copy(live, copy, StandardCopyOption.REPLACE_EXISTING);
            Path wal = live.resolveSibling(live.getFileName() + "-wal");
            if (Files.exists(wal)) {
                Files.copy(wal, copy.resolveSibling(copy.getFileName() + "-wal"), StandardCopyOption.REPLACE_EXISTING);
            }
            crashed.feed.stop();
            assertEquals(1, LineupRig.events(copy, JournalEvent.ChampionRolledBack.class).size(),
                    "the rollback is durable before the crash");
            int changes = registry.history().size();
            ChampionChallengers l3 = lineup();
            try (LineupRig rig = new LineupRig(copy, SERIES, 0, l3.signals(), List.of(l3, policy(l3, 0.9, registry)))) {
                rig.session.start(rig.feed);
                rig.feed.deliver(Integer.MAX_VALUE);
            }
            assertEquals(changes, registry.history().size(), "re-creating the rollback leaves the registry alone");
            assertEquals(1, l3.champion());
        }
        assertEquals(LineupRig.events(straight, JournalEvent.ChampionRolledBack.class),
                LineupRig.events(copy, JournalEvent.ChampionRolledBack.class));
        assertEquals(LineupRig.events(straight, JournalEvent.SignalGenerated.class),
                LineupRig.events(copy, JournalEvent.SignalGenerated.class));
    }

    /** Journals nothing; counts what it was given. */
    private static final class CountingContext implements SessionComponent.Context {
        final List<JournalEvent> journaled = new ArrayList<>();

        @Override
        public void journal(JournalEvent event, boolean durable) {
            journaled.add(event);
        }

        @Override
        public boolean recovering() {
            return false;
        }

        @Override
        public Instant now() {
            return Instant.EPOCH;
        }
    }

    private static RollbackPolicy feed(long seed, ChampionChallengers lineup, double validationLoss, CountingContext ctx) {
        BarSeries bars = SyntheticBars.randomWalk(400, 0.01, seed);
        RollbackPolicy policy = policy(lineup, validationLoss, null);
        TimeFrame frame = bars.timeFrame();
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.bar(i);
            lineup.signals().onBar(LineupRig.BTC, frame, bar);
            lineup.onBar(LineupRig.BTC, frame, bar, ctx);
            policy.onBar(LineupRig.BTC, frame, bar, ctx);
        }
        return policy;
    }

    @Property(tries = 30)
    void aChampionNoWorseThanItsValidationIsNeverRolledBack(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @DoubleRange(min = 0, max = 1) double margin) {
        // The uniform model loses exactly ln 3 on every bar: its excess over a validation loss of ln 3 + margin is never positive.
        ChampionChallengers lineup = ChampionChallengers.builder().champion(2, LineupRig.constant("uniform", UNIFORM))
                .previousChampion(1, LineupRig.constant("other", OVERCONFIDENT)).build();
        CountingContext ctx = new CountingContext();
        RollbackPolicy policy = feed(seed, lineup, Math.log(3) + margin, ctx);
        assertTrue(policy.scored() > 300, "scored " + policy.scored());
        assertTrue(policy.rolledBack().isEmpty());
        assertEquals(2, lineup.champion());
    }

    @Property(tries = 30)
    void aChampionFarWorseThanItsValidationIsRolledBackWithinTheFirstTests(
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        // Overconfident loses about 1.8 nats a bar on a random walk (3 on each bar that is not a rise); it claimed 0.9.
        ChampionChallengers lineup = lineup();
        CountingContext ctx = new CountingContext();
        RollbackPolicy policy = feed(seed, lineup, 0.9, ctx);
        JournalEvent.ChampionRolledBack event = policy.rolledBack().orElseThrow();
        // 600 seeds once (20 times the tries): the first test (30 bars) in most, never after 60; the bound leaves room.
        assertTrue(event.samples() <= SETTINGS.minSamples() + 7 * SETTINGS.checkEvery(), event.toString());
        assertEquals(List.of(event), ctx.journaled.stream().filter(JournalEvent.ChampionRolledBack.class::isInstance).toList());
        assertEquals(1, lineup.champion());
    }

    @Test
    void thePreviousChampionMustBeInTheLineupAndTheValidationLossGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RollbackPolicy.builder()
                .lineup(lineup()).previousChampion(7).labeler(LABELS).validationLoss(0.9).build());
        assertTrue(e.getMessage().contains("version 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RollbackPolicy.builder().lineup(lineup()).previousChampion(2)
                .labeler(LABELS).validationLoss(0.9).build());
        e = assertThrows(IllegalArgumentException.class, () -> RollbackPolicy.builder().lineup(lineup()).previousChampion(1)
                .labeler(LABELS).build());
        assertTrue(e.getMessage().contains("validationLoss"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RollbackPolicy.Settings(0.5, 30, 200, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new RollbackPolicy.Settings(0.01, 30, 20, 10, 0));
    }
}
