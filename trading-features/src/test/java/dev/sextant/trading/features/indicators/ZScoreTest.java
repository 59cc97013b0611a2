package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;

import org.junit.jupiter.api.Test;

class ZScoreTest {
    @Test
    void standardisesTheCurrentValueAgainstItsWindow() {
        assertOutput(() -> new ZScore(3), closes(1, 2, 3, 3, 3, 3), 0, Double.NaN, Double.NaN, 1 / Math.sqrt(2.0 / 3.0),
                (3 - 8 / 3.0) / Math.sqrt(2.0 / 9.0), 0, 0);
    }
}
