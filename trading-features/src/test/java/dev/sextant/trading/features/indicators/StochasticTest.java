package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class StochasticTest {
    @Test
    void percentKUsesAWindowIncludingTheCurrentBarAndPercentDAveragesIt() {
        BarSeries s = hlcv(new double[] {10, 8, 9, 1}, new double[] {11, 9, 10, 1}, new double[] {12, 10, 11, 1},
                new double[] {12, 9, 9, 1});
        assertOutput(() -> new Stochastic(3, 2), s, 0, Double.NaN, Double.NaN, 75, 0);
        assertOutput(() -> new Stochastic(3, 2), s, 1, Double.NaN, Double.NaN, Double.NaN, 37.5);
    }

    @Test
    void zeroRangeGivesZeroAsTaLib() {
        assertOutput(() -> new Stochastic(2, 1), closes(5, 5), 0, Double.NaN, 0);
    }
}
