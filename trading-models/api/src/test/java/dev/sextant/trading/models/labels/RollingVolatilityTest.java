package dev.sextant.trading.models.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RollingVolatilityTest {

    @Test
    void isTheSampleDeviationOfTheTrailingLogReturns() {
        double[] close = {100, 110, 99, 108.9};
        double[] vol = RollingVolatility.of(close, 2);
        assertTrue(Double.isNaN(vol[0]) && Double.isNaN(vol[1]));
        double r1 = Math.log(1.1);
        double r2 = Math.log(0.9);
        double r3 = Math.log(1.1);
        assertEquals(Math.abs(r1 - r2) / Math.sqrt(2), vol[2], 1e-12);
        assertEquals(Math.abs(r3 - r2) / Math.sqrt(2), vol[3], 1e-12);
    }

    @Test
    void isZeroForAConstantTrend() {
        double[] close = new double[30];
        for (int i = 0; i < close.length; i++) {
            close[i] = 100 * Math.pow(1.01, i);
        }
        assertEquals(0, RollingVolatility.of(close, 10)[29], 1e-12);
    }
}
