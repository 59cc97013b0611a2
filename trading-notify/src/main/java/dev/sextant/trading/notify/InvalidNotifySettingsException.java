package dev.sextant.trading.notify;

/**
 * A notification settings file could not be used: malformed JSON, an unknown or mistyped field, a
 * value out of range, or an environment variable it names that is not set. The one-line message
 * names the file and the field (a dotted path) and never a secret's value.
 */
public final class InvalidNotifySettingsException extends IllegalArgumentException {
    private final String source;
    private final String field;

    /**
     * An error in {@code source} at {@code field}.
     *
     * @param source  the file name
     * @param field   dotted path of the offending field, or empty for the whole document
     * @param message what is wrong
     * @param cause   the underlying error, or null
     */
    public InvalidNotifySettingsException(String source, String field, String message, Throwable cause) {
        super(source + (field.isEmpty() ? "" : ": " + field) + ": " + message, cause);
        this.source = source;
        this.field = field;
    }

    /** The file name. */
    public String source() {
        return source;
    }

    /** The dotted path of the offending field, or empty. */
    public String field() {
        return field;
    }
}
