package dev.sextant.trading.broker;

/** Why a venue refused an order ({@link OrderEvent.Rejected}) or a cancel/replace ({@link OrderEvent.CancelRejected}). */
public enum RejectReason {
    /** The account cannot afford the order (or the increase of a replace). */
    INSUFFICIENT_BUYING_POWER,
    /** A market order arrived before any price was known for the instrument. */
    NO_MARKET_DATA,
    /** The order is malformed for this venue: off the tick or lot grid, a replace below the filled quantity. */
    INVALID_ORDER,
    /** The venue does not trade the instrument. */
    UNKNOWN_INSTRUMENT,
    /** The client order id was used before for another order. */
    DUPLICATE_CLIENT_ORDER_ID,
    /** The request could not be sent because the connection is down. */
    NOT_CONNECTED,
    /** A cancel or replace named an order the venue does not know. */
    UNKNOWN_ORDER,
    /** A cancel or replace arrived after the order was filled, cancelled, expired or replaced. */
    TOO_LATE,
    /** Refused by a pre-trade risk check. */
    RISK,
    /** Any other venue reason; the message says which. */
    VENUE
}
