package dev.sextant.trading.live.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChampionChallengersTest {
    private static final int BARS = 200;
    private static final BarSeries SERIES = SyntheticBars.randomWalk(BARS, 0.01, 11);

    @TempDir
    Path dir;

    private static ChampionChallengers lineup() {
        return ChampionChallengers.builder().champion(1, LineupRig.momentum("momentum", false))
                .challenger(2, LineupRig.momentum("contrarian", true)).build();
    }

    private static void runAll(Path journal, ChampionChallengers lineup) {
        try (LineupRig rig = new LineupRig(journal, SERIES, 0, lineup.signals(), List.of(lineup))) {
            rig.session.start(rig.feed);
            assertEquals(BARS, rig.feed.deliver(Integer.MAX_VALUE));
        }
    }

    @Test
    void aShadowChallengerNeverSendsAnOrderAndItsSignalsAreJournaled() {
        Path alone = dir.resolve("alone.db");
        try (LineupRig rig = new LineupRig(alone, SERIES, 0, LineupRig.momentum("momentum", false), List.of())) {
            rig.session.start(rig.feed);
            rig.feed.deliver(Integer.MAX_VALUE);
        }
        Path withShadow = dir.resolve("shadow.db");
        runAll(withShadow, lineup());

        List<JournalEvent.OrderRequested> orders = LineupRig.events(alone, JournalEvent.OrderRequested.class);
        assertTrue(orders.size() > 10, "the champion trades: " + orders.size());
        assertEquals(orders, LineupRig.events(withShadow, JournalEvent.OrderRequested.class),
                "the venue receives exactly the champion's orders");
        assertEquals(LineupRig.events(alone, JournalEvent.FillReceived.class),
                LineupRig.events(withShadow, JournalEvent.FillReceived.class));
        assertTrue(LineupRig.events(withShadow, JournalEvent.SignalGenerated.class).stream()
                .allMatch(s -> s.modelId().equals("momentum")), "only the champion's signals trade");

        List<JournalEvent.ShadowSignalGenerated> shadow = LineupRig.events(withShadow, JournalEvent.ShadowSignalGenerated.class);
        assertEquals(BARS - 2, shadow.size(), "one shadow signal per bar after the challenger's warm-up");
        assertTrue(shadow.stream().allMatch(s -> s.modelId().equals("contrarian") && s.registryVersion() == 2
                && s.stage().equals("CHALLENGER")));
        assertTrue(shadow.stream().anyMatch(s -> s.direction().equals("BUY")), "the challenger would have traded");
    }

    @Test
    void anAbSplitTradesTheInstrumentWithItsAssignedModelAndShadowsTheChampion() {
        ChampionChallengers split = ChampionChallengers.builder().champion(1, LineupRig.momentum("momentum", false))
                .challenger(2, LineupRig.momentum("contrarian", true)).assign(LineupRig.BTC, 2).build();
        assertEquals(2, split.tradingVersion(LineupRig.BTC));
        Path journal = dir.resolve("split.db");
        runAll(journal, split);
        assertTrue(LineupRig.events(journal, JournalEvent.SignalGenerated.class).stream()
                .allMatch(s -> s.modelId().equals("contrarian")));
        List<JournalEvent.ShadowSignalGenerated> shadow = LineupRig.events(journal, JournalEvent.ShadowSignalGenerated.class);
        assertFalse(shadow.isEmpty());
        assertTrue(shadow.stream().allMatch(s -> s.modelId().equals("momentum") && s.stage().equals("CHAMPION")));
    }

    @Test
    void recoveryReCreatesTheShadowSignalsOfTheCrashedRun() throws Exception {
        Path straight = dir.resolve("straight.db");
        runAll(straight, lineup());

        Path live = dir.resolve("live.db");
        ChampionChallengers crashed = lineup();
        LineupRig first = new LineupRig(live, SERIES, 0, crashed.signals(), List.of(crashed));
        first.session.start(first.feed);
        first.feed.deliver(120);
        // A crash: only committed records survive (the group holds everything since the last durable order).
        Path copy = dir.resolve("crashed.db");
        Files.copy(live, copy, StandardCopyOption.REPLACE_EXISTING);
        Path wal = live.resolveSibling(live.getFileName() + "-wal");
        if (Files.exists(wal)) {
            Files.copy(wal, copy.resolveSibling(copy.getFileName() + "-wal"), StandardCopyOption.REPLACE_EXISTING);
        }
        first.feed.stop();

        ChampionChallengers fresh = lineup();
        try (LineupRig rig = new LineupRig(copy, SERIES, 0, fresh.signals(), List.of(fresh))) {
            dev.sextant.trading.live.Recovery recovery = rig.session.recover();
            assertTrue(recovery.replayedRecords() > 0, "recovery compared the journaled records: " + recovery);
            assertTrue(LineupRig.events(copy, JournalEvent.ShadowSignalGenerated.class).size() > 0,
                    "the crashed run had committed shadow signals that recovery compared");
            rig.session.start(rig.feed);
            rig.feed.deliver(Integer.MAX_VALUE);
        }
        assertEquals(LineupRig.events(straight, JournalEvent.ShadowSignalGenerated.class),
                LineupRig.events(copy, JournalEvent.ShadowSignalGenerated.class));
        assertEquals(LineupRig.events(straight, JournalEvent.OrderRequested.class),
                LineupRig.events(copy, JournalEvent.OrderRequested.class));
    }

    @Test
    void recoveryWithAnotherChallengerDivergesInsteadOfRewritingHistory() {
        Path journal = dir.resolve("j.db");
        runAll(journal, lineup());
        ChampionChallengers other = ChampionChallengers.builder().champion(1, LineupRig.momentum("momentum", false))
                .challenger(2, LineupRig.momentum("other", true)).build();
        try (LineupRig rig = new LineupRig(journal, SERIES, 0, other.signals(), List.of(other))) {
            JournalException e = assertThrows(JournalException.class, rig.session::recover);
            assertTrue(e.getMessage().contains("recovery diverged"), e.getMessage());
        }
    }

    @Test
    void aLineupNeedsAChampionAndAssignmentsInsideIt() {
        assertThrows(IllegalArgumentException.class, () -> ChampionChallengers.builder()
                .challenger(2, LineupRig.momentum("x", false)).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChampionChallengers.builder()
                .champion(1, LineupRig.momentum("x", false)).assign(LineupRig.BTC, 5).build());
        assertTrue(e.getMessage().contains("assigned to version 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChampionChallengers.builder()
                .champion(1, LineupRig.momentum("x", false)).challenger(1, LineupRig.momentum("y", false)));
    }
}
