package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Property(tries = 2000)
    void fastPathAgreesWithJavaTime(@ForAll @LongRange(min = -2_000_000_000_000L, max = 32_000_000_000_000L) long millis) {
        Instant i = Instant.ofEpochMilli(millis);
        String text = i.toString();
        assertEquals(Instant.parse(text).toEpochMilli(), Timestamps.parseMillis(text), text);
        LocalDate d = LocalDate.ofInstant(i, ZoneOffset.UTC);
        if (d.getYear() >= 0 && d.getYear() <= 9999) {
            assertEquals(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), Timestamps.parseMillis(d.toString()));
        }
    }

    @Test
    void rejectsImpossibleDates() {
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis("2013-02-30"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis("2013-13-01"));
    }

    @Test
    void readsEpochSecondsAndMilliseconds() {
        assertEquals(1_385_337_600_000L, Timestamps.parseMillis("1385337600"));
        assertEquals(1_385_337_600_123L, Timestamps.parseMillis("1385337600123"));
        assertEquals(1_385_337_600_500L, Timestamps.parseMillis("1385337600.5"));
    }
}
