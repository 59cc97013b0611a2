package dev.sextant.trading.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionNotificationsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T22:00:00Z");

    private final List<Notification> sent = new CopyOnWriteArrayList<>();
    private final NotificationDispatcher dispatcher = NotificationDispatcher.builder().notifier(new Notifier() {
        @Override
        public String name() {
            return "list";
        }

        @Override
        public Delivery send(Notification n) {
            sent.add(n);
            return new Delivery.Delivered();
        }
    }).build();
    private final SessionNotifications observer = new SessionNotifications(dispatcher,
            new RejectionRate(3, Duration.ofMinutes(10)), ZoneId.of("UTC"));
    private long seq;

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private void record(Instant time, JournalEvent event) {
        observer.onRecord(new JournalRecord(++seq, time, time, event, "0".repeat(64)));
    }

    private List<Notification> delivered() throws InterruptedException {
        assertTrue(dispatcher.flush(Duration.ofSeconds(20)));
        return List.copyOf(sent);
    }

    private static JournalEvent riskRejected(String id) {
        return new JournalEvent.RiskDecided("BTC-USD", id, "REJECTED", List.of("MAX_POSITION"), 1, 0, "", "too big");
    }

    @Test
    void aKillSwitchTripAndReArmEachMakeANotification() throws InterruptedException {
        record(T0, new JournalEvent.KillSwitchTripped("STALE_MARKET_DATA", "no bar for 3 bars"));
        record(T0.plusSeconds(60), new JournalEvent.KillSwitchRearmed("alice", "feed is back"));
        List<Notification> got = delivered();
        assertEquals(2, got.size());
        assertEquals(NotificationKind.KILL_SWITCH_TRIPPED, got.get(0).kind());
        assertEquals("Kill switch tripped: STALE_MARKET_DATA", got.get(0).title());
        assertTrue(got.get(0).body().contains("no bar for 3 bars"));
        assertEquals(T0, got.get(0).time());
        assertEquals("Kill switch re-armed by alice", got.get(1).title());
    }

    @Test
    void rejectionsAlertOnceTheRateIsReachedThenStayQuietForAWindow() throws InterruptedException {
        record(T0, riskRejected("a"));
        record(T0.plusSeconds(60), new JournalEvent.VenueEventReceived("b", "REJECTED", "", "INSUFFICIENT_FUNDS: no cash",
                T0.plusSeconds(60)));
        assertEquals(0, delivered().size(), "two rejections are below the rate of three");
        record(T0.plusSeconds(120), riskRejected("c"));
        List<Notification> got = delivered();
        assertEquals(1, got.size());
        assertEquals(NotificationKind.REJECTED_ORDERS, got.getFirst().kind());
        assertEquals("3 orders rejected within 10 min", got.getFirst().title());
        assertTrue(got.getFirst().body().contains("MAX_POSITION"), got.getFirst().body());
        for (int i = 0; i < 5; i++) {
            record(T0.plusSeconds(180 + i), riskRejected("d" + i));
        }
        assertEquals(1, delivered().size(), "quiet until one window after the alert");
        record(T0.plusSeconds(120 + 600), riskRejected("e"));
        assertEquals(2, delivered().size());
    }

    @Test
    void aNewChampionAndARolledBackChampionEachMakeANotification() throws InterruptedException {
        record(T0, new JournalEvent.ModelStageChanged("registry.db", 3, "btc", "7", "ab".repeat(32), "CHALLENGER",
                "CHAMPION", "PROMOTE", "alice", "won the comparison"));
        record(T0.plusSeconds(60), new JournalEvent.ModelStageChanged("registry.db", 4, "btc", "8", "cd".repeat(32),
                "CANDIDATE", "CHALLENGER", "PROMOTE", "alice", ""));
        record(T0.plusSeconds(120), new JournalEvent.ChampionRolledBack("btc 7", "btc 6", 150, 1.31, 1.02, 3.4, 0.0003));
        record(T0.plusSeconds(180), new JournalEvent.ModelStageChanged("registry.db", 2, "btc", "6", "ef".repeat(32),
                "RETIRED", "CHAMPION", "ROLL_BACK", "rollback-policy", "live loss above validation"));
        List<Notification> got = delivered();
        assertEquals(3, got.size(), got.toString());
        assertEquals(NotificationKind.PROMOTION, got.get(0).kind());
        assertEquals("Promoted to champion: btc 7 (registry version 3)", got.get(0).title());
        assertTrue(got.get(0).body().contains("by alice: won the comparison"), got.get(0).body());
        assertEquals(NotificationKind.ROLLBACK, got.get(1).kind());
        assertEquals("Champion rolled back: btc 7 -> btc 6", got.get(1).title());
        assertEquals("live log loss 1.3100 against validation 1.0200 over 150 bars (statistic 3.40, p 0.0003)",
                got.get(1).body());
        assertEquals(NotificationKind.ROLLBACK, got.get(2).kind());
        assertEquals("Rolled back to btc 6 (registry version 2)", got.get(2).title());
    }

    @Test
    void aJournaledDriftAlertMakesANotificationNamingTheFeatureAndTheStatistic() throws InterruptedException {
        record(T0, JournalEvent.DriftAlert.of(new dev.sextant.trading.models.drift.DriftAlert.FeatureDrift("BTC-USD", T0,
                "rsi_14", dev.sextant.trading.models.drift.Detector.KS, 0.2, 0.1)));
        record(T0, JournalEvent.DriftAlert.of(new dev.sextant.trading.models.drift.DriftAlert.PerformanceDegraded("BTC-USD",
                T0, 9, 8, 1.25, 1.0)));
        // The typed callback the session makes after the record is not a second notification.
        observer.onDriftAlert(new dev.sextant.trading.models.drift.DriftAlert.PerformanceDegraded("BTC-USD", T0, 9, 8,
                1.25, 1.0));
        List<Notification> got = delivered();
        assertEquals(2, got.size());
        assertEquals(NotificationKind.DRIFT_ALERT, got.get(0).kind());
        assertEquals("Feature rsi_14 drifted on BTC-USD", got.get(0).title());
        assertEquals("ks 0.2000 above threshold 0.1000", got.get(0).body());
        assertEquals(T0, got.get(0).time());
        assertEquals("Model performance degraded on BTC-USD", got.get(1).title());
        assertTrue(got.get(1).body().contains("mean log loss 1.2500, validation 1.0000"), got.get(1).body());
    }

    @Test
    void rejectionsSpreadWiderThanTheWindowDoNotAlert() throws InterruptedException {
        for (int i = 0; i < 6; i++) {
            record(T0.plusSeconds(i * 400L), riskRejected("r" + i));
        }
        assertEquals(0, delivered().size());
    }

    @Test
    void aDailySummaryFollowsMidnightAndTheStop() throws InterruptedException {
        record(T0, new JournalEvent.SessionStarted("s1", "paper", "b 1", "", "", 0));
        for (int i = 0; i < 3; i++) {
            record(T0.plusSeconds(3600L * i), new JournalEvent.BarConsumed("BTC-USD", "PT1H", i, 0, 1, 1, 1, 1, 1));
            record(T0.plusSeconds(3600L * i), new JournalEvent.DecisionMade("BTC-USD", T0, "HOLD", "", ""));
            if (i == 1) {
                record(T0.plusSeconds(3600), new JournalEvent.OrderRequested("o1", "BTC-USD", "BUY", "MARKET", 2, null, null,
                        "GTC"));
                record(T0.plusSeconds(3600), new JournalEvent.FillReceived("o1", "x1", "BTC-USD", "BUY", 2, 100, 0.5, T0));
            }
        }
        // Bar 2 is at 00:00 on the 4th: the 3rd's summary goes out then.
        List<Notification> got = delivered();
        assertEquals(1, got.size());
        Notification day = got.getFirst();
        assertEquals(NotificationKind.DAILY_SUMMARY, day.kind());
        assertEquals("Daily summary 2026-12-03", day.title());
        assertTrue(day.body().startsWith("bars 2, decisions 2, orders 1, fills 1 (notional 200.00, fees 0.50), rejections 0, "
                + "kill-switch trips 0"), day.body());
        assertTrue(day.body().contains("Session s1 on paper"), day.body());
        record(T0.plusSeconds(7300), new JournalEvent.SessionStopped("s1", "end of input", "CANCEL"));
        got = delivered();
        assertEquals(2, got.size());
        assertEquals("Daily summary 2026-12-04 (to the stop: end of input)", got.get(1).title());
        assertTrue(got.get(1).body().startsWith("bars 1, decisions 1,"), got.get(1).body());
    }

    @Test
    void theSummaryDayEndsAtMidnightInTheConfiguredZone() throws InterruptedException {
        SessionNotifications tokyo = new SessionNotifications(dispatcher, RejectionRate.DEFAULT, ZoneId.of("Asia/Tokyo"));
        // 14:30 and 15:30 UTC are either side of midnight in Tokyo (UTC+9).
        Instant before = Instant.parse("2026-12-03T14:30:00Z");
        tokyo.onRecord(new JournalRecord(1, before, before, new JournalEvent.BarConsumed("X", "PT1H", 0, 0, 1, 1, 1, 1, 1),
                "0".repeat(64)));
        Instant after = Instant.parse("2026-12-03T15:30:00Z");
        tokyo.onRecord(new JournalRecord(2, after, after, new JournalEvent.BarConsumed("X", "PT1H", 1, 0, 1, 1, 1, 1, 1),
                "0".repeat(64)));
        List<Notification> got = delivered();
        assertEquals(1, got.size());
        assertEquals("Daily summary 2026-12-03", got.getFirst().title());
    }
}
