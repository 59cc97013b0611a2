package dev.sextant.trading.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length of a bar. Bars of a time frame are aligned to multiples of its length since the
 * epoch (UTC), so 1h bars open on the hour and 1d bars at midnight UTC.
 *
 * @param duration the bar length; a whole number of milliseconds from 1 ms to {@link #MAX_MILLIS}
 */
public record TimeFrame(Duration duration) {
    private static final Pattern SPEC = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");

    /**
     * Milliseconds in a UTC day, 86,400,000: the one place this number is written. Calendar days
     * in a zone with daylight saving are not this long; use {@code java.time} for those.
     */
    public static final long MILLIS_PER_DAY = 86_400_000L;

    /**
     * The longest time frame: 36,600 days (a little over 100 years). With bar times bounded to
     * years 0000-9999 (see {@code Timestamps}), no sum of a time and a time frame can overflow.
     */
    public static final long MAX_MILLIS = 36_600L * MILLIS_PER_DAY;

    /** One minute. */
    public static final TimeFrame M1 = of(Duration.ofMinutes(1));
    /** Five minutes. */
    public static final TimeFrame M5 = of(Duration.ofMinutes(5));
    /** Fifteen minutes. */
    public static final TimeFrame M15 = of(Duration.ofMinutes(15));
    /** Thirty minutes. */
    public static final TimeFrame M30 = of(Duration.ofMinutes(30));
    /** One hour. */
    public static final TimeFrame H1 = of(Duration.ofHours(1));
    /** Four hours. */
    public static final TimeFrame H4 = of(Duration.ofHours(4));
    /** One day. */
    public static final TimeFrame D1 = of(Duration.ofDays(1));

    /** Validates the duration. */
    public TimeFrame {
        Checks.notNull(duration, "duration");
        if (duration.isNegative() || duration.isZero() || duration.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    "duration must be a positive whole number of milliseconds but was " + duration);
        }
        if (duration.getSeconds() > MAX_MILLIS / 1000 || duration.getSeconds() == MAX_MILLIS / 1000 && duration.getNano() > 0) {
            throw new IllegalArgumentException("duration must be at most " + MAX_MILLIS / MILLIS_PER_DAY + " days but was "
                    + duration.toDays() + " days");
        }
    }

    /** A time frame of the given duration. */
    public static TimeFrame of(Duration duration) {
        return new TimeFrame(duration);
    }

    /** A time frame of the given length in milliseconds. */
    public static TimeFrame ofMillis(long millis) {
        Checks.positive(millis, "millis");
        if (millis > MAX_MILLIS) {
            throw new IllegalArgumentException("millis must be at most " + MAX_MILLIS + " but was " + millis);
        }
        return new TimeFrame(Duration.ofMillis(millis));
    }

    /**
     * Parses {@code "500ms"}, {@code "30s"}, {@code "1m"}, {@code "5m"}, {@code "1h"},
     * {@code "1d"} or {@code "1w"} (case-insensitive, the unit {@code m} is minutes).
     *
     * @throws IllegalArgumentException if the text is not of that form or the time frame is longer
     *         than {@link #MAX_MILLIS}
     */
    public static TimeFrame parse(String text) {
        Checks.notNull(text, "time frame");
        Matcher m = SPEC.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "time frame must look like 1m, 5m, 1h or 1d but was '" + text + "'");
        }
        long unit = switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> MILLIS_PER_DAY;
            case "w" -> 604_800_000L;
            default -> throw new IllegalArgumentException("unknown unit in '" + text + "'");
        };
        String digits = m.group(1).replaceFirst("^0+(?=\\d)", "");
        // more than 13 digits is beyond MAX_MILLIS in any unit; this also keeps the product below 2^63
        long n = digits.length() > 13 ? Long.MAX_VALUE / unit : Long.parseLong(digits);
        if (n <= 0) {
            throw new IllegalArgumentException("time frame must be positive but was '" + text + "'");
        }
        if (n > MAX_MILLIS / unit) {
            throw new IllegalArgumentException("time frame must be at most " + MAX_MILLIS / MILLIS_PER_DAY + "d but was '"
                    + text + "'");
        }
        return new TimeFrame(Duration.ofMillis(n * unit));
    }

    /** The length in milliseconds. */
    public long millis() {
        return duration.toMillis();
    }

    /** The open time of the bar of this time frame that contains {@code epochMillis}. */
    public long alignStart(long epochMillis) {
        return Math.floorDiv(epochMillis, millis()) * millis();
    }

    /** The short form used by {@link #parse}, e.g. {@code "5m"}. */
    public String label() {
        long ms = millis();
        if (ms % (7 * MILLIS_PER_DAY) == 0) return ms / (7 * MILLIS_PER_DAY) + "w";
        if (ms % MILLIS_PER_DAY == 0) return ms / MILLIS_PER_DAY + "d";
        if (ms % 3_600_000L == 0) return ms / 3_600_000L + "h";
        if (ms % 60_000L == 0) return ms / 60_000L + "m";
        if (ms % 1_000L == 0) return ms / 1_000L + "s";
        return ms + "ms";
    }

    @Override
    public String toString() {
        return label();
    }
}
