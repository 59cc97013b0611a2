package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;

import org.junit.jupiter.api.Test;

class LinearRegressionSlopeTest {
    @Test
    void isTheLeastSquaresSlopePerBar() {
        assertOutput(() -> new LinearRegressionSlope(3), closes(1, 3, 5, 2, 2, 5), 0, Double.NaN, Double.NaN, 2, -0.5, -1.5, 1.5);
    }
}
