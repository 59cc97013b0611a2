package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;

import org.junit.jupiter.api.Test;

class WmaTest {
    @Test
    void weightsTheNewestValueMost() {
        assertOutput(() -> new Wma(3), closes(1, 2, 3, 4), 0, Double.NaN, Double.NaN, (1 + 4 + 9) / 6.0, (2 + 6 + 12) / 6.0);
    }
}
