package dev.sextant.trading.live;

import java.time.Instant;
import java.util.List;

/** One event of every type, with realistic values, for journal tests. */
final class SampleEvents {
    static final Instant T0 = Instant.parse("2026-03-02T14:30:00.123456789Z");

    private SampleEvents() {
    }

    static List<JournalEvent> oneOfEach() {
        Instant close = Instant.parse("2026-03-02T14:30:00Z");
        return List.of(
                new JournalEvent.SessionStarted("s-1", "paper", "btc-ensemble 3", "ab".repeat(32), "cd".repeat(32), 0),
                new JournalEvent.BarConsumed("BTC/USD@BITSTAMP", "PT1H", 0, 1_772_460_000_000L, 100.5, 101, 99.25, 100.75, 12.5),
                new JournalEvent.TradeConsumed("BTC/USD@BITSTAMP", 1, 1_772_460_000_500L, 100.5, 0.25),
                new JournalEvent.SignalGenerated("BTC/USD@BITSTAMP", close, "BUY", 0.1, 0.2, 0.7, 0.7, "btc-ensemble", "3",
                        "ab".repeat(32), "ef".repeat(32)),
                new JournalEvent.RiskDecided("BTC/USD@BITSTAMP", "BTC/USD-1", "RESIZED", List.of("MAX_POSITION"), 2.0, 1.5,
                        "cd".repeat(32), "resized to the position limit"),
                new JournalEvent.OrderRequested("BTC/USD-1", "BTC/USD@BITSTAMP", "BUY", "LIMIT", 1.5, 100.5, null, "GTC"),
                new JournalEvent.DecisionMade("BTC/USD@BITSTAMP", close, "SENT", "BTC/USD-1", "sent"),
                new JournalEvent.VenueEventReceived("BTC/USD-1", "ACCEPTED", "P-1", "", close.plusMillis(3)),
                new JournalEvent.FillReceived("BTC/USD-1", "E-1", "BTC/USD@BITSTAMP", "BUY", 1.5, 100.5, 0.15,
                        close.plusNanos(4_000_123_000L)),
                new JournalEvent.CancelRequested("BTC/USD-1", "operator"),
                new JournalEvent.KillSwitchTripped("STALE_MARKET_DATA", "no bar for 3 time frames"),
                new JournalEvent.KillSwitchRearmed("alice", "feed restored"),
                new JournalEvent.LimitsChanged("01".repeat(32), "{\"maxPosition\":2}"),
                new JournalEvent.OperatorAction("alice", "PAUSE", "lunch \"break\" \u00e9"),
                new JournalEvent.ReconciliationDifference("BTC/USD-2", "NEW", "absent"),
                new JournalEvent.VenueConnectionChanged("DISCONNECTED", "heartbeat timeout"),
                new JournalEvent.DriftAlert("BTC/USD@BITSTAMP", close, "FEATURE_DRIFT", "PSI", "rsi_14", 0.31, 0.25, null,
                        null),
                new JournalEvent.DriftAlert("BTC/USD@BITSTAMP", close, "PERFORMANCE_DEGRADED", "PAGE_HINKLEY", "", 21.5, 20,
                        1.02, 0.91),
                new JournalEvent.SessionStopped("s-1", "end of input", "CANCEL"));
    }
}
