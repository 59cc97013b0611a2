package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;

import org.junit.jupiter.api.Test;

class RollingPercentileRankTest {
    @Test
    void ranksTheCurrentValueAmongTheOthersCountingTiesAsHalf() {
        assertOutput(() -> new RollingPercentileRank(4, Source.CLOSE), closes(1, 3, 2, 3, 0.5), 0,
                Double.NaN, Double.NaN, Double.NaN, 2.5 / 3, 0);
    }
}
