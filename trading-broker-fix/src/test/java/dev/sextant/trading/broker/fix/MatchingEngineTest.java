package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulated exchange's book: priorities, partial fills, stops, replaces and refusals. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MatchingEngineTest {
    private static final Instrument I = Instrument.equity("SXT", "fix");

    private final MatchingEngine engine = new MatchingEngine(List.of(I), 100_000, 100);

    private static OrderRequest buy(String id, double quantity, double limit) {
        return OrderRequest.limit(id, I, Side.BUY, quantity, limit, TimeInForce.GTC);
    }

    @Test
    void aPrintFillsCrossingOrdersByPriceThenTimeUpToItsQuantity() {
        engine.submit(buy("a", 10, 99));
        engine.submit(buy("b", 10, 100));
        engine.submit(buy("c", 10, 100));
        engine.submit(buy("d", 10, 98));
        List<MatchingEngine.Report> r = engine.print("SXT", 99, 25);
        assertEquals(List.of("b", "c", "a"), r.stream().map(x -> ((MatchingEngine.Execution) x).order().clOrdId).toList());
        assertEquals(5, ((MatchingEngine.Execution) r.get(2)).quantity(), "the rest of the print");
        assertEquals(OrderStatus.PARTIALLY_FILLED, engine.order("a").orElseThrow().status);
        assertEquals(OrderStatus.NEW, engine.order("d").orElseThrow().status, "not crossed");
        assertEquals(25, engine.positions().getFirst().quantity(), 1e-9);
        assertEquals(100_000 - 25 * 99, engine.cash(), 1e-9);
    }

    @Test
    void aStopTriggersOnAPrintThroughItsPrice() {
        engine.submit(OrderRequest.stop("s", I, Side.SELL, 5, 95, TimeInForce.GTC));
        assertEquals(List.of(), engine.print("SXT", 96, 10));
        MatchingEngine.Execution t = (MatchingEngine.Execution) engine.print("SXT", 94, 10).getFirst();
        assertEquals(94, t.price());
    }

    @Test
    void refusesOrdersBeyondBuyingPowerOffGridOrWithAUsedId() {
        assertEquals(3, ((MatchingEngine.Reject) engine.submit(buy("big", 2_000, 100)).getFirst()).ordRejReason());
        assertEquals(11, ((MatchingEngine.Reject) engine.submit(buy("tick", 1, 100.001)).getFirst()).ordRejReason());
        engine.submit(buy("x", 1, 90));
        assertEquals(6, ((MatchingEngine.Reject) engine.submit(buy("x", 1, 90)).getFirst()).ordRejReason());
    }

    @Test
    void replaceKeepsTheFilledQuantityAndCancelOfAFinishedOrderIsTooLate() {
        engine.submit(buy("o", 10, 100));
        engine.print("SXT", 100, 4);
        MatchingEngine.Replace r = (MatchingEngine.Replace) engine.replace("o", buy("o2", 20, 100)).getFirst();
        assertEquals("o2", r.order().clOrdId);
        assertEquals(4, r.order().filled, 1e-9);
        engine.print("SXT", 100, 100);
        MatchingEngine.CancelReject late = (MatchingEngine.CancelReject) engine.cancel("c1", "o2").getFirst();
        assertEquals(0, late.reason());
        assertEquals(1, ((MatchingEngine.CancelReject) engine.cancel("c2", "nope").getFirst()).reason());
        engine.submit(buy("w", 1, 50));
        assertInstanceOf(MatchingEngine.Cancel.class, engine.cancel("c4", "w").getFirst());
    }
}
