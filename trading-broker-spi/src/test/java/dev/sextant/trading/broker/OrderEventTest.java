package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderEventTest {
    private static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");
    private static final Instant T = Instant.parse("2024-01-02T00:00:00Z");

    @Test
    void anExecutionTakesItsOrderAndTimeFromTheFill() {
        Fill f = new Fill("E1", "a", AAPL, Side.BUY, 1, 100, 0, T);
        OrderEvent e = new OrderEvent.Filled(f);
        assertEquals("a", e.clientOrderId());
        assertEquals(T, e.time());
        assertTrue(e instanceof OrderEvent.Execution);
    }

    @Test
    void aReplacementMustHaveANewClientOrderId() {
        OrderRequest same = OrderRequest.market("a", AAPL, Side.BUY, 1, TimeInForce.DAY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OrderEvent.Replaced("a", same, "V", T));
        assertTrue(e.getMessage().contains("reused a"));
    }

    @Test
    void rejectsBlankIdsAndMissingFields() {
        assertThrows(IllegalArgumentException.class, () -> new OrderEvent.Accepted("a", " ", T));
        assertThrows(IllegalArgumentException.class, () -> new OrderEvent.Canceled("", T));
        assertThrows(NullPointerException.class, () -> new OrderEvent.Rejected("a", null, "", T));
        assertThrows(NullPointerException.class, () -> new OrderEvent.CancelRejected("a", RejectReason.TOO_LATE, "", null));
        assertThrows(NullPointerException.class, () -> new OrderEvent.PartiallyFilled(null));
    }
}
