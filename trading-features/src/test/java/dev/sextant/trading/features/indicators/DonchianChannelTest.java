package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class DonchianChannelTest {
    @Test
    void bandsAreTheHighestHighAndLowestLow() {
        BarSeries s = hlcv(new double[] {10, 8, 9, 1}, new double[] {12, 9, 11, 1}, new double[] {11, 7, 8, 1});
        assertOutput(() -> new DonchianChannel(2), s, 0, Double.NaN, 12, 12);
        assertOutput(() -> new DonchianChannel(2), s, 1, Double.NaN, 10, 9.5);
        assertOutput(() -> new DonchianChannel(2), s, 2, Double.NaN, 8, 7);
    }
}
