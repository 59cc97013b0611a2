package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChainedIndicatorTest {
    @Test
    void appliesTheSecondIndicatorToTheFirstsOutputAndAddsWarmUps() {
        ChainedIndicator c = new ChainedIndicator(new LogReturn(), 0, new RollingStdDev(2));
        assertEquals(2, c.warmUp());
        assertEquals("stddev_2(log_return_1)", c.name());
        double r1 = Math.log(2);
        double r2 = Math.log(1.5);
        assertOutput(() -> new ChainedIndicator(new LogReturn(), 0, new RollingStdDev(2)), closes(2, 4, 6), 0,
                Double.NaN, Double.NaN, Math.abs(r1 - r2) / 2);
    }

    @Test
    void aNaNAfterTheFirstValueIsAnError() {
        Sma s = new Sma(2);
        s.accept(1);
        assertThrows(IllegalArgumentException.class, () -> s.accept(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Sma(2).accept(Double.POSITIVE_INFINITY));
    }
}
