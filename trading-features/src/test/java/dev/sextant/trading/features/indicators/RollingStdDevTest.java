package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RollingStdDevTest {
    @Test
    void isThePopulationStandardDeviation() {
        assertOutput(() -> new RollingStdDev(4), closes(1, 2, 3, 4), 0, Double.NaN, Double.NaN, Double.NaN, Math.sqrt(1.25));
    }

    @Test
    void isExactlyZeroForAConstantWindowAfterVariation() {
        double[] v = new RollingStdDev(3).compute(closes(1, 9, 0.3, 0.3, 0.3))[0];
        assertEquals(0.0, v[4], 0.0);
    }
}
