package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmaTest {
    @Test
    void seedsWithTheSimpleAverageThenSmoothsWithTwoOverNPlusOne() {
        // period 3: alpha = 0.5, seed = (2 + 4 + 6) / 3 = 4
        double e3 = 4 + 0.5 * (8 - 4);
        double e4 = e3 + 0.5 * (20 - e3);
        assertOutput(() -> new Ema(3), closes(2, 4, 6, 8, 20), 0, Double.NaN, Double.NaN, 4, e3, e4);
        assertEquals(2, new Ema(3).warmUp());
    }
}
