package dev.sextant.trading.service;

import dev.sextant.trading.core.Checks;

/**
 * A request the service cannot act on, naming the request field at fault (a JSON path such as
 * {@code bars[3].high}, or a query parameter). The HTTP layer answers it with 400 and
 * {@code {"error": message, "field": field}}.
 */
public final class InvalidRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the request field at fault
     * @param message a one-line explanation that names the field
     */
    public InvalidRequestException(String field, String message) {
        super(Checks.notNull(message, "message"));
        this.field = Checks.notBlank(field, "field");
    }

    /** The request field at fault. */
    public String field() {
        return field;
    }
}
