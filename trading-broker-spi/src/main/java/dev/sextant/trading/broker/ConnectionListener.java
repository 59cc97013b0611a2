package dev.sextant.trading.broker;

/**
 * Receives connection state changes of a {@link BrokerConnector} or {@link MarketDataFeed}.
 *
 * <p>Called on the source's event thread (see {@link BrokerConnector} for the threading rules),
 * never concurrently with another callback of the same source. Must return quickly.
 */
@FunctionalInterface
public interface ConnectionListener {

    /**
     * The connection moved from {@code previous} to {@code current}.
     *
     * @param previous the state before the change
     * @param current  the state now
     * @param reason   why, in words (e.g. {@code "connection lost: end of stream"}); never null
     */
    void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason);
}
