package dev.sextant.trading.live.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.engine.lifecycle.PromotionRule;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.SessionComponent;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ShadowPromotionTest {
    private static final BarSeries SERIES = SyntheticBars.randomWalk(700, 0.01, 21);
    private static final FixedHorizonLabeler LABELS = new FixedHorizonLabeler(1, 0.25, 20);
    /** The realised label of each bar by its open time (the future, which a forecaster with an edge partly sees). */
    private static final Map<Long, Integer> TRUTH = truth(SERIES);
    private static final PromotionRule RULE = PromotionRule.builder().minimumSample(100).build();
    private static final String DIGEST = "ab".repeat(32);

    @TempDir
    Path dir;

    private static Map<Long, Integer> truth(BarSeries series) {
        double[] close = new double[series.size()];
        for (int i = 0; i < close.length; i++) {
            close[i] = series.close(i);
        }
        Labels labels = LABELS.label(close);
        Map<Long, Integer> out = new HashMap<>();
        for (int i = 0; i < close.length; i++) {
            if (labels.isDefined(i)) {
                out.put(series.time(i), labels.label(i));
            }
        }
        return out;
    }

    /**
     * A forecaster that on a share {@code skill} of the bars (chosen by its own seed, by bar time,
     * so a restart sees the same) puts 0.6 on the realised class, and 1/3 on each class otherwise.
     * Two forecasters of equal skill and different seeds are equally good models.
     */
    static SignalSource forecaster(String modelId, double skill, long seed) {
        return (instrument, frame, bar) -> {
            Integer label = TRUTH.get(bar.time());
            boolean knows = label != null && new SplittableRandom(seed ^ bar.time()).nextDouble() < skill;
            ClassProbabilities p = knows ? new ClassProbabilities(label == 0 ? 0.6 : 0.2, label == 1 ? 0.6 : 0.2,
                    label == 2 ? 0.6 : 0.2) : new ClassProbabilities(1 / 3.0, 1 / 3.0, 1 / 3.0);
            Direction d = p.argmax();
            return SignalResult.of(new Signal(instrument, Instant.ofEpochMilli(bar.time() + frame.millis()), d, p, p.of(d),
                    modelId, "1"));
        };
    }

    private static ChampionChallengers lineup(double challengerSkill) {
        return ChampionChallengers.builder().champion(1, forecaster("incumbent", 0.2, 1))
                .challenger(2, forecaster("contender", challengerSkill, 2)).build();
    }

    private static ShadowPromotion promotion(ChampionChallengers lineup, ModelRegistry registry) {
        ShadowPromotion.Builder b = ShadowPromotion.builder().lineup(lineup).rule(RULE).checkEvery(50)
                .contender(new ShadowPromotion.Contender(1, "incumbent", "1", DIGEST, LABELS))
                .contender(new ShadowPromotion.Contender(2, "contender", "1", DIGEST, LABELS));
        if (registry != null) {
            b.registry(registry);
        }
        return b.build();
    }

    private ModelRegistry registry(Path file) throws java.io.IOException {
        Files.createDirectories(dir.resolve(file.getFileName() + "-bundles"));
        ModelRegistry registry = ModelRegistry.sqlite(file, RegistryAudit.none());
        Path bundles = dir.resolve(file.getFileName() + "-bundles");
        registry.register(TestBundles.write(bundles, "v1"), "", "", "alice", "");
        registry.register(TestBundles.write(bundles, "v2"), "", "", "alice", "");
        registry.promote(1, Stage.CHAMPION, "alice", "");
        registry.promote(2, Stage.CHALLENGER, "alice", "");
        return registry;
    }

    @Test
    void aChallengerWithARealEdgeIsPromotedAtABarBoundaryJournaledWithItsStatisticsAndTheRegistryFollows() throws Exception {
        Path journal = dir.resolve("j.db");
        try (ModelRegistry registry = registry(dir.resolve("registry.db"))) {
            ChampionChallengers lineup = lineup(0.8);
            ShadowPromotion promotion = promotion(lineup, registry);
            try (LineupRig rig = new LineupRig(journal, SERIES, 0, lineup.signals(), List.of(lineup, promotion))) {
                rig.session.start(rig.feed);
                rig.feed.deliver(Integer.MAX_VALUE);
            }
            assertEquals(2, lineup.champion());
            assertEquals(1, promotion.promotions().size());
            assertEquals(2, registry.champion().orElseThrow().version());
            StageChange last = registry.history(2).getLast();
            assertEquals(ShadowPromotion.ACTOR, last.actor());
            assertTrue(last.reason().contains("DM "), last.reason());
        }
        List<JournalEvent.ModelStageChanged> changes = LineupRig.events(journal, JournalEvent.ModelStageChanged.class);
        assertEquals(2, changes.size(), changes.toString());
        JournalEvent.ModelStageChanged promoted = changes.get(0);
        assertEquals("PROMOTE", promoted.move());
        assertEquals(2, promoted.version());
        assertEquals("CHAMPION", promoted.toStage());
        assertTrue(promoted.reason().matches(".*n (\\d+), mean log_loss champion .* DM [0-9.]+, p-value .*"),
                promoted.reason());
        assertEquals("DISPLACE", changes.get(1).move());
        assertEquals(1, changes.get(1).version());
        // The incumbent traded every bar up to the promotion, the contender every bar after it.
        List<String> traded = LineupRig.events(journal, JournalEvent.SignalGenerated.class).stream()
                .map(JournalEvent.SignalGenerated::modelId).toList();
        int switched = traded.indexOf("contender");
        assertTrue(switched > 100, "not before the rule's minimum sample: " + switched);
        assertTrue(traded.subList(switched, traded.size()).stream().allMatch("contender"::equals));
        assertTrue(LineupRig.events(journal, JournalEvent.ShadowSignalGenerated.class).stream()
                .anyMatch(s -> s.modelId().equals("incumbent") && s.stage().equals("RETIRED")),
                "the displaced champion runs on in shadow");
    }

    @Test
    void anEquallyGoodChallengerIsNotPromoted() {
        Path journal = dir.resolve("j.db");
        ChampionChallengers lineup = lineup(0.2);
        ShadowPromotion promotion = promotion(lineup, null);
        try (LineupRig rig = new LineupRig(journal, SERIES, 0, lineup.signals(), List.of(lineup, promotion))) {
            rig.session.start(rig.feed);
            rig.feed.deliver(Integer.MAX_VALUE);
        }
        assertEquals(1, lineup.champion());
        assertTrue(promotion.scored(LineupRig.BTC, 2) > 600, "the pairing was scored: " + promotion.scored(LineupRig.BTC, 2));
        assertEquals(List.of(), LineupRig.events(journal, JournalEvent.ModelStageChanged.class));
    }

    @Test
    void recoveryAcrossThePromotionEqualsAnUninterruptedRunAndLeavesTheRegistryAlone() throws Exception {
        Path straight = dir.resolve("straight.db");
        ChampionChallengers l1 = lineup(0.8);
        try (LineupRig rig = new LineupRig(straight, SERIES, 0, l1.signals(), List.of(l1, promotion(l1, null)))) {
            rig.session.start(rig.feed);
            rig.feed.deliver(Integer.MAX_VALUE);
        }
        for (int crashAt : new int[] {90, 400}) {
            Path live = dir.resolve("live-" + crashAt + ".db");
            Path copy = dir.resolve("crashed-" + crashAt + ".db");
            try (ModelRegistry registry = registry(dir.resolve("registry-" + crashAt + ".db"))) {
                ChampionChallengers l2 = lineup(0.8);
                LineupRig crashed = new LineupRig(live, SERIES, 0, l2.signals(), List.of(l2, promotion(l2, registry)));
                crashed.session.start(crashed.feed);
                crashed.feed.deliver(crashAt);
                Files.copy(live, copy, StandardCopyOption.REPLACE_EXISTING);
                Path wal = live.resolveSibling(live.getFileName() + "-wal");
                if (Files.exists(wal)) {
                    Files.copy(wal, copy.resolveSibling(copy.getFileName() + "-wal"), StandardCopyOption.REPLACE_EXISTING);
                }
                crashed.feed.stop();
                int history = registry.history().size();
                ChampionChallengers l3 = lineup(0.8);
                try (LineupRig rig = new LineupRig(copy, SERIES, 0, l3.signals(), List.of(l3, promotion(l3, registry)))) {
                    rig.session.start(rig.feed);
                    rig.feed.deliver(Integer.MAX_VALUE);
                }
                assertEquals(2, l3.champion());
                assertEquals(2, registry.champion().orElseThrow().version());
                if (crashAt > 200) {
                    assertEquals(history, registry.history().size(), "re-creating the promotion leaves the registry alone");
                }
            }
            // The straight run had no registry: its events name the session instead of the registry's location.
            assertEquals(LineupRig.events(straight, JournalEvent.ModelStageChanged.class),
                    LineupRig.events(copy, JournalEvent.ModelStageChanged.class).stream().map(e ->
                            new JournalEvent.ModelStageChanged("session", e.version(), e.bundleId(), e.bundleVersion(),
                                    e.bundleDigest(), e.fromStage(), e.toStage(), e.move(), e.actor(), e.reason())).toList());
            for (Class<? extends JournalEvent> type : List.of(JournalEvent.SignalGenerated.class, JournalEvent.ShadowSignalGenerated.class,
                    JournalEvent.DecisionMade.class, JournalEvent.FillReceived.class)) {
                assertEquals(LineupRig.events(straight, type), LineupRig.events(copy, type), type.getSimpleName()
                        + " after a crash at bar " + crashAt);
            }
        }
    }

    @Test
    void aPromotionNeedsTheChampionDescribedAndAChallengerInTheLineup() {
        ChampionChallengers lineup = lineup(0.8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShadowPromotion.builder().lineup(lineup).build());
        assertTrue(e.getMessage().contains("the champion, version 1, must be described"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lineup.promote(1));
        assertThrows(IllegalArgumentException.class, () -> lineup.promote(7));
    }

    /**
     * Invariant: a challenger whose forecasts equal the champion's (same skill, same seed) is never
     * promoted, whatever the skill and seed: its loss differences are all zero.
     */
    @Property(tries = 20)
    void aChallengerIdenticalToTheChampionIsNeverPromoted(@ForAll @DoubleRange(min = 0, max = 1) double skill,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        ChampionChallengers lineup = ChampionChallengers.builder().champion(1, forecaster("a", skill, seed))
                .challenger(2, forecaster("a", skill, seed)).build();
        ShadowPromotion promotion = promotion(lineup, null);
        CountingContext context = new CountingContext();
        SignalSource trading = lineup.signals();
        for (int i = 0; i < SERIES.size(); i++) {
            trading.onBar(LineupRig.BTC, SERIES.timeFrame(), SERIES.bar(i));
            lineup.onBar(LineupRig.BTC, SERIES.timeFrame(), SERIES.bar(i), context);
            promotion.onBar(LineupRig.BTC, SERIES.timeFrame(), SERIES.bar(i), context);
        }
        assertTrue(promotion.scored(LineupRig.BTC, 2) > 600);
        assertEquals(List.of(), promotion.promotions());
        assertEquals(1, lineup.champion());
    }

    /** A context that only counts what it is given (recovery off). */
    static final class CountingContext implements SessionComponent.Context {
        int journaled;

        @Override
        public void journal(JournalEvent event, boolean durable) {
            journaled++;
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
}
