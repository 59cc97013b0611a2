package dev.sextant.trading.live;

/**
 * A journal could not be read, written or trusted. The message names the journal's location
 * and, where one is involved, the sequence number.
 */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public JournalException(String message) {
        super(message);
    }

    /** An error with a message and its cause. */
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
