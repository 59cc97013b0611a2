package dev.sextant.trading.broker.algo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Side;
import org.junit.jupiter.api.Test;

class ParentOrderTest {
    private static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");

    @Test
    void aMarketParentHasNoLimit() {
        assertTrue(Double.isNaN(ParentOrder.market("p", AAPL, Side.BUY, 100).limitPrice()));
    }

    @Test
    void rejectsBadQuantitiesAndPrices() {
        assertThrows(IllegalArgumentException.class, () -> ParentOrder.market("p", AAPL, Side.BUY, 0));
        assertThrows(IllegalArgumentException.class, () -> ParentOrder.market("p", AAPL, Side.BUY, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ParentOrder("p", AAPL, Side.BUY, 10, -1));
        assertThrows(IllegalArgumentException.class, () -> new ParentOrder("p", AAPL, Side.BUY, 10, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> ParentOrder.market(" ", AAPL, Side.BUY, 10));
    }
}
