package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;

import org.junit.jupiter.api.Test;

class RollingMinTest {
    @Test
    void isTheLowestOfTheWindowIncludingTheCurrentValue() {
        assertOutput(() -> new RollingMin(2), closes(3, 1, 4, 1, 5), 0, Double.NaN, 1, 1, 1, 1);
        assertOutput(() -> new RollingMin(3), closes(1, 9, 9, 9, 8), 0, Double.NaN, Double.NaN, 1, 9, 8);
    }
}
