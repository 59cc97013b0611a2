package dev.sextant.trading.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockTest {

    @Test
    void theSystemClockTellsTheTimeToTheMicrosecond() {
        boolean finerThanMillis = false;
        for (int i = 0; i < 1_000 && !finerThanMillis; i++) {
            Instant now = Clock.system().now();
            assertEquals(0, now.getNano() % 1_000, "whole microseconds: " + now);
            finerThanMillis = now.getNano() % 1_000_000 != 0;
        }
        assertTrue(finerThanMillis, "some reading falls between two milliseconds");
    }

    @Test
    void theSystemClocksMillisAndNowAgree() {
        long before = System.currentTimeMillis();
        Instant now = Clock.system().now();
        long millis = Clock.system().millis();
        long after = System.currentTimeMillis();
        assertTrue(now.toEpochMilli() >= before && now.toEpochMilli() <= after, now + " not in [" + before + ", " + after + "]");
        assertTrue(millis >= before && millis <= after);
    }
}
