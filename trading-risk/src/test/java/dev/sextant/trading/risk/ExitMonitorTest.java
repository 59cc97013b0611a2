package dev.sextant.trading.risk;

import static dev.sextant.trading.risk.Fixtures.AAPL;
import static dev.sextant.trading.risk.Fixtures.MSFT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeInForce;
import org.junit.jupiter.api.Test;

class ExitMonitorTest {
    private static int ids;
    private final ExitMonitor monitor = new ExitMonitor(new ExitPolicy(0.05, 0.10, 0.03));

    private static Fill fill(Instrument i, Side side, double qty, double price) {
        return new Fill("x" + (++ids), "o" + ids, i, side, qty, price, 0, Fixtures.START);
    }

    @Test
    void stopLossClosesALongFivePercentBelowEntry() {
        monitor.setPolicy(AAPL, new ExitPolicy(0.05, 0.10, 0));
        monitor.onFill(fill(AAPL, Side.BUY, 100, 100));
        assertTrue(monitor.onPrice(AAPL, 95.01).isEmpty());
        Exit e = monitor.onPrice(AAPL, 95).orElseThrow();
        assertEquals(ExitReason.STOP_LOSS, e.reason());
        assertEquals(Side.SELL, e.side());
        assertEquals(100, e.quantity());
        assertEquals(95, e.level(), 1e-12);
        assertTrue(monitor.onPrice(AAPL, 90).isEmpty(), "an exit is reported once per position");
    }

    @Test
    void takeProfitClosesALongTenPercentAboveEntry() {
        monitor.setPolicy(AAPL, new ExitPolicy(0.05, 0.10, 0));
        monitor.onFill(fill(AAPL, Side.BUY, 100, 100));
        assertTrue(monitor.onPrice(AAPL, 109.99).isEmpty());
        assertEquals(ExitReason.TAKE_PROFIT, monitor.onPrice(AAPL, 110).orElseThrow().reason());
    }

    @Test
    void trailingStopFollowsTheBestPriceSinceEntry() {
        monitor.onFill(fill(AAPL, Side.BUY, 100, 100));
        assertTrue(monitor.onPrice(AAPL, 108).isEmpty());
        assertTrue(monitor.onPrice(AAPL, 104.77).isEmpty());
        Exit e = monitor.onPrice(AAPL, 104.76).orElseThrow();
        assertEquals(ExitReason.TRAILING_STOP, e.reason());
        assertEquals(108 * 0.97, e.level(), 1e-12);
    }

    @Test
    void shortsAreMirrored() {
        monitor.onFill(fill(MSFT, Side.SELL, 50, 200));
        assertTrue(monitor.onPrice(MSFT, 205).isEmpty());
        Exit stop = monitor.onPrice(MSFT, 210).orElseThrow();
        assertEquals(ExitReason.STOP_LOSS, stop.reason());
        assertEquals(Side.BUY, stop.side());
        assertEquals(50, stop.quantity());
        ExitMonitor tp = new ExitMonitor(new ExitPolicy(0, 0.10, 0));
        tp.onFill(fill(MSFT, Side.SELL, 50, 200));
        assertEquals(ExitReason.TAKE_PROFIT, tp.onPrice(MSFT, 180).orElseThrow().reason());
        ExitMonitor trail = new ExitMonitor(new ExitPolicy(0, 0, 0.05));
        trail.onFill(fill(MSFT, Side.SELL, 50, 200));
        trail.onPrice(MSFT, 180);
        assertEquals(ExitReason.TRAILING_STOP, trail.onPrice(MSFT, 189).orElseThrow().reason());
    }

    @Test
    void aNewFillReArmsAndClosingForgetsThePosition() {
        monitor.onFill(fill(AAPL, Side.BUY, 100, 100));
        monitor.onPrice(AAPL, 94).orElseThrow();
        monitor.onFill(fill(AAPL, Side.SELL, 40, 94));
        assertEquals(60, monitor.position(AAPL).quantity());
        assertEquals(ExitReason.STOP_LOSS, monitor.onPrice(AAPL, 94).orElseThrow().reason());
        monitor.onFill(fill(AAPL, Side.SELL, 60, 94));
        assertTrue(monitor.position(AAPL).isFlat());
        assertTrue(monitor.onPrice(AAPL, 50).isEmpty());
    }

    @Test
    void exitOrdersReduceRiskSoTheyPassATrippedKillSwitch() {
        SimulatedClock clock = Fixtures.clock();
        RiskEngine engine = Fixtures.engine(RiskLimits.defaults(), clock);
        engine.onMark(AAPL, 100, clock.millis());
        RiskDecision entry = Fixtures.buyAndFill(engine, Fixtures.buy(AAPL, 300), 100, clock);
        monitor.onFill(fill(AAPL, Side.BUY, entry.order().quantity(), 100));
        engine.onMark(AAPL, 94, clock.millis());
        engine.killSwitch().trip(KillSwitchTrigger.MANUAL, "test");
        Exit exit = monitor.onPrice(AAPL, 94).orElseThrow();
        assertTrue(engine.check(exit.toMarketOrder("exit-1", TimeInForce.IOC)).isApproved());
    }

    @Test
    void rejectsInvalidPoliciesAndPrices() {
        assertThrows(IllegalArgumentException.class, () -> new ExitPolicy(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ExitPolicy(0, -0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ExitPolicy(0, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> monitor.onPrice(AAPL, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> monitor.onPrice(AAPL, -1));
    }
}
