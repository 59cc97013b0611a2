package dev.sextant.trading.core.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses the timestamp forms of the bars CSV contract: ISO-8601 UTC instants
 * ({@code 2013-01-02T00:00:00Z}, offsets accepted and converted to UTC, a missing zone read as
 * UTC), dates ({@code 2013-01-02}, midnight UTC), and epoch seconds or milliseconds (a whole
 * number below 100,000,000,000 is seconds, anything larger milliseconds; fractional seconds are
 * accepted). Thread-safe: stateless.
 */
public final class Timestamps {
    /** Whole numbers below this are epoch seconds, above it epoch milliseconds (year 5138 vs 1973). */
    public static final long SECONDS_MILLIS_CUTOFF = 100_000_000_000L;

    private Timestamps() {
    }

    /**
     * Parses {@code text} to epoch milliseconds UTC.
     *
     * @throws IllegalArgumentException if it is none of the accepted forms
     */
    public static long parseMillis(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (isNumber(s)) {
            if (s.indexOf('.') >= 0) {
                double seconds = Double.parseDouble(s);
                return Math.round(seconds * 1000.0);
            }
            long n = Long.parseLong(s);
            return Math.abs(n) < SECONDS_MILLIS_CUTOFF ? n * 1000L : n;
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            String iso = s.indexOf('T') < 0 ? s.replace(' ', 'T') : s;
            char last = iso.charAt(iso.length() - 1);
            if (last == 'Z' || last == 'z') {
                return Instant.parse(iso.substring(0, iso.length() - 1) + "Z").toEpochMilli();
            }
            if (hasOffset(iso)) {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "is not an ISO-8601 UTC time, a date (yyyy-MM-dd) or epoch seconds/milliseconds");
        }
    }

    private static boolean isNumber(String s) {
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        boolean dot = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasOffset(String iso) {
        int t = iso.indexOf('T');
        return t >= 0 && (iso.indexOf('+', t) >= 0 || iso.indexOf('-', t) >= 0);
    }
}
