package dev.sextant.trading.core.io;

import dev.sextant.trading.core.TimeFrame;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The one timestamp parser of Sextant's market data. It reads the forms of the bars CSV contract
 * to epoch milliseconds UTC and rejects anything outside the supported range
 * {@value #MIN_TEXT} to {@value #MAX_TEXT} (years 0000 to 9999), so no later arithmetic on a
 * time can overflow.
 *
 * <ul>
 *   <li>ISO-8601: {@code 2013-01-02T00:00:00Z} (fractions of a second accepted; digits finer than
 *       a millisecond are dropped, as {@link java.time.Instant#toEpochMilli()} does), with an offset
 *       ({@code +01:00}, converted to UTC) or without a zone (read as UTC), {@code T} or a space
 *       between date and time.</li>
 *   <li>A date {@code 2013-01-02}: midnight UTC.</li>
 *   <li>An epoch number in the grammar of {@link NumberGrammar}: its unit is decided by its
 *       magnitude, the same way for whole and decimal numbers: below {@value #SECONDS_MILLIS_CUTOFF}
 *       in absolute value it is seconds (up to year 5138), otherwise milliseconds. So
 *       {@code 1357084800}, {@code 1357084800.0}, {@code 1357084800000} and
 *       {@code 1357084800000.0} (as pandas writes milliseconds) are the same instant. Digits finer
 *       than a millisecond are dropped (rounded towards the past). Microsecond and nanosecond
 *       epochs are out of range, never guessed.</li>
 * </ul>
 *
 * <p>A leap second ({@code 23:59:60}) is rejected: like {@code java.time} and POSIX time,
 * Sextant's time scale has no leap seconds, and silently folding one onto {@code 23:59:59}
 * would make it collide with the real {@code 23:59:59} bar. Thread-safe: stateless.
 */
public final class Timestamps {
    /** Epoch numbers whose absolute value is below this are seconds, others milliseconds (year 5138 vs 1973). */
    public static final long SECONDS_MILLIS_CUTOFF = 100_000_000_000L;
    /** The earliest supported time, {@code 0000-01-01T00:00:00Z}, in epoch milliseconds. */
    public static final long MIN_MILLIS = -62_167_219_200_000L;
    /** The latest supported time, {@code 9999-12-31T23:59:59.999Z}, in epoch milliseconds. */
    public static final long MAX_MILLIS = 253_402_300_799_999L;
    /** {@link #MIN_MILLIS} as text. */
    public static final String MIN_TEXT = "0000-01-01T00:00:00Z";
    /** {@link #MAX_MILLIS} as text. */
    public static final String MAX_TEXT = "9999-12-31T23:59:59.999Z";

    private static final String FORMS =
            "is not an ISO-8601 time, a date (yyyy-MM-dd) or epoch seconds/milliseconds";
    private static final String OUT_OF_RANGE = "is outside the supported range " + MIN_TEXT + " to " + MAX_TEXT;
    private static final BigDecimal CUTOFF = BigDecimal.valueOf(SECONDS_MILLIS_CUTOFF);
    private static final BigDecimal MIN = BigDecimal.valueOf(MIN_MILLIS);
    private static final BigDecimal MAX = BigDecimal.valueOf(MAX_MILLIS);
    /** Epoch numbers with more characters than this are out of range whatever their digits. */
    private static final int MAX_EPOCH_CHARS = 64;

    private Timestamps() {
    }

    /**
     * Parses {@code text} (surrounding white space ignored) to epoch milliseconds UTC.
     *
     * @throws IllegalArgumentException if it is none of the accepted forms or is outside the
     *         supported range; the message is a reason to append to the value
     */
    public static long parseMillis(String text) {
        String s = text.strip();
        return parseMillis(s, 0, s.length());
    }

    /** Whether {@code millis} lies in the supported range [{@link #MIN_MILLIS}, {@link #MAX_MILLIS}]. */
    public static boolean inRange(long millis) {
        return millis >= MIN_MILLIS && millis <= MAX_MILLIS;
    }

    /**
     * Parses {@code text[from, to)}, which has no surrounding white space.
     *
     * @throws IllegalArgumentException as {@link #parseMillis(String)}
     */
    static long parseMillis(CharSequence s, int from, int to) {
        if (from == to) {
            throw new IllegalArgumentException("is empty");
        }
        char first = s.charAt(from);
        if (first == '-' || (first >= '0' && first <= '9')) {
            long fast = fastIsoUtc(s, from, to);
            if (fast != Long.MIN_VALUE) {
                return fast;
            }
            if (NumberGrammar.matches(s, from, to)) {
                return epoch(s, from, to);
            }
        }
        return slowIso(s.subSequence(from, to).toString());
    }

    private static long epoch(CharSequence s, int from, int to) {
        if (to - from <= 18 && NumberGrammar.isInteger(s, from, to)) {
            long n = 0;
            boolean negative = s.charAt(from) == '-';
            for (int i = negative ? from + 1 : from; i < to; i++) {
                n = n * 10 + (s.charAt(i) - '0');
            }
            n = negative ? -n : n;
            long millis = Math.abs(n) < SECONDS_MILLIS_CUTOFF ? n * 1000L : n;
            if (!inRange(millis)) {
                throw new IllegalArgumentException(OUT_OF_RANGE + epochHint());
            }
            return millis;
        }
        if (to - from > MAX_EPOCH_CHARS) {
            throw new IllegalArgumentException(OUT_OF_RANGE + epochHint());
        }
        BigDecimal n = new BigDecimal(s.subSequence(from, to).toString());
        if (n.scale() < -20 || n.precision() - n.scale() > 20) {
            // more than 20 integer digits: far out of range, and not worth exact arithmetic
            throw new IllegalArgumentException(OUT_OF_RANGE + epochHint());
        }
        BigDecimal millis = n.abs().compareTo(CUTOFF) < 0 ? n.movePointRight(3) : n;
        millis = millis.setScale(0, RoundingMode.FLOOR);
        if (millis.compareTo(MIN) < 0 || millis.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(OUT_OF_RANGE + epochHint());
        }
        return millis.longValueExact();
    }

    private static String epochHint() {
        return " (epoch seconds below 10^11 in absolute value, else milliseconds; microsecond and nanosecond epochs "
                + "are not accepted)";
    }

    private static long slowIso(String s) {
        rejectLeapSecond(s);
        long millis;
        try {
            if (s.length() == 10) {
                millis = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } else {
                String iso = s.indexOf('T') < 0 ? s.replace(' ', 'T') : s;
                char last = iso.charAt(iso.length() - 1);
                if (last == 'Z' || last == 'z') {
                    millis = Instant.parse(iso.substring(0, iso.length() - 1) + "Z").toEpochMilli();
                } else if (hasOffset(iso)) {
                    millis = OffsetDateTime.parse(iso).toInstant().toEpochMilli();
                } else {
                    millis = LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
                }
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(FORMS);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        if (!inRange(millis)) {
            throw new IllegalArgumentException(OUT_OF_RANGE);
        }
        return millis;
    }

    /** A time of day {@code HH:mm:60} after a date is a leap second: say so rather than "not ISO-8601". */
    private static void rejectLeapSecond(String s) {
        int t = Math.max(s.indexOf('T'), s.indexOf(' '));
        if (t > 0 && s.length() >= t + 9 && s.charAt(t + 3) == ':' && s.charAt(t + 6) == ':' && s.charAt(t + 7) == '6'
                && s.charAt(t + 8) == '0' && (s.length() == t + 9 || !Character.isDigit(s.charAt(t + 9)))) {
            throw new IllegalArgumentException("has second 60, a leap second: Sextant time, like POSIX time, has "
                    + "no leap seconds; write 23:59:59.999 or the next day's 00:00:00");
        }
    }

    /**
     * The canonical forms {@code yyyy-MM-dd} and {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z} without
     * java.time parsing (which dominates CSV reading otherwise); any other form, or an invalid
     * field value, returns {@link Long#MIN_VALUE} and the caller falls back to java.time, which
     * gives the error message. Read from the bytes of an ASCII line, else from the characters
     * copied to bytes.
     */
    private static long fastIsoUtc(CharSequence s, int from, int to) {
        int n = to - from;
        if (n != 10 && n != 20 && n != 24) {
            return Long.MIN_VALUE;
        }
        if (s instanceof AsciiLine ascii) {
            return fastIsoUtc(ascii.bytes(), ascii.offset() + from, n);
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(from + i);
            if (c > 0x7F) {
                return Long.MIN_VALUE;
            }
            b[i] = (byte) c;
        }
        return fastIsoUtc(b, 0, n);
    }

    /** {@link #fastIsoUtc(CharSequence, int, int)} of the {@code n} ASCII bytes at {@code b[at]}. */
    private static long fastIsoUtc(byte[] b, int at, int n) {
        if (b[at + 4] != '-' || b[at + 7] != '-') {
            return Long.MIN_VALUE;
        }
        int year = digits(b, at, 4);
        int month = digits(b, at + 5, 2);
        int day = digits(b, at + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return Long.MIN_VALUE;
        }
        long millis = epochDay(year, month, day) * TimeFrame.MILLIS_PER_DAY;
        if (n == 10) {
            return millis;
        }
        if (b[at + 10] != 'T' || b[at + 13] != ':' || b[at + 16] != ':' || b[at + n - 1] != 'Z') {
            return Long.MIN_VALUE;
        }
        int hour = digits(b, at + 11, 2);
        int minute = digits(b, at + 14, 2);
        int second = digits(b, at + 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int ms = 0;
        if (n == 24) {
            if (b[at + 19] != '.') {
                return Long.MIN_VALUE;
            }
            ms = digits(b, at + 20, 3);
            if (ms < 0) {
                return Long.MIN_VALUE;
            }
        }
        return millis + hour * 3_600_000L + minute * 60_000L + second * 1000L + ms;
    }

    /** The value of the {@code count} ASCII digits at {@code b[from]}, or -1 if one is not a digit. */
    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
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

    private static boolean hasOffset(String iso) {
        int t = iso.indexOf('T');
        return t >= 0 && (iso.indexOf('+', t) >= 0 || iso.indexOf('-', t) >= 0);
    }
}
