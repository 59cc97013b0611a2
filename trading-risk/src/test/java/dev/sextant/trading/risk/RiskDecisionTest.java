package dev.sextant.trading.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.OrderRequest;
import org.junit.jupiter.api.Test;

class RiskDecisionTest {
    private final OrderRequest order = Fixtures.buy(Fixtures.AAPL, 10);

    @Test
    void approvedCarriesNoReason() {
        RiskDecision d = RiskDecision.approved(order);
        assertEquals(ReasonCode.NONE, d.code());
        assertTrue(d.isApproved());
        assertTrue(Double.isNaN(d.limit()));
    }

    @Test
    void codeMustAgreeWithTheOutcome() {
        assertThrows(IllegalArgumentException.class,
                () -> new RiskDecision(Outcome.APPROVED, order, ReasonCode.MAX_POSITION, "x", 1, 2, "why"));
        assertThrows(IllegalArgumentException.class,
                () -> new RiskDecision(Outcome.REJECTED, order, ReasonCode.NONE, "x", 1, 2, "why"));
        assertThrows(IllegalArgumentException.class,
                () -> new RiskDecision(Outcome.RESIZED, order, ReasonCode.MAX_POSITION, "x", 1, 2, " "));
        assertThrows(NullPointerException.class,
                () -> new RiskDecision(Outcome.REJECTED, null, ReasonCode.KILL_SWITCH, "x", 1, 2, "why"));
    }

    @Test
    void resizedIsStillApproved() {
        assertTrue(new RiskDecision(Outcome.RESIZED, order, ReasonCode.MAX_POSITION, "max-position", 1, 2, "why")
                .isApproved());
    }
}
