package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuoteTest {

    @Test
    void computesMidAndSpread() {
        Quote q = new Quote(0, 99.95, 10, 100.05, 12);
        assertEquals(100.0, q.mid(), 1e-12);
        assertEquals(10.0, q.spreadBps(), 1e-9);
    }

    @Test
    void rejectsACrossedQuoteNamingBothPrices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Quote(0, 101, 1, 100, 1));
        assertTrue(e.getMessage().contains("bid 101.0 above ask 100.0"), e.getMessage());
    }

    @Test
    void rejectsNonFiniteAndNegativeValues() {
        assertThrows(IllegalArgumentException.class, () -> new Quote(0, Double.NaN, 1, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new Quote(0, 99, -1, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new Quote(0, 99, 1, Double.POSITIVE_INFINITY, 1));
        assertThrows(IllegalArgumentException.class, () -> new Quote(0, -1, 1, 100, 1));
    }
}
