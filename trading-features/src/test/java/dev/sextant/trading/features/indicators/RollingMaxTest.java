package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;

import org.junit.jupiter.api.Test;

class RollingMaxTest {
    @Test
    void isTheHighestOfTheWindowIncludingTheCurrentValue() {
        assertOutput(() -> new RollingMax(2), closes(3, 1, 4, 1, 5), 0, Double.NaN, 3, 4, 4, 5);
        assertOutput(() -> new RollingMax(3), closes(9, 1, 1, 1, 2), 0, Double.NaN, Double.NaN, 9, 1, 2);
    }
}
