package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RollingSkewnessTest {
    @Test
    void isThePopulationSkewnessOfTheWindow() {
        double m2 = (100 + 49 + 289) / 27.0;
        double m3 = (-1000 - 343 + 4913) / 81.0;
        assertOutput(() -> new RollingSkewness(3), closes(1, 2, 10, 10, 10), 0, Double.NaN, Double.NaN, m3 / Math.pow(m2, 1.5),
                (-3072 / 81.0) / Math.pow(384 / 27.0, 1.5), 0);
    }

    @Test
    void mirrorImageHasOppositeSkew() {
        double a = new RollingSkewness(3).compute(closes(1, 2, 10))[0][2];
        double b = new RollingSkewness(3).compute(closes(10, 9, 1))[0][2];
        assertEquals(-a, b, 1e-12);
        assertTrue(a > 0);
    }
}
