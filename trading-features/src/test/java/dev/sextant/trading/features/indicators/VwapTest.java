package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class VwapTest {
    @Test
    void weightsTypicalPricesByVolumeOverTheWindow() {
        BarSeries s = hlcv(new double[] {10, 10, 10, 1}, new double[] {20, 20, 20, 3}, new double[] {30, 30, 30, 0});
        assertOutput(() -> new Vwap(2), s, 0, Double.NaN, 17.5, 20);
        // bands: +- 2 population sd of the typical prices 10, 20 (sd 5)
        assertOutput(() -> new Vwap(2), s, 1, Double.NaN, 27.5, 30);
        assertOutput(() -> new Vwap(2), s, 2, Double.NaN, 7.5, 10);
    }

    @Test
    void windowWithoutVolumeUsesTheMeanTypicalPrice() {
        BarSeries s = hlcv(new double[] {5, 5, 5, 0}, new double[] {7, 7, 7, 0});
        assertOutput(() -> new Vwap(2), s, 0, Double.NaN, 6);
    }
}
