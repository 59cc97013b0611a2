package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;

/**
 * A request to a connector, session, provider or blotter that cannot be carried out. The
 * {@link #code()} says why; the message names the order, id or setting concerned.
 *
 * <p>Rejections by the venue are not exceptions: they arrive as {@link OrderEvent.Rejected} and
 * {@link OrderEvent.CancelRejected} events.
 */
public final class BrokerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kind of failure. */
    public enum Code {
        /** The connector is not connected. */
        NOT_CONNECTED,
        /** Connecting failed (refused, timed out, logon rejected). */
        CONNECTION_FAILED,
        /** A different order already used this client order id. */
        DUPLICATE_CLIENT_ORDER_ID,
        /** No order with this client order id is known. */
        UNKNOWN_ORDER,
        /** The order's status does not allow the request (e.g. cancel of a filled order). */
        ILLEGAL_TRANSITION,
        /** The request is malformed (e.g. a replacement for another instrument or side). */
        INVALID_REQUEST,
        /** A provider configuration is missing a setting or has a bad value. */
        INVALID_CONFIG,
        /** No broker provider has the requested id. */
        UNKNOWN_PROVIDER,
        /** The venue did not answer in time. */
        TIMEOUT,
        /** The venue answered with an error that fits no other code. */
        VENUE_ERROR
    }

    private final Code code;

    /** An exception with {@code code} and {@code message}. */
    public BrokerException(Code code, String message) {
        super(Checks.notNull(code, "code") + ": " + message);
        this.code = code;
    }

    /** An exception with {@code code}, {@code message} and the underlying {@code cause}. */
    public BrokerException(Code code, String message, Throwable cause) {
        super(Checks.notNull(code, "code") + ": " + message, cause);
        this.code = code;
    }

    /** Why the request failed. */
    public Code code() {
        return code;
    }
}
