package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SmaTest {
    @Test
    void averagesTheLastPeriodCloses() {
        assertOutput(() -> new Sma(3), closes(1, 2, 3, 4, 5), 0, Double.NaN, Double.NaN, 2, 3, 4);
    }

    @Test
    void averagesTheChosenSourceAndNamesIt() {
        Sma s = new Sma(2, Source.VOLUME);
        assertEquals("sma_2_volume", s.name());
        assertOutput(() -> new Sma(2, Source.VOLUME), hlcv(new double[] {2, 1, 1, 4}, new double[] {2, 1, 1, 8}), 0, Double.NaN, 6);
    }

    @Test
    void rejectsANonPositivePeriod() {
        assertThrows(IllegalArgumentException.class, () -> new Sma(0));
    }
}
