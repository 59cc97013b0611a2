package dev.sextant.trading.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.SimulatedClock;
import org.junit.jupiter.api.Test;

class RiskResultTest {
    @Test
    void cannotBecomeADecisionBeforeAnyCheck() {
        assertThrows(IllegalStateException.class, () -> new RiskResult().toDecision());
    }

    @Test
    void isOverwrittenByEachCheckAndMirrorsTheDecision() {
        SimulatedClock clock = Fixtures.clock();
        RiskEngine e = Fixtures.engine(RiskLimits.defaults(), clock);
        e.onMark(Fixtures.AAPL, 100, clock.millis());
        RiskResult r = new RiskResult();
        OrderRequest big = Fixtures.buy(Fixtures.AAPL, 10_000);
        e.check(big, r);
        assertEquals(Outcome.RESIZED, r.outcome());
        assertEquals(ReasonCode.MAX_POSITION, r.code(), "the last, binding resize is reported");
        assertEquals(500, r.order().quantity(), 1e-9);
        RiskDecision d = r.toDecision();
        assertEquals(r.order(), d.order());
        assertEquals(r.explanation(), d.explanation());
        OrderRequest small = Fixtures.buy(Fixtures.MSFT, 1);
        e.check(small, r);
        assertEquals(Outcome.REJECTED, r.outcome());
        assertEquals(ReasonCode.STALE_MARKET_DATA, r.code());
        assertSame(small, r.order());
    }
}
