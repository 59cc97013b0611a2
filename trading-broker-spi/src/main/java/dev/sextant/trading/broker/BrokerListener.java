package dev.sextant.trading.broker;

/**
 * Receives the asynchronous events of a {@link BrokerConnector}: order events and connection
 * state changes.
 *
 * <p>Threading: a connector calls its listeners serially (never two callbacks at once, for all
 * listeners of that connector together), in the order the venue produced the events (an order's
 * acknowledgement before its fills: see {@link BrokerConnector}, "Venue order"), on a thread
 * the connector owns or on the thread that drives it (the paper broker delivers on the thread
 * that called it). A listener must return quickly, must not block on the connector's queries
 * ({@link BrokerConnector#openOrders()}, {@link BrokerConnector#positions()},
 * {@link BrokerConnector#account()}) and may call {@link BrokerConnector#submit},
 * {@link BrokerConnector#cancel} and {@link BrokerConnector#replace}: their events are delivered
 * after the current callback returns. An exception thrown by a listener is logged by the
 * connector and does not stop delivery to other listeners.
 */
public interface BrokerListener extends ConnectionListener {

    /** An order event: see {@link OrderEvent} for the kinds and their meaning. */
    void onOrderEvent(OrderEvent event);

    /** Does nothing by default. */
    @Override
    default void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
    }
}
