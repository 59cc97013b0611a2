package dev.sextant.trading.features.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
