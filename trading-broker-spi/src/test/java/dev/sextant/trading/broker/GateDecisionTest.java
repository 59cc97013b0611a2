package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import org.junit.jupiter.api.Test;

class GateDecisionTest {

    @Test
    void factoriesBuildEachCase() {
        assertInstanceOf(GateDecision.Approved.class, GateDecision.approve());
        GateDecision.Resized r = assertInstanceOf(GateDecision.Resized.class, GateDecision.resize(5, "MAX_POSITION"));
        assertEquals(5, r.quantity());
        assertEquals("MAX_POSITION", r.reason());
        assertEquals("KILL_SWITCH",
                assertInstanceOf(GateDecision.Rejected.class, GateDecision.reject("KILL_SWITCH")).reason());
    }

    @Test
    void aResizeNeedsAPositiveQuantityAndAReason() {
        assertThrows(IllegalArgumentException.class, () -> GateDecision.resize(0, "MAX_POSITION"));
        assertThrows(IllegalArgumentException.class, () -> GateDecision.resize(Double.NaN, "MAX_POSITION"));
        assertThrows(IllegalArgumentException.class, () -> GateDecision.resize(3, ""));
    }

    @Test
    void aRejectionNeedsAReason() {
        assertThrows(IllegalArgumentException.class, () -> GateDecision.reject(" "));
        assertThrows(NullPointerException.class, () -> new GateDecision.Rejected(null));
    }

    @Test
    void theApproveAllGateApprovesEverything() {
        OrderRequest r = OrderRequest.market("a", Instrument.equity("A", "X"), Side.BUY, 1, TimeInForce.DAY);
        assertEquals(GateDecision.approve(), PreTradeGate.approveAll().check(r));
    }
}
