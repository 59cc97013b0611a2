package dev.sextant.trading.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.internal.EventCodec;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification and export details beyond the conformance suite (which runs them on every backend). */
class AuditTrailTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyJournalIsIntact() {
        try (JournalStore store = JournalStores.sqlite(dir.resolve("j.db"))) {
            assertEquals(new AuditVerification.Intact(0, EventCodec.GENESIS_HASH, 0), AuditTrail.verify(store));
        }
    }

    @Test
    void exportsAnOrderRejectedByThePreTradeChecksWithoutARequest() {
        Path file = dir.resolve("j.db");
        Instant close = Instant.parse("2026-03-02T15:00:00Z");
        try (Journal journal = Journal.open(JournalStores.sqlite(file))) {
            journal.append(new JournalEvent.RiskDecided("BTC/USD@BITSTAMP", "BTC/USD-9", "REJECTED",
                    List.of("DAILY_LOSS_LIMIT"), 1.0, 0, "", "daily loss limit reached"), close);
            journal.append(new JournalEvent.DecisionMade("BTC/USD@BITSTAMP", close, "REJECTED", "BTC/USD-9",
                    "rejected: DAILY_LOSS_LIMIT"), close);
        }
        StringWriter out = new StringWriter();
        try (JournalStore store = JournalStores.sqlite(file)) {
            assertEquals(1, AuditTrail.exportOrders(store, out));
        }
        var order = EventCodec.mapper().readTree(out.toString());
        assertEquals("REJECTED_BY_CHECKS", order.get("status").asString());
        assertTrue(order.get("request").isNull());
        assertEquals("DAILY_LOSS_LIMIT", order.get("checks").get("reasonCodes").get(0).asString());
        assertEquals(0, order.get("fills").size());
    }

    @Test
    void exportsDriftAlertsAndModelStageChangesAsModelEventsInJournalOrder() {
        Path file = dir.resolve("j.db");
        try (Journal journal = Journal.open(JournalStores.sqlite(file))) {
            for (JournalEvent e : SampleEvents.oneOfEach()) {
                journal.append(e, SampleEvents.T0);
            }
            journal.append(new JournalEvent.ModelStageChanged("session", 2, "btc", "2", "ab".repeat(32), "CHALLENGER",
                    "CHAMPION", "PROMOTE", "promotion-rule", "DM 3.1, p 0.002"), SampleEvents.T0);
        }
        StringWriter out = new StringWriter();
        try (JournalStore store = JournalStores.sqlite(file)) {
            assertInstanceOf(AuditVerification.Intact.class, AuditTrail.verify(store));
            assertEquals(3, AuditTrail.exportModelEvents(store, out));
        }
        List<String> lines = out.toString().lines().toList();
        var first = EventCodec.mapper().readTree(lines.get(0));
        assertEquals("DriftAlert", first.get("type").asString());
        assertEquals("rsi_14", first.get("feature").asString());
        assertEquals(0.31, first.get("statistic").asDouble());
        var second = EventCodec.mapper().readTree(lines.get(1));
        assertEquals("PAGE_HINKLEY", second.get("detector").asString());
        assertEquals(1.02, second.get("meanLoss").asDouble());
        assertEquals("ModelStageChanged", EventCodec.mapper().readTree(lines.get(2)).get("type").asString());
    }

    @Test
    void aDriftAlertWhoseFieldsDoNotFitItsKindIsRefused() {
        Instant t = Instant.parse("2026-03-02T15:00:00Z");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JournalEvent.DriftAlert(
                "BTC", t, "FEATURE_DRIFT", "PAGE_HINKLEY", "rsi", 1, 0.5, null, null));
        assertTrue(e.getMessage().contains("does not measure FEATURE_DRIFT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JournalEvent.DriftAlert("BTC", t, "PREDICTION_DRIFT", "KS",
                "rsi", 1, 0.5, null, null));
        assertThrows(IllegalArgumentException.class, () -> new JournalEvent.DriftAlert("BTC", t, "PERFORMANCE_DEGRADED",
                "PAGE_HINKLEY", "", 1, 0.5, null, null));
        assertThrows(IllegalArgumentException.class, () -> new JournalEvent.DriftAlert("BTC", t, "DRIFT", "KS", "", 1, 0.5,
                null, null));
    }

    @Test
    void aMonitorsAlertRoundTripsThroughItsJournalForm() {
        Instant t = Instant.parse("2026-03-02T15:00:00Z");
        List<dev.sextant.trading.models.drift.DriftAlert> alerts = List.of(
                new dev.sextant.trading.models.drift.DriftAlert.FeatureDrift("BTC", t, "rsi_14",
                        dev.sextant.trading.models.drift.Detector.KS, 0.12, 0.1),
                new dev.sextant.trading.models.drift.DriftAlert.PredictionDrift("BTC", t,
                        dev.sextant.trading.models.drift.Detector.PSI, 0.3, 0.25),
                new dev.sextant.trading.models.drift.DriftAlert.PerformanceDegraded("BTC", t, 21, 20, 1.1, 0.9));
        for (dev.sextant.trading.models.drift.DriftAlert a : alerts) {
            assertEquals(a, JournalEvent.DriftAlert.of(a).alert());
        }
    }
}
