package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BrokerExceptionTest {

    @Test
    void theMessageStartsWithTheCode() {
        BrokerException e = new BrokerException(BrokerException.Code.NOT_CONNECTED, "paper broker is DISCONNECTED");
        assertEquals(BrokerException.Code.NOT_CONNECTED, e.code());
        assertEquals("NOT_CONNECTED: paper broker is DISCONNECTED", e.getMessage());
    }

    @Test
    void keepsTheCause() {
        IllegalStateException cause = new IllegalStateException("boom");
        assertSame(cause, new BrokerException(BrokerException.Code.VENUE_ERROR, "x", cause).getCause());
    }
}
