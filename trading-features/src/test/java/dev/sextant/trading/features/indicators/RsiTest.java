package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;

import org.junit.jupiter.api.Test;

class RsiTest {
    @Test
    void usesWilderAveragesSeededWithTheFirstPeriodChanges() {
        // changes +1, -0.5, +1; period 2: gain 0.5, loss 0.25 -> 66.67; then gain 0.75, loss 0.125
        assertOutput(() -> new Rsi(2), closes(10, 11, 10.5, 11.5), 0,
                Double.NaN, Double.NaN, 100 * 0.5 / 0.75, 100 * 0.75 / 0.875);
    }

    @Test
    void isZeroWhenThereIsNoChangeAndHundredWhenOnlyGains() {
        assertOutput(() -> new Rsi(2), closes(5, 5, 5), 0, Double.NaN, Double.NaN, 0);
        assertOutput(() -> new Rsi(2), closes(5, 6, 7), 0, Double.NaN, Double.NaN, 100);
    }
}
