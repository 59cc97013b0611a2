package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class BollingerBandsTest {
    @Test
    void bandsAreTheMeanPlusMinusKPopulationStandardDeviations() {
        double sd = Math.sqrt(2.0 / 3.0);
        BarSeries s = closes(1, 2, 3);
        assertOutput(() -> new BollingerBands(3, 2, Source.CLOSE), s, 0, Double.NaN, Double.NaN, 2 + 2 * sd);
        assertOutput(() -> new BollingerBands(3, 2, Source.CLOSE), s, 1, Double.NaN, Double.NaN, 2);
        assertOutput(() -> new BollingerBands(3, 2, Source.CLOSE), s, 2, Double.NaN, Double.NaN, 2 - 2 * sd);
    }

    @Test
    void constantWindowHasBandsExactlyOnTheMiddle() {
        BarSeries s = closes(3, 1, 0.1, 0.1, 0.1);
        double[][] b = new BollingerBands(3, 2, Source.CLOSE).compute(s);
        assertEquals(b[1][4], b[0][4], 0.0);
        assertEquals(b[1][4], b[2][4], 0.0);
        assertEquals(0.1, b[1][4], 1e-15);
    }

    @Test
    void middleBandIsTheSmaBitForBit() {
        BarSeries s = TestBars.btcMinutes();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new Sma(20).compute(s)[0], new BollingerBands().compute(s)[1], 0.0);
    }
}
