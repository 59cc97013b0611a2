package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class AtrTest {
    @Test
    void averagesTrueRangesFromTheSecondBarWithWilderSmoothing() {
        BarSeries s = hlcv(new double[] {10, 8, 9, 1}, new double[] {11, 9, 10, 1}, new double[] {15, 12, 14, 1},
                new double[] {14, 13, 13.5, 1});
        // TR: 2, 5 (gap up from 10), 1; ATR(2) = (2 + 5) / 2 = 3.5, then (3.5 + 1) / 2
        assertOutput(() -> new Atr(2), s, 0, Double.NaN, Double.NaN, 3.5, 2.25);
    }
}
