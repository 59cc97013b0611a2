package dev.sextant.trading.broker;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.Trade;

/**
 * A source of market data: bars, trades and quotes per instrument, with a connection state.
 *
 * <p>Threading: like {@link BrokerConnector}, a feed calls its handlers serially (never two at
 * once), in time order per instrument, on its own thread or on the thread that drives it.
 * Handlers must return quickly. Subscribing and closing subscriptions is thread-safe.
 * A bar is delivered once it has closed.
 */
public interface MarketDataFeed extends AutoCloseable {

    /** Receives closed bars. */
    @FunctionalInterface
    interface BarHandler {
        /** A bar of {@code instrument} closed. */
        void onBar(Instrument instrument, Bar bar);
    }

    /** Receives trades from the tape. */
    @FunctionalInterface
    interface TradeHandler {
        /** A trade of {@code instrument} printed. */
        void onTrade(Instrument instrument, Trade trade);
    }

    /** Receives top-of-book quotes. */
    @FunctionalInterface
    interface QuoteHandler {
        /** The best bid or offer of {@code instrument} changed. */
        void onQuote(Instrument instrument, Quote quote);
    }

    /**
     * Connects; blocks until connected or failure; no-op when connected.
     *
     * @throws BrokerException {@link BrokerException.Code#CONNECTION_FAILED}
     */
    void connect();

    /** Disconnects; subscriptions stay registered and resume on the next {@link #connect()}. */
    void disconnect();

    /** The current connection state. */
    ConnectionState connectionState();

    /** Registers a listener for connection state changes. */
    void addConnectionListener(ConnectionListener listener);

    /**
     * Subscribes to bars of {@code timeFrame}.
     *
     * @throws IllegalArgumentException if the feed has no such bars for the instrument
     */
    Subscription subscribeBars(Instrument instrument, TimeFrame timeFrame, BarHandler handler);

    /**
     * Subscribes to trades.
     *
     * @throws IllegalArgumentException if the feed has no trades for the instrument
     */
    Subscription subscribeTrades(Instrument instrument, TradeHandler handler);

    /**
     * Subscribes to quotes.
     *
     * @throws IllegalArgumentException if the feed has no quotes for the instrument
     */
    Subscription subscribeQuotes(Instrument instrument, QuoteHandler handler);

    /** Disconnects and releases resources; by default {@link #disconnect()}. */
    @Override
    default void close() {
        disconnect();
    }
}
