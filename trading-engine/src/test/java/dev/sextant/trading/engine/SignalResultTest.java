package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
