package dev.sextant.trading.risk;

/**
 * A risk-limits document could not be read: malformed JSON, an unknown or mistyped field, or a
 * value out of range. The message names the source, the field (as a dotted path) and the value.
 */
public final class InvalidLimitsException extends IllegalArgumentException {
    private final String source;
    private final String field;

    /**
     * An error in {@code source} at {@code field}.
     *
     * @param source  the file or stream name
     * @param field   dotted path of the offending field, or empty for the whole document
     * @param message what is wrong
     * @param cause   the underlying error, or null
     */
    public InvalidLimitsException(String source, String field, String message, Throwable cause) {
        super(source + (field.isEmpty() ? "" : ": " + field) + ": " + message, cause);
        this.source = source;
        this.field = field;
    }

    /** The file or stream name. */
    public String source() {
        return source;
    }

    /** The dotted path of the offending field, or empty. */
    public String field() {
        return field;
    }
}
