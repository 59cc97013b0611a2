package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void decimalMillisecondsAreMillisecondsAsPandasWritesThem() {
        assertEquals(1_357_084_800_000L, Timestamps.parseMillis("1357084800000.0"));
        assertEquals(1_357_084_800_250L, Timestamps.parseMillis("1357084800250.0"));
        assertEquals(1_357_084_800_000L, Timestamps.parseMillis("1357084800.0"));
        assertEquals(1_357_084_800_000L, Timestamps.parseMillis("1.3570848E9"));
        assertEquals(1_357_084_800_000L, Timestamps.parseMillis("1.3570848E12"));
    }

    @Property(tries = 500)
    void integerAndDecimalEpochsOfTheSameValueAgree(
            @ForAll @LongRange(min = -62_167_219_200_000L, max = 253_402_300_799_999L) long n) {
        long whole = Timestamps.parseMillis(Long.toString(n));
        assertEquals(whole, Timestamps.parseMillis(n + ".0"));
        assertEquals(whole, Timestamps.parseMillis(n + ".000"));
    }

    @Test
    void subMillisecondDigitsAreDroppedTowardsThePastLikeInstant() {
        assertEquals(1_357_084_800_123L, Timestamps.parseMillis("1357084800.123456"));
        assertEquals(1_357_084_800_123L, Timestamps.parseMillis("1357084800123.9"));
        assertEquals(Instant.parse("2013-01-02T00:00:00.123456Z").toEpochMilli(),
                Timestamps.parseMillis("2013-01-02T00:00:00.123456Z"));
        assertEquals(-1L, Timestamps.parseMillis("-0.0005"));
    }

    @Test
    void minLongIsRejectedNotWrappedTo1970() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parseMillis("-9223372036854775808"));
        assertTrue(e.getMessage().contains("outside the supported range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis("9223372036854775807"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis("99999999999999999999999999"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis("1e300"));
    }

    @Test
    void microsecondAndNanosecondEpochsAreOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis("1357084800000000"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis("1357084800000000000"));
    }

    @Test
    void rangeIsYearsZeroTo9999Inclusive() {
        assertEquals(Timestamps.MIN_MILLIS, Timestamps.parseMillis("0000-01-01"));
        assertEquals(Timestamps.MIN_MILLIS, Timestamps.parseMillis(Timestamps.MIN_TEXT));
        assertEquals(Timestamps.MAX_MILLIS, Timestamps.parseMillis(Timestamps.MAX_TEXT));
        assertEquals(Timestamps.MAX_MILLIS, Timestamps.parseMillis(Long.toString(Timestamps.MAX_MILLIS)));
        assertEquals(Instant.parse(Timestamps.MIN_TEXT).toEpochMilli(), Timestamps.MIN_MILLIS);
        assertEquals(Instant.parse(Timestamps.MAX_TEXT).toEpochMilli(), Timestamps.MAX_MILLIS);
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis("+10000-01-01T00:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis("-0001-12-31T23:59:59Z"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis(Long.toString(Timestamps.MAX_MILLIS + 1)));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis(Long.toString(Timestamps.MIN_MILLIS - 1)));
    }

    @Test
    void leapSecondIsRejectedWithAClearReasonInEveryForm() {
        for (String s : new String[] {"2015-06-30T23:59:60Z", "2015-06-30T23:59:60.500Z", "2015-06-30 23:59:60",
                "2015-06-30T23:59:60+00:00"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis(s), s);
            assertTrue(e.getMessage().contains("leap second"), e.getMessage());
        }
    }

    @Test
    void javaOnlyNumberSyntaxIsNotATimestamp() {
        for (String s : new String[] {"0x1p6", "100d", "+1357084800", ".5", "1357084800.", "1_357_084_800", "NaN"}) {
            assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis(s), s);
        }
    }
}
