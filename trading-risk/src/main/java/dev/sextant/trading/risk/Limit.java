package dev.sextant.trading.risk;

/** Argument checks for limits that may be unlimited ({@code +Infinity}). Stateless. */
final class Limit {
    private Limit() {
    }

    /** Returns {@code value} if it is strictly positive; {@code +Infinity} (no limit) is allowed. */
    static double positiveOrUnlimited(double value, String name) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be positive (or unlimited) but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it lies in (0, 1]. */
    static double fraction(double value, String name) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1] but was " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is at least zero. */
    static long nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be non-negative but was " + value);
        }
        return value;
    }
}
