package dev.sextant.trading.core.io;

import java.time.Instant;

/**
 * Bad market data: one typed error that says what is wrong and where.
 *
 * <p>The message reads {@code "bars.csv line 1235 field close: value 'NaN' is not a finite
 * number"}, naming the source (file name or stream label), the 1-based line, the field, the raw
 * value and, where one was parsed, the timestamp.
 */
public final class MarketDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
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
        super(format(source, line, field, value, timestamp, reason));
        this.source = source;
        this.line = line;
        this.field = field;
        this.value = value;
        this.timestamp = timestamp;
    }

    private static String format(String source, long line, String field, String value, Instant timestamp, String reason) {
        StringBuilder sb = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) {
            sb.append(" line ").append(line);
        }
        if (timestamp != null) {
            sb.append(" (").append(timestamp).append(')');
        }
        if (field != null) {
            sb.append(" field ").append(field);
        }
        sb.append(": ");
        if (value != null) {
            sb.append("value '").append(value).append("' ");
        }
        sb.append(reason);
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

    /** The offending field, or {@code null}. */
    public String field() {
        return field;
    }

    /** The offending raw value, or {@code null}. */
    public String value() {
        return value;
    }

    /** The row's timestamp, or {@code null}. */
    public Instant timestamp() {
        return timestamp;
    }
}
