package dev.sextant.trading.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OrderRequestTest {
    private static final Instrument I = Instrument.equity("AAPL", "XNAS");

    @Test
    void limitOrderNeedsLimitPrice() {
        assertThrows(IllegalArgumentException.class,
                () -> new OrderRequest("a", I, Side.BUY, 1, OrderType.LIMIT, Double.NaN, Double.NaN, TimeInForce.DAY));
    }

    @Test
    void marketOrderMustNotCarryPrices() {
        assertThrows(IllegalArgumentException.class,
                () -> new OrderRequest("a", I, Side.BUY, 1, OrderType.MARKET, 10, Double.NaN, TimeInForce.DAY));
    }

    @Test
    void stopLimitCarriesBothPrices() {
        OrderRequest r = OrderRequest.stopLimit("a", I, Side.SELL, 3, 95, 94, TimeInForce.GTC);
        assertEquals(-3, r.signedQuantity(), 0);
        assertEquals(94, r.limitPrice(), 0);
        assertEquals(95, r.stopPrice(), 0);
    }

    @Test
    void rejectsNonPositiveQuantity() {
        assertThrows(IllegalArgumentException.class, () -> OrderRequest.market("a", I, Side.BUY, 0, TimeInForce.IOC));
        assertThrows(IllegalArgumentException.class, () -> OrderRequest.market("a", I, Side.BUY, Double.NaN, TimeInForce.IOC));
    }

    @Test
    void classProbabilitiesMustSumToOne() {
        assertThrows(IllegalArgumentException.class, () -> new ClassProbabilities(0.5, 0.5, 0.5));
        assertEquals(Direction.BUY, new ClassProbabilities(0.2, 0.3, 0.5).argmax());
        assertEquals(Direction.HOLD, new ClassProbabilities(0.4, 0.4, 0.2).argmax());
    }
}
