package dev.sextant.trading.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

    @Test
    void movesOnlyForward() {
        SimulatedClock c = Clock.simulated(Instant.ofEpochMilli(1000));
        c.advanceTo(2000);
        c.advanceBy(5);
        assertEquals(2005, c.millis());
        assertThrows(IllegalArgumentException.class, () -> c.advanceTo(1999));
        assertThrows(IllegalArgumentException.class, () -> c.advanceBy(-1));
        assertEquals(Instant.ofEpochMilli(2005), c.now());
    }
}
