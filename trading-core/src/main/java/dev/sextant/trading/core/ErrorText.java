package dev.sextant.trading.core;

/**
 * Keeps error messages to one bounded line: a value quoted in a message is abbreviated (a 10 MB
 * field must not become a 10-million-character message), and a whole message is folded onto one
 * line and capped. Stateless and thread-safe.
 */
public final class ErrorText {

    /** Longest value {@link #value} returns, in characters. */
    public static final int MAX_VALUE_CHARS = 120;
    /** Longest message {@link #line} returns, in characters. */
    public static final int MAX_LINE_CHARS = 1_000;

    private ErrorText() {
    }

    /**
     * {@code value} if it is at most {@value #MAX_VALUE_CHARS} characters, otherwise its start and
     * end around {@code "...(N chars)..."}; control characters become {@code '?'}; null stays "null".
     */
    public static String value(String value) {
        return abbreviate(value, MAX_VALUE_CHARS);
    }

    /**
     * {@code message} on one line (line breaks and other control characters become spaces or
     * {@code '?'}) of at most {@value #MAX_LINE_CHARS} characters, abbreviated in the middle.
     */
    public static String line(String message) {
        return abbreviate(message, MAX_LINE_CHARS);
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "null";
        }
        String clean = clean(s);
        if (clean.length() <= max) {
            return clean;
        }
        String middle = "...(" + clean.length() + " chars)...";
        int keep = max - middle.length();
        int head = keep * 2 / 3;
        int tail = keep - head;
        return clean.substring(0, head) + middle + clean.substring(clean.length() - tail);
    }

    private static String clean(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
                sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : '?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
