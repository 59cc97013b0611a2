package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;

import org.junit.jupiter.api.Test;

class RocTest {
    @Test
    void isThePercentChangeOverThePeriod() {
        assertOutput(() -> new Roc(1), closes(100, 110, 121), 0, Double.NaN, 10.000000000000009, 10.000000000000009);
        assertOutput(() -> new Roc(1, Source.VOLUME), hlcv(new double[] {1, 1, 1, 0}, new double[] {1, 1, 1, 5}), 0, Double.NaN, 0);
    }
}
