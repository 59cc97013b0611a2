package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class KeltnerChannelTest {
    @Test
    void middleIsTheTypicalPriceEmaAndBandsAreMultiplesOfAtr() {
        BarSeries s = hlcv(new double[] {11, 9, 10, 1}, new double[] {13, 11, 12, 1}, new double[] {12, 10, 11, 1});
        // EMA(2) of typical prices 10, 12, 11: seed 11, then 11; ATR(2) = (3 + 2) / 2
        assertOutput(() -> new KeltnerChannel(2, 1.0, 2), s, 1, Double.NaN, Double.NaN, 11);
        assertOutput(() -> new KeltnerChannel(2, 1.0, 2), s, 0, Double.NaN, Double.NaN, 13.5);
        assertOutput(() -> new KeltnerChannel(2, 1.0, 2), s, 2, Double.NaN, Double.NaN, 8.5);
    }
}
