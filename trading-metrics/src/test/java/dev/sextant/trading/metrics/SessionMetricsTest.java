package dev.sextant.trading.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.SessionState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionMetricsTest {
    @TempDir
    Path dir;

    @Test
    void countsWhatTheSessionJournaledAsAPrometheusScrapeShows() throws Exception {
        try (MetricsRig rig = new MetricsRig(dir.resolve("j.db"), 120)) {
            String scrape = rig.get("/metrics");
            SessionState state = rig.session.state();
            assertTrue(state.orders() > 10, "the flip-flop signal trades: " + state);
            assertEquals(state.orders(), MetricsRig.sample(scrape, "sextant_orders_total"));
            assertEquals(state.fills(), MetricsRig.sample(scrape, "sextant_fills_total"));
            assertTrue(MetricsRig.sample(scrape, "sextant_decisions_total{outcome=\"sent\"}") > 0, scrape);
            assertEquals(state.equity(), MetricsRig.sample(scrape, "sextant_equity "), 1e-6);
            assertEquals(0, MetricsRig.sample(scrape, "sextant_kill_switch_tripped "));
            assertTrue(scrape.contains("sextant_decision_latency_seconds{stage=\"signal\",quantile=\"0.99\"}"), scrape);
            assertTrue(MetricsRig.sample(scrape, "sextant_journal_append_seconds_count") > state.orders());
        }
    }

    @Test
    void countsDriftAlertsByKindAndDetector() throws Exception {
        try (MetricsRig rig = new MetricsRig(dir.resolve("j.db"), 30)) {
            java.time.Instant t = java.time.Instant.parse("2024-01-01T00:00:00Z");
            rig.metrics.onDriftAlert(new dev.sextant.trading.models.drift.DriftAlert.FeatureDrift("BTC/USD", t, "rsi_14",
                    dev.sextant.trading.models.drift.Detector.KS, 0.2, 0.1));
            rig.metrics.onDriftAlert(new dev.sextant.trading.models.drift.DriftAlert.FeatureDrift("BTC/USD", t, "adx_14",
                    dev.sextant.trading.models.drift.Detector.KS, 0.3, 0.1));
            rig.metrics.onDriftAlert(new dev.sextant.trading.models.drift.DriftAlert.PerformanceDegraded("BTC/USD", t, 9, 8,
                    1.2, 1.0));
            String scrape = rig.registry.scrape();
            assertEquals(2, MetricsRig.sample(scrape,
                    "sextant_drift_alerts_total{detector=\"ks\",kind=\"feature_drift\"}"), scrape);
            assertEquals(1, MetricsRig.sample(scrape,
                    "sextant_drift_alerts_total{detector=\"page_hinkley\",kind=\"performance_degraded\"}"), scrape);
        }
    }

    @Test
    void closeRemovesItsMeters() throws Exception {
        MetricsRig rig = new MetricsRig(dir.resolve("j.db"), 30);
        rig.metrics.close();
        assertFalse(rig.registry.scrape().contains("sextant_"), rig.registry.scrape());
        rig.endpoint.close();
        rig.session.close();
    }
}
