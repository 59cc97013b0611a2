package dev.sextant.trading.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InstrumentTest {

    @Test
    void roundsPriceToTick() {
        Instrument i = Instrument.equity("AAPL", "XNAS");
        assertEquals(101.23, i.roundPrice(101.2349), 0);
        assertEquals(101.24, i.roundPrice(101.2351), 0);
    }

    @Test
    void roundsQuantityTowardsZeroOnLotGrid() {
        Instrument btc = Instrument.crypto("BTC/USD", "BITSTAMP", "USD");
        assertEquals(0.12345678, btc.roundQuantity(0.123456789), 0);
        assertEquals(0.59059018, btc.roundQuantity(0.59059018), 0);
        // Large quantities in small lots: never rounded up past what was asked.
        assertEquals(170.73274247, btc.roundQuantity(170.732742479), 0);
        assertEquals(170.73274247, btc.roundQuantity(170.73274247), 0);
        Instrument lots = new Instrument("ES", "CME", AssetClass.FUTURE, "USD", 0.25, 1);
        assertEquals(3, lots.roundQuantity(3.9999), 0);
        assertEquals(3, lots.roundQuantity(2.9999999999999), 0);
        assertEquals(-3, lots.roundQuantity(-3.7), 0);
    }

    @Test
    void rejectsInvalidFields() {
        assertThrows(IllegalArgumentException.class, () -> new Instrument(" ", "X", AssetClass.EQUITY, "USD", 0.01, 1));
        assertThrows(IllegalArgumentException.class, () -> new Instrument("A", "X", AssetClass.EQUITY, "USD", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Instrument("A", "X", AssetClass.EQUITY, "USD", 0.01, Double.NaN));
        assertThrows(NullPointerException.class, () -> new Instrument("A", "X", null, "USD", 0.01, 1));
    }
}
