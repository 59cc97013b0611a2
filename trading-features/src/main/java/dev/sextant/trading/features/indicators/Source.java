package dev.sextant.trading.features.indicators;

import java.util.Locale;

/**
 * The per-bar value that a single-input indicator reads.
 *
 * <p>{@link #TYPICAL} is {@code (high + low + close) / 3} and {@link #MEDIAN} is
 * {@code (high + low) / 2}, computed in that order of operations everywhere.
 */
public enum Source {
    /** The open price. */
    OPEN,
    /** The high price. */
    HIGH,
    /** The low price. */
    LOW,
    /** The close price. */
    CLOSE,
    /** The volume. */
    VOLUME,
    /** The typical price (high + low + close) / 3. */
    TYPICAL,
    /** The median price (high + low) / 2. */
    MEDIAN;

    /** The value of this source for one bar. */
    public double of(double open, double high, double low, double close, double volume) {
        return switch (this) {
            case OPEN -> open;
            case HIGH -> high;
            case LOW -> low;
            case CLOSE -> close;
            case VOLUME -> volume;
            case TYPICAL -> (high + low + close) / 3.0;
            case MEDIAN -> (high + low) / 2.0;
        };
    }

    /** The lower-case label used in names and JSON, e.g. {@code "close"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a label such as {@code "close"} (case-insensitive).
     *
     * @throws IllegalArgumentException if the label is not a source
     */
    public static Source parse(String label) {
        for (Source s : values()) {
            if (s.name().equalsIgnoreCase(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("source must be one of open, high, low, close, volume, typical, median but was '"
                + label + "'");
    }
}
