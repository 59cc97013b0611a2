package dev.sextant.trading.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeFrameTest {

    @Test
    void parsesCommonForms() {
        assertEquals(TimeFrame.M1, TimeFrame.parse("1m"));
        assertEquals(TimeFrame.M5, TimeFrame.parse("5m"));
        assertEquals(TimeFrame.H1, TimeFrame.parse("1h"));
        assertEquals(TimeFrame.D1, TimeFrame.parse("1D"));
        assertEquals(Duration.ofSeconds(30), TimeFrame.parse("30s").duration());
        assertEquals(Duration.ofMillis(250), TimeFrame.parse("250ms").duration());
        assertEquals(Duration.ofDays(7), TimeFrame.parse("1w").duration());
    }

    @Test
    void rejectsMalformedText() {
        assertThrows(IllegalArgumentException.class, () -> TimeFrame.parse("5x"));
        assertThrows(IllegalArgumentException.class, () -> TimeFrame.parse("0m"));
        assertThrows(IllegalArgumentException.class, () -> TimeFrame.parse(""));
    }

    @Test
    void rejectsNonPositiveDuration() {
        assertThrows(IllegalArgumentException.class, () -> TimeFrame.of(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TimeFrame.of(Duration.ofNanos(5)));
    }

    @Test
    void alignsToEpochMultiples() {
        long t = 1385337613_000L; // 2013-11-25T00:00:13Z
        assertEquals(1385337600_000L, TimeFrame.M1.alignStart(t));
        assertEquals(1385337600_000L, TimeFrame.H1.alignStart(t));
        assertEquals(-60_000L, TimeFrame.M1.alignStart(-1));
    }

    @Test
    void labelsRoundTrip() {
        for (String s : new String[] {"1m", "5m", "15m", "1h", "4h", "1d", "30s", "2w", "250ms"}) {
            assertEquals(s, TimeFrame.parse(s).label());
        }
    }

    @Test
    void hugeTimeFramesAreRejectedWithAReasonNotAnOverflow() {
        for (String text : new String[] {"99999999999999w", "36601d", "9223372036854775807ms", "99999999999999999999999m"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeFrame.parse(text), text);
            assertTrue(e.getMessage().contains("at most 36600d"), e.getMessage());
        }
        assertEquals(TimeFrame.MAX_MILLIS, TimeFrame.parse("36600d").millis());
        assertThrows(IllegalArgumentException.class, () -> TimeFrame.ofMillis(TimeFrame.MAX_MILLIS + 1));
        assertThrows(IllegalArgumentException.class, () -> TimeFrame.of(Duration.ofDays(400_000_000L)));
    }
}
