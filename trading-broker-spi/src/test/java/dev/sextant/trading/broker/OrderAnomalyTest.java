package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class OrderAnomalyTest {

    @Test
    void onlyContradictionsOverfillsAndMismatchesAreFaults() {
        EnumSet<OrderAnomaly.Kind> faults = EnumSet.noneOf(OrderAnomaly.Kind.class);
        for (OrderAnomaly.Kind k : OrderAnomaly.Kind.values()) {
            if (k.isFault()) {
                faults.add(k);
            }
        }
        assertEquals(EnumSet.of(OrderAnomaly.Kind.ILLEGAL_TRANSITION, OrderAnomaly.Kind.OVERFILL,
                OrderAnomaly.Kind.MISMATCHED_FILL), faults);
    }

    @Test
    void requiresTheOrderAndTheEvent() {
        OrderEvent e = new OrderEvent.Canceled("a", Instant.EPOCH);
        assertThrows(IllegalArgumentException.class, () -> new OrderAnomaly(OrderAnomaly.Kind.STALE_EVENT, "", e, ""));
        assertThrows(NullPointerException.class, () -> new OrderAnomaly(OrderAnomaly.Kind.STALE_EVENT, "a", null, ""));
    }
}
