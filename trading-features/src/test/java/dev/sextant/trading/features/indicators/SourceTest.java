package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTest {
    @Test
    void derivedPricesAndParsing() {
        assertEquals(3.0, Source.TYPICAL.of(1, 4, 2, 3, 9));
        assertEquals(3.0, Source.MEDIAN.of(1, 4, 2, 3, 9));
        assertEquals(9.0, Source.VOLUME.of(1, 4, 2, 3, 9));
        assertEquals(Source.HIGH, Source.parse("High"));
        assertThrows(IllegalArgumentException.class, () -> Source.parse("vwap"));
    }
}
