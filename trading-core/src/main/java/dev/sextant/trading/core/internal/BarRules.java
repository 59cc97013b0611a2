package dev.sextant.trading.core.internal;

/**
 * The validity rules for one bar, shared by {@code Bar}'s constructor and the readers so both
 * reject exactly the same values.
 */
public final class BarRules {
    private BarRules() {
    }

    /** A rule broken by one field of a bar. */
    public record Violation(String field, double value, String reason) {
    }

    /**
     * Returns the first rule that the values break, or {@code null} when the bar is valid:
     * prices finite and positive, volume finite and non-negative, high at least
     * max(open, close, low) and low at most min(open, close).
     */
    public static Violation check(double open, double high, double low, double close, double volume) {
        Violation v = price("open", open);
        if (v == null) v = price("high", high);
        if (v == null) v = price("low", low);
        if (v == null) v = price("close", close);
        if (v != null) {
            return v;
        }
        if (!Double.isFinite(volume)) {
            return new Violation("volume", volume, "is not a finite number");
        }
        if (volume < 0) {
            return new Violation("volume", volume, "is negative");
        }
        if (high < low) {
            return new Violation("high", high, "is below low " + low);
        }
        if (high < Math.max(open, close)) {
            return new Violation("high", high, "is below max(open, close) " + Math.max(open, close));
        }
        if (low > Math.min(open, close)) {
            return new Violation("low", low, "is above min(open, close) " + Math.min(open, close));
        }
        return null;
    }

    private static Violation price(String field, double value) {
        if (!Double.isFinite(value)) {
            return new Violation(field, value, "is not a finite number");
        }
        if (value <= 0) {
            return new Violation(field, value, "is not positive");
        }
        return null;
    }
}
