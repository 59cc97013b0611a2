package dev.sextant.trading.core;

import dev.sextant.trading.core.io.MarketDataException;

/**
 * Keeps error messages to one bounded line: a value quoted in a message is abbreviated (a 10 MB
 * field must not become a 10-million-character message), and a whole message is kept on one line
 * and capped. Both use the one abbreviation the SDK has, {@link MarketDataException#abbreviate}:
 * control characters (line breaks included) escaped as {@code \\u} and four hex digits, a longer text kept as its
 * start and end around {@code ...(N chars)...}. Stateless and thread-safe.
 */
public final class ErrorText {

    /** Longest value {@link #value} returns, in characters (about: the marker is added). */
    public static final int MAX_VALUE_CHARS = 120;
    /** Longest message {@link #line} returns, in characters (about: the marker is added). */
    public static final int MAX_LINE_CHARS = 1_000;

    private ErrorText() {
    }

    /** {@code value} abbreviated to about {@value #MAX_VALUE_CHARS} characters on one line; null is "null". */
    public static String value(String value) {
        return value == null ? "null" : MarketDataException.abbreviate(value, MAX_VALUE_CHARS);
    }

    /** {@code message} on one line of about {@value #MAX_LINE_CHARS} characters at most; null is "null". */
    public static String line(String message) {
        return message == null ? "null" : MarketDataException.abbreviate(message, MAX_LINE_CHARS);
    }
}
