package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class ObvTest {
    @Test
    void startsAtTheFirstVolumeAndAddsZeroForAnUnchangedClose() {
        BarSeries s = hlcv(new double[] {10, 10, 10, 5}, new double[] {11, 11, 11, 3}, new double[] {11, 11, 11, 4},
                new double[] {10, 10, 10, 2});
        assertOutput(Obv::new, s, 0, 5, 8, 8, 6);
    }
}
