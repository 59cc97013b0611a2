package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalRecord;
import dev.sextant.trading.models.drift.Detector;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionMonitorTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:01:00Z");
    private final RiskEngine risk = RiskEngine.builder().limits(RiskLimits.defaults()).clock(new SimulatedClock(0))
            .startingCash(1_000).build();

    private static JournalRecord record(long seq, JournalEvent e) {
        return new JournalRecord(seq, T0, T0, e, "00".repeat(32));
    }

    @Test
    void aDecisionCarriesItsSignalAndRiskReasonsAndAnEquityPoint() {
        SessionMonitor m = new SessionMonitor(risk);
        m.onRecord(record(1, new JournalEvent.SignalGenerated("BTC", T0, "BUY", 0.1, 0.2, 0.7, 0.7, "m", "1", "", "")));
        m.onRecord(record(2, new JournalEvent.RiskDecided("BTC", "o-1", "REJECTED", List.of("MAX_POSITION"), 2, 0, "",
                "position over 5%")));
        m.onRecord(record(3, new JournalEvent.DecisionMade("BTC", T0, "REJECTED", "o-1", "")));
        SessionMonitor.DecisionEntry d = m.decisionsSince(-1, 10).get(0);
        assertEquals(3, d.seq());
        assertEquals("BUY", d.direction());
        assertEquals(0.7, d.confidence());
        assertEquals(List.of("MAX_POSITION"), d.reasons());
        assertEquals("position over 5%", d.explanation());
        assertEquals(1_000, m.equityCurve().get(0).equity(), 1e-9);
    }

    @Test
    void aDecisionWithoutASignalHasNoDirection() {
        SessionMonitor m = new SessionMonitor(risk);
        m.onRecord(record(1, new JournalEvent.DecisionMade("BTC", T0, "WARMING_UP", "", "")));
        SessionMonitor.DecisionEntry d = m.lastDecision().orElseThrow();
        assertEquals("", d.direction());
        assertTrue(Double.isNaN(d.confidence()));
        assertEquals(List.of(), d.reasons());
    }

    @Test
    void keepsOnlyTheLastCapacityEntriesAndReadsAfterACursor() {
        SessionMonitor m = new SessionMonitor(risk, 3);
        for (int i = 1; i <= 5; i++) {
            m.onRecord(record(i, new JournalEvent.DecisionMade("BTC", T0.plusSeconds(60L * i), "HOLD", "", "")));
        }
        assertEquals(List.of(3L, 4L, 5L), m.decisionsSince(-1, 10).stream().map(SessionMonitor.DecisionEntry::seq).toList());
        assertEquals(List.of(5L), m.decisionsSince(4, 10).stream().map(SessionMonitor.DecisionEntry::seq).toList());
        assertEquals(List.of(3L), m.decisionsSince(-1, 1).stream().map(SessionMonitor.DecisionEntry::seq).toList());
        assertEquals(3, m.equityCurve().size());
        assertThrows(IllegalArgumentException.class, () -> new SessionMonitor(risk, 0));
    }

    @Test
    void recordsKillSwitchTripsAndRearms() {
        SessionMonitor m = new SessionMonitor(risk);
        m.onRecord(record(1, new JournalEvent.KillSwitchTripped("MANUAL", "alice: stop")));
        m.onRecord(record(2, new JournalEvent.KillSwitchRearmed("alice", "ok")));
        assertEquals(List.of(true, false), m.killSwitchEvents().stream().map(SessionMonitor.KillSwitchEvent::tripped).toList());
        assertEquals("MANUAL: alice: stop", m.killSwitchEvents().get(0).detail());
    }

    @Test
    void keepsTheNewestDriftAlertsAsOneLineEach() {
        SessionMonitor m = new SessionMonitor(risk);
        Instant t = Instant.parse("2024-01-02T00:00:00Z");
        m.onDriftAlert(new DriftAlert.PredictionDrift("BTC/USD", t, Detector.KS, 0.2, 0.1));
        assertEquals(List.of("2024-01-02T00:00:00Z BTC/USD: predictions drifted KS 0.2000 above threshold 0.1000"),
                m.driftAlerts());
        for (int i = 0; i < SessionMonitor.DRIFT_ALERTS_KEPT + 5; i++) {
            m.onDriftAlert(new DriftAlert.FeatureDrift("BTC/USD", t.plusSeconds(60L * i), "f" + i, Detector.PSI, 0.5, 0.25));
        }
        List<String> kept = m.driftAlerts();
        assertEquals(SessionMonitor.DRIFT_ALERTS_KEPT, kept.size());
        assertTrue(kept.getLast().contains("feature f" + (SessionMonitor.DRIFT_ALERTS_KEPT + 4) + " drifted PSI 0.5000"),
                kept.getLast());
        assertTrue(kept.getFirst().contains("feature f5 drifted"), kept.getFirst());
    }
}
