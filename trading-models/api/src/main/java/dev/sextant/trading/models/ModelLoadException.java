package dev.sextant.trading.models;

/**
 * A model file or bundle that cannot be loaded: missing, corrupted, tampered (checksum
 * mismatch), of an unknown type (the message names the adapter artifact to add), or whose
 * shapes or feature spec do not match.
 */
public final class ModelLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message.
     *
     * @param message what failed and where
     */
    public ModelLoadException(String message) {
        super(message);
    }

    /**
     * An error with a message and its cause.
     *
     * @param message what failed and where
     * @param cause   the underlying error
     */
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
