package dev.sextant.trading.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BarTest {

    @Test
    void acceptsValidBar() {
        Bar b = new Bar(0, 10, 12, 9, 11, 100);
        assertEquals(32.0 / 3, b.typicalPrice(), 1e-12);
    }

    @Test
    void rejectsNaNClose() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bar(0, 10, 12, 9, Double.NaN, 1));
        assertTrue(e.getMessage().contains("close"), e.getMessage());
    }

    @Test
    void rejectsInfiniteHigh() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bar(0, 10, Double.POSITIVE_INFINITY, 9, 11, 1));
        assertTrue(e.getMessage().contains("high"), e.getMessage());
    }

    @Test
    void rejectsNegativeOpen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bar(0, -1, 12, 9, 11, 1));
        assertTrue(e.getMessage().contains("open"), e.getMessage());
    }

    @Test
    void rejectsHighBelowLow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bar(0, 10, 9, 10.5, 10, 1));
        assertTrue(e.getMessage().contains("high"), e.getMessage());
    }

    @Test
    void rejectsHighBelowClose() {
        assertThrows(IllegalArgumentException.class, () -> new Bar(0, 10, 10.5, 9, 11, 1));
    }

    @Test
    void rejectsLowAboveOpen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bar(0, 10, 12, 10.5, 11, 1));
        assertTrue(e.getMessage().contains("low"), e.getMessage());
    }

    @Test
    void rejectsNegativeVolume() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bar(0, 10, 12, 9, 11, -1));
        assertTrue(e.getMessage().contains("volume"), e.getMessage());
    }

    @Test
    void rejectsNaNVolume() {
        assertThrows(IllegalArgumentException.class, () -> new Bar(0, 10, 12, 9, 11, Double.NaN));
    }
}
