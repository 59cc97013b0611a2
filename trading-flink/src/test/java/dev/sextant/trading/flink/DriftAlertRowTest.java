package dev.sextant.trading.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.models.drift.Detector;
import dev.sextant.trading.models.drift.DriftAlert;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftAlertRowTest {
    private static final Instant AT = Instant.ofEpochMilli(1_600_000_060_000L);

    @Test
    void everyKindOfAlertRoundTripsExactly() {
        List<DriftAlert> alerts = List.of(
                new DriftAlert.FeatureDrift("BTC/USD@PAPER", AT, "ret_1", Detector.KS, 0.31, 0.1),
                new DriftAlert.PredictionDrift("BTC/USD@PAPER", AT, Detector.PSI, 0.7, 0.25),
                new DriftAlert.PerformanceDegraded("BTC/USD@PAPER", AT, 25.5, 20, 1.2, 0.98));
        for (DriftAlert a : alerts) {
            DriftAlertRow row = DriftAlertRow.of(a);
            assertEquals(a, row.alert());
            assertEquals(AT.toEpochMilli(), row.time());
            assertEquals(a.instrument(), row.instrument());
        }
    }

    @Test
    void rejectsARowThatStandsForNoValidAlert() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> new DriftAlertRow("X",
                1, DriftAlertRow.Kind.FEATURE, "", Detector.KS, 0.3, 0.1, 0, 0));
        assertEquals("feature must not be blank", blank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DriftAlertRow("X", 1, DriftAlertRow.Kind.PERFORMANCE, "",
                Detector.KS, 30, 20, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DriftAlertRow("X", 1, DriftAlertRow.Kind.PREDICTION, "",
                Detector.PSI, Double.NaN, 0.25, 0, 0));
    }
}
