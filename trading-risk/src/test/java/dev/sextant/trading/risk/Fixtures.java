package dev.sextant.trading.risk;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeInForce;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Shared test data: instruments, a simulated clock and order and fill factories. */
final class Fixtures {
    static final Instant START = Instant.parse("2024-01-02T14:00:00Z");
    static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");
    static final Instrument MSFT = Instrument.equity("MSFT", "XNAS");
    static final Instrument GOOG = Instrument.equity("GOOG", "XNAS");
    static final Instrument XOM = Instrument.equity("XOM", "XNYS");
    static final Instrument BTC = new Instrument("BTC/USD", "CBSE", AssetClass.CRYPTO, "USD", 0.01, 0.0001);
    static final double CASH = 1_000_000;

    private static final AtomicLong IDS = new AtomicLong();

    private Fixtures() {
    }

    static SimulatedClock clock() {
        return Clock.simulated(START);
    }

    static RiskEngine engine(RiskLimits limits, SimulatedClock clock) {
        return RiskEngine.builder().limits(limits).clock(clock).startingCash(CASH).build();
    }

    static String id() {
        return "o-" + IDS.incrementAndGet();
    }

    static OrderRequest buy(Instrument i, double qty) {
        return OrderRequest.market(id(), i, Side.BUY, qty, TimeInForce.DAY);
    }

    static OrderRequest sell(Instrument i, double qty) {
        return OrderRequest.market(id(), i, Side.SELL, qty, TimeInForce.DAY);
    }

    static OrderRequest limit(Instrument i, Side side, double qty, double price) {
        return OrderRequest.limit(id(), i, side, qty, price, TimeInForce.DAY);
    }

    static Fill fill(OrderRequest order, double qty, double price, SimulatedClock clock) {
        return new Fill("x-" + IDS.incrementAndGet(), order.clientOrderId(), order.instrument(), order.side(), qty,
                price, 0, clock.now());
    }

    /** Checks {@code order}, fills all of it at {@code price} and returns the decision. */
    static RiskDecision buyAndFill(RiskEngine engine, OrderRequest order, double price, SimulatedClock clock) {
        RiskDecision d = engine.check(order);
        if (d.isApproved()) {
            engine.onFill(fill(d.order(), d.order().quantity(), price, clock));
        }
        return d;
    }

    static Signal signal(Instrument i, Direction direction, double sell, double hold, double buy, double confidence) {
        return new Signal(i, START, direction, new ClassProbabilities(sell, hold, buy), confidence, "m", "1");
    }
}
