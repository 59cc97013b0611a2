package dev.sextant.trading.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PortfolioTest {
    private static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");
    private static int seq;

    private static Fill fill(Side side, double qty, double price, double fee) {
        return new Fill("e" + (++seq), "o" + seq, AAPL, side, qty, price, fee, Instant.EPOCH);
    }

    @Test
    void buyThenSellRealisesPnlAndChargesFees() {
        Portfolio p = Portfolio.ofCash(10_000);
        p = p.apply(fill(Side.BUY, 10, 100, 1));
        assertEquals(10_000 - 1000 - 1, p.cash(), 1e-9);
        assertEquals(10, p.position(AAPL).quantity(), 0);
        p = p.mark(AAPL, 110);
        assertEquals(100, p.unrealisedPnl(), 1e-9);
        assertEquals(10_000 - 1 + 100, p.equity(), 1e-9);
        p = p.apply(fill(Side.SELL, 4, 120, 1));
        assertEquals(80, p.realisedPnl(), 1e-9);
        assertEquals(6, p.position(AAPL).quantity(), 1e-12);
        assertEquals(100, p.position(AAPL).averagePrice(), 1e-12);
        assertEquals(2, p.feesPaid(), 0);
    }

    @Test
    void reversingThroughZeroOpensAtFillPrice() {
        Position pos = Position.flat(AAPL).apply(fill(Side.BUY, 5, 100, 0)).apply(fill(Side.SELL, 8, 90, 0));
        assertEquals(-3, pos.quantity(), 1e-12);
        assertEquals(90, pos.averagePrice(), 0);
        assertEquals(-50, pos.realisedPnl(), 1e-9);
    }

    @Test
    void shortPositionGainsWhenPriceFalls() {
        Position pos = Position.flat(AAPL).apply(fill(Side.SELL, 2, 100, 0));
        assertEquals(20, pos.unrealisedPnl(90), 1e-12);
        pos = pos.apply(fill(Side.BUY, 2, 90, 0));
        assertTrue(pos.isFlat());
        assertEquals(20, pos.realisedPnl(), 1e-12);
    }

    @Test
    void highWaterMarkTracksPeakEquityAndDrawdown() {
        Portfolio p = Portfolio.ofCash(1000).apply(fill(Side.BUY, 1, 500, 0));
        p = p.mark(AAPL, 600);
        assertEquals(1100, p.highWaterMark(), 1e-9);
        p = p.mark(AAPL, 490);
        assertEquals(1100, p.highWaterMark(), 1e-9);
        assertEquals(110.0 / 1100, p.drawdown(), 1e-12);
    }

    @Test
    void rejectsFillForAnotherInstrumentOnPosition() {
        Instrument msft = Instrument.equity("MSFT", "XNAS");
        Fill f = new Fill("x", "o", msft, Side.BUY, 1, 10, 0, Instant.EPOCH);
        assertThrows(IllegalArgumentException.class, () -> Position.flat(AAPL).apply(f));
    }

    @Test
    void rejectsNonFiniteCash() {
        assertThrows(IllegalArgumentException.class, () -> Portfolio.ofCash(Double.NaN));
    }
}
