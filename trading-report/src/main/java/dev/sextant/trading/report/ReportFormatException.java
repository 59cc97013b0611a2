package dev.sextant.trading.report;

import dev.sextant.trading.core.io.MarketDataException;

/**
 * A report folder's file that cannot be read: one line naming the file, the line (when the file
 * is line-oriented), the field and the value, e.g. {@code "equity.csv line 12 field equity: value
 * 'abc' is not a number"}. An {@link IllegalArgumentException}: it is bad input.
 */
public final class ReportFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String field;

    /**
     * @param file   the file's name
     * @param line   1-based line, 0 when not known
     * @param field  the field (column or JSON key), or {@code null}
     * @param value  the raw value at fault, or {@code null}
     * @param reason what is wrong
     */
    public ReportFormatException(String file, long line, String field, String value, String reason) {
        super(file + (line > 0 ? " line " + line : "") + (field != null ? " field " + field : "") + ": "
                + (value != null ? "value '" + MarketDataException.abbreviate(value, MarketDataException.MAX_VALUE_CHARS)
                        + "' " : "") + reason);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /** The file's name. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when not known. */
    public long line() {
        return line;
    }

    /** The field at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
