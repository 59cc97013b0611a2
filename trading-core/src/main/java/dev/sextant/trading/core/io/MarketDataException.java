package dev.sextant.trading.core.io;

import java.time.Instant;

/**
 * Bad market data: one typed error that says what is wrong and where.
 *
 * <p>The message reads {@code "bars.csv line 1235 field close: value 'NaN' is not a finite
 * number"}, naming the source (file name or stream label), the 1-based line, the field, the raw
 * value and, where one was parsed, the timestamp. The message is always one bounded line: values
 * longer than {@value #MAX_VALUE_CHARS} characters are abbreviated and control characters escaped
 * (see {@link #abbreviate}), and {@link #value()} holds the abbreviated value.
 */
public final class MarketDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Values and field names longer than this are abbreviated in messages. */
    public static final int MAX_VALUE_CHARS = 60;
    private static final int MAX_SOURCE_CHARS = 300;
    private static final int MAX_REASON_CHARS = 400;

    private final String source;
    private final long line;
    private final long row;
    private final String field;
    private final String value;
    private final Instant timestamp;

    /**
     * @param source    file name or stream label
     * @param line      1-based line number, or 0 when not line-oriented
     * @param field     the field (column) at fault, or {@code null}
     * @param value     the raw value at fault, or {@code null}
     * @param timestamp the row's timestamp when known, or {@code null}
     * @param reason    what is wrong, e.g. "is not a finite number"
     */
    public MarketDataException(String source, long line, String field, String value, Instant timestamp, String reason) {
        this(source, line, 0, field, value, timestamp, reason);
    }

    private MarketDataException(String source, long line, long row, String field, String value, Instant timestamp,
                                String reason) {
        super(format(source, line > 0 ? " line " + line : row > 0 ? " row " + row : "", field, value, timestamp, reason));
        this.source = source;
        this.line = line;
        this.row = row;
        this.field = field;
        this.value = value == null ? null : abbreviate(value, MAX_VALUE_CHARS);
        this.timestamp = timestamp;
    }

    /**
     * {@code text} on one line and at most about {@code max} characters: control characters
     * (line breaks included) are escaped as {@code \\u} and four hex digits, and a longer text keeps its start and
     * end around {@code ...(N chars)...}.
     */
    public static String abbreviate(String text, int max) {
        String t = text;
        if (t.length() > max) {
            int head = Math.max(1, max * 2 / 3);
            int tail = Math.max(1, max - head);
            t = t.substring(0, head) + "...(" + text.length() + " chars)..." + t.substring(t.length() - tail);
        }
        StringBuilder sb = null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (sb == null) {
                    sb = new StringBuilder(t.length() + 16).append(t, 0, i);
                }
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? t : sb.toString();
    }

    /**
     * An error in a row-oriented source such as a Parquet file: the message reads
     * {@code "bars.parquet row 1235 field close: value 'NaN' is not a finite number"};
     * {@link #line()} is 0 and {@link #row()} the 1-based row.
     *
     * @param source    file name or label
     * @param row       1-based row number, or 0 when the error is not about one row
     * @param field     the field (column) at fault, or {@code null}
     * @param value     the value at fault as text, or {@code null}
     * @param timestamp the row's timestamp when known, or {@code null}
     * @param reason    what is wrong
     * @return the exception, to throw
     */
    public static MarketDataException atRow(String source, long row, String field, String value, Instant timestamp,
                                            String reason) {
        return new MarketDataException(source, 0, row, field, value, timestamp, reason);
    }

    private static String format(String source, String position, String field, String value, Instant timestamp, String reason) {
        StringBuilder sb = new StringBuilder(source == null ? "<input>" : abbreviate(source, MAX_SOURCE_CHARS));
        sb.append(position);
        if (timestamp != null) {
            sb.append(" (").append(timestamp).append(')');
        }
        if (field != null) {
            sb.append(" field ").append(abbreviate(field, MAX_VALUE_CHARS));
        }
        sb.append(": ");
        if (value != null) {
            sb.append("value '").append(abbreviate(value, MAX_VALUE_CHARS)).append("' ");
        }
        sb.append(abbreviate(reason, MAX_REASON_CHARS));
        return sb.toString();
    }

    /** The file name or stream label. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or 0. */
    public long line() {
        return line;
    }

    /** The 1-based row number for row-oriented sources (see {@link #atRow}), or 0. */
    public long row() {
        return row;
    }

    /** The offending field, or {@code null}. */
    public String field() {
        return field;
    }

    /** The offending raw value (abbreviated past {@value #MAX_VALUE_CHARS} characters), or {@code null}. */
    public String value() {
        return value;
    }

    /** The row's timestamp, or {@code null}. */
    public Instant timestamp() {
        return timestamp;
    }
}
