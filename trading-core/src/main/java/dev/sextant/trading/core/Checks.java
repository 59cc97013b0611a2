package dev.sextant.trading.core;

/**
 * Argument checks that return the checked value and name it in the error message, so that a
 * constructor reads {@code this.period = Checks.positive(period, "period")}.
 *
 * <p>Every method throws {@link IllegalArgumentException} (or {@link NullPointerException} for
 * {@link #notNull}) with a message of the form {@code "period must be positive but was -3"}.
 * Thread-safe: stateless.
 */
public final class Checks {
    private Checks() {
    }

    /** Returns {@code value} if it is not null; throws {@link NullPointerException} naming it. */
    public static <T> T notNull(T value, String name) {
        // A plain branch: a message supplier lambda would capture 'name' and allocate on every call.
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /** Returns {@code value} if it is non-null and not blank. */
    public static String notBlank(String value, String name) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Returns {@code value} if it is a finite number (not NaN, not infinite). */
    public static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and strictly greater than zero. */
    public static double positive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and at least zero. */
    public static double nonNegative(double value, String name) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be non-negative but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is strictly greater than zero. */
    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is at least zero. */
    public static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be non-negative but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is strictly greater than zero. */
    public static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it lies in the closed range [{@code min}, {@code max}]. */
    public static double inRange(double value, double min, double max, String name) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    name + " must be in [" + min + ", " + max + "] but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it lies in the closed range [{@code min}, {@code max}]. */
    public static int inRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be in [" + min + ", " + max + "] but was " + value);
        }
        return value;
    }
}
