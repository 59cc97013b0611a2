package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.closes;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class BarColumnsTest {
    @Test
    void copiesTheSeriesAndCachesDerivedColumns() {
        BarSeries s = hlcv(new double[] {4, 2, 3, 7});
        BarColumns c = BarColumns.of(s);
        assertEquals(1, c.size());
        assertEquals(3.0, c.column(Source.TYPICAL)[0]);
        assertTrue(c.column(Source.TYPICAL) == c.column(Source.TYPICAL));
        assertThrows(IllegalArgumentException.class, () -> BarColumns.of(new long[1], new double[1], new double[1],
                new double[1], new double[0], new double[1], 1));
    }

    @Test
    void batchRejectsOutputOfTheWrongShape() {
        assertThrows(IllegalArgumentException.class, () -> new Sma(2).compute(BarColumns.of(closes(1, 2)), new double[2][2]));
        assertThrows(IllegalArgumentException.class, () -> new Adx(2).compute(BarColumns.of(closes(1, 2)), new double[3][1]));
    }
}
