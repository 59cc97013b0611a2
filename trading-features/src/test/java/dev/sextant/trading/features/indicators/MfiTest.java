package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class MfiTest {
    @Test
    void splitsRawMoneyFlowByTheTypicalPriceDirection() {
        BarSeries s = hlcv(new double[] {10, 10, 10, 1}, new double[] {11, 11, 11, 2}, new double[] {10.5, 10.5, 10.5, 4},
                new double[] {12, 12, 12, 1});
        // flows: +22, -42, +12
        assertOutput(() -> new Mfi(2), s, 0, Double.NaN, Double.NaN, 100 * 22 / 64.0, 100 * 12 / 54.0);
    }

    @Test
    void isZeroWithoutAnyFlow() {
        assertOutput(() -> new Mfi(1), closes(5, 5), 0, Double.NaN, 0);
    }
}
