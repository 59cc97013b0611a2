package dev.sextant.trading.risk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeRingTest {
    @Test
    void isFullWhenCapacityEventsFallWithinTheWindow() {
        TimeRing r = new TimeRing(3);
        r.record(0);
        r.record(400);
        assertFalse(r.isFull(500, 1_000));
        r.record(900);
        assertTrue(r.isFull(999, 1_000));
        assertFalse(r.isFull(1_000, 1_000), "the event at 0 is a full window old");
        assertEquals(2, r.countWithin(1_000, 1_000));
        r.record(1_000);
        assertTrue(r.isFull(1_399, 1_000));
    }

    @Test
    void resizingKeepsTheNewestEvents() {
        TimeRing r = new TimeRing(4);
        for (long t = 1; t <= 6; t++) {
            r.record(t * 100);
        }
        TimeRing small = TimeRing.resized(r, 2);
        assertTrue(small.isFull(601, 200));
        assertFalse(small.isFull(601, 100));
        TimeRing big = TimeRing.resized(r, 8);
        assertEquals(4, big.countWithin(700, 1_000));
        assertFalse(big.isFull(700, 1_000));
    }

    @Test
    void clearForgetsAndCapacityMustBePositive() {
        TimeRing r = new TimeRing(1);
        r.record(5);
        r.clear();
        assertFalse(r.isFull(5, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimeRing(0));
    }
}
