package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class WilliamsRTest {
    @Test
    void measuresTheDistanceFromTheHighestHighInMinusHundredToZero() {
        BarSeries s = hlcv(new double[] {10, 8, 9, 1}, new double[] {11, 9, 10, 1}, new double[] {12, 10, 11, 1},
                new double[] {12, 9, 9, 1});
        assertOutput(() -> new WilliamsR(3), s, 0, Double.NaN, Double.NaN, -25, -100);
        assertOutput(() -> new WilliamsR(1), closes(4), 0, 0);
    }
}
