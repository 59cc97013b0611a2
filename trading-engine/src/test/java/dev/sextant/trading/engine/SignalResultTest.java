package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Signal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignalResultTest {

    @Test
    void readyNeedsASignal() {
        assertThrows(NullPointerException.class, () -> SignalResult.of(null));
    }

    @Test
    void warmingUpAndNoPredictionAreDistinctValues() {
        assertEquals(new SignalResult.WarmingUp(), SignalResult.warmingUp());
        assertEquals(new SignalResult.NoPrediction(), SignalResult.noPrediction());
        assertNotEquals(SignalResult.warmingUp(), SignalResult.noPrediction());
    }

    @Test
    void outOfDistributionNeedsADistanceAboveTheThreshold() {
        Signal s = new Signal(BacktesterTest.BTC, Instant.parse("2024-01-01T00:01:00Z"), Direction.BUY,
                new ClassProbabilities(0.2, 0.2, 0.6), 0.6, "m", "1");
        assertEquals(3.0, new SignalResult.OutOfDistribution(s, 3, 2).distance());
        assertThrows(IllegalArgumentException.class, () -> new SignalResult.OutOfDistribution(s, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new SignalResult.OutOfDistribution(s, Double.NaN, 2));
        assertThrows(NullPointerException.class, () -> new SignalResult.OutOfDistribution(null, 3, 2));
    }
}
