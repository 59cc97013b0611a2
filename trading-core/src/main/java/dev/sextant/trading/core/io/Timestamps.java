package dev.sextant.trading.core.io;

import dev.sextant.trading.core.TimeFrame;
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
        long fast = fastIsoUtc(s);
        if (fast != Long.MIN_VALUE) {
            return fast;
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

    /**
     * The canonical forms {@code yyyy-MM-dd} and {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z} without
     * java.time parsing (which dominates CSV reading otherwise); any other form, or an invalid
     * field value, returns {@link Long#MIN_VALUE} and the caller falls back to java.time, which
     * gives the error message.
     */
    private static long fastIsoUtc(String s) {
        int n = s.length();
        if (n != 10 && n != 20 && n != 24) {
            return Long.MIN_VALUE;
        }
        if (s.charAt(4) != '-' || s.charAt(7) != '-') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return Long.MIN_VALUE;
        }
        long millis = epochDay(year, month, day) * TimeFrame.MILLIS_PER_DAY;
        if (n == 10) {
            return millis;
        }
        if (s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return Long.MIN_VALUE;
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int ms = 0;
        if (n == 24) {
            if (s.charAt(19) != '.') {
                return Long.MIN_VALUE;
            }
            ms = digits(s, 20, 3);
            if (ms < 0) {
                return Long.MIN_VALUE;
            }
        }
        return millis + hour * 3_600_000L + minute * 60_000L + second * 1000L + ms;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of java.time.LocalDate#toEpochDay). */
    private static long epochDay(long y, int m, int d) {
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * m - 362) / 12;
        total += d - 1;
        if (m > 2) {
            total--;
            boolean leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
            if (!leap) {
                total--;
            }
        }
        return total - 719_528L;
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
