package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearRegressionSlopeTest {
    @Test
    void isTheLeastSquaresSlopePerBar() {
        assertOutput(() -> new LinearRegressionSlope(3), closes(1, 3, 5, 2, 2, 5), 0, Double.NaN, Double.NaN, 2, -0.5, -1.5, 1.5);
    }
}
