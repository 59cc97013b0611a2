package dev.sextant.trading.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length of a bar. Bars of a time frame are aligned to multiples of its length since the
 * epoch (UTC), so 1h bars open on the hour and 1d bars at midnight UTC.
 *
 * @param duration the bar length; positive and a whole number of milliseconds
 */
public record TimeFrame(Duration duration) {
    private static final Pattern SPEC = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");

    /**
     * Milliseconds in a UTC day, 86,400,000: the one place this number is written. Calendar days
     * in a zone with daylight saving are not this long; use {@code java.time} for those.
     */
    public static final long MILLIS_PER_DAY = 86_400_000L;

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
        if (duration.isNegative() || duration.isZero() || duration.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    "duration must be a positive whole number of milliseconds but was " + duration);
        }
    }

    /** A time frame of the given duration. */
    public static TimeFrame of(Duration duration) {
        return new TimeFrame(duration);
    }

    /** A time frame of the given length in milliseconds. */
    public static TimeFrame ofMillis(long millis) {
        return new TimeFrame(Duration.ofMillis(Checks.positive(millis, "millis")));
    }

    /**
     * Parses {@code "500ms"}, {@code "30s"}, {@code "1m"}, {@code "5m"}, {@code "1h"},
     * {@code "1d"} or {@code "1w"} (case-insensitive, the unit {@code m} is minutes).
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static TimeFrame parse(String text) {
        Checks.notNull(text, "time frame");
        Matcher m = SPEC.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "time frame must look like 1m, 5m, 1h or 1d but was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        if (n <= 0) {
            throw new IllegalArgumentException("time frame must be positive but was '" + text + "'");
        }
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> throw new IllegalArgumentException("unknown unit in '" + text + "'");
        };
        return new TimeFrame(d);
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
