package dev.sextant.trading.broker;

/** The state of the link between Sextant and a venue or market-data source. */
public enum ConnectionState {
    /** Not connected: requests are refused with {@link BrokerException.Code#NOT_CONNECTED}. */
    DISCONNECTED,
    /** A connection attempt is under way. */
    CONNECTING,
    /** Connected and logged on: requests are accepted and events flow. */
    CONNECTED
}
