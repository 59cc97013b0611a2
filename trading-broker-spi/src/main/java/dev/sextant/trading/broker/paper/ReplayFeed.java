package dev.sextant.trading.broker.paper;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.ConnectionListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.MarketDataFeed;
import dev.sextant.trading.broker.Quote;
import dev.sextant.trading.broker.Subscription;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.Trade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MarketDataFeed} that replays recorded bars, trades and quotes in time order, one
 * event per {@link #step()}: the historical feed of a backtest, and the driver of a
 * {@link PaperBroker} (subscribe {@code broker::onBar}).
 *
 * <p>A bar is delivered at its close time ({@code time + timeFrame}), a trade or quote at its
 * time; events at the same time keep the order in which their sources were added. When built
 * with a {@link SimulatedClock}, the clock is advanced to each event's delivery time before the
 * handlers run.
 *
 * <p>Thread-safe: {@link #step()} and subscriptions synchronize on the feed; handlers run on the
 * thread that calls {@link #step()}, one at a time.
 */
public final class ReplayFeed implements MarketDataFeed {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayFeed.class);

    private final List<Source> sources;
    private final SimulatedClock clock;
    private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    private ConnectionState state = ConnectionState.DISCONNECTED;

    private ReplayFeed(List<Source> sources, SimulatedClock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    /** A builder for a feed. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void connect() {
        changeState(ConnectionState.CONNECTED, "connected");
    }

    @Override
    public void disconnect() {
        changeState(ConnectionState.DISCONNECTED, "disconnected by client");
    }

    private void changeState(ConnectionState next, String reason) {
        ConnectionState previous;
        synchronized (this) {
            previous = state;
            if (previous == next) {
                return;
            }
            state = next;
        }
        for (ConnectionListener l : connectionListeners) {
            l.onConnectionStateChanged(previous, next, reason);
        }
    }

    @Override
    public synchronized ConnectionState connectionState() {
        return state;
    }

    @Override
    public void addConnectionListener(ConnectionListener listener) {
        connectionListeners.add(Checks.notNull(listener, "listener"));
    }

    @Override
    public Subscription subscribeBars(Instrument instrument, TimeFrame timeFrame, BarHandler handler) {
        Checks.notNull(timeFrame, "timeFrame");
        Checks.notNull(handler, "handler");
        return subscribe(instrument, Kind.BARS, timeFrame, handler);
    }

    @Override
    public Subscription subscribeTrades(Instrument instrument, TradeHandler handler) {
        Checks.notNull(handler, "handler");
        return subscribe(instrument, Kind.TRADES, null, handler);
    }

    @Override
    public Subscription subscribeQuotes(Instrument instrument, QuoteHandler handler) {
        Checks.notNull(handler, "handler");
        return subscribe(instrument, Kind.QUOTES, null, handler);
    }

    private synchronized Subscription subscribe(Instrument instrument, Kind kind, TimeFrame timeFrame, Object handler) {
        Checks.notNull(instrument, "instrument");
        List<String> available = new ArrayList<>();
        for (Source s : sources) {
            if (s.instrument.equals(instrument) && s.kind == kind
                    && (timeFrame == null || s.bars.timeFrame().equals(timeFrame))) {
                SubscriptionHandle h = new SubscriptionHandle(handler);
                s.handlers.add(h);
                return h;
            }
            available.add(s.describe());
        }
        throw new IllegalArgumentException("this replay has no " + kind.name().toLowerCase()
                + (timeFrame == null ? "" : " of " + timeFrame) + " for " + instrument.id() + "; it has " + available);
    }

    /**
     * Delivers the next event in time order to its subscribers.
     *
     * @return false when every source is exhausted
     * @throws BrokerException {@link BrokerException.Code#NOT_CONNECTED} when not connected
     */
    public synchronized boolean step() {
        if (state != ConnectionState.CONNECTED) {
            throw new BrokerException(BrokerException.Code.NOT_CONNECTED, "replay feed is " + state);
        }
        Source next = null;
        for (Source s : sources) {
            if (s.hasNext() && (next == null || s.nextTime() < next.nextTime())) {
                next = s;
            }
        }
        if (next == null) {
            return false;
        }
        long time = next.nextTime();
        if (clock != null && time > clock.millis()) {
            clock.advanceTo(time);
        }
        next.deliver();
        return true;
    }

    /** Delivers every remaining event; returns how many. */
    public synchronized int replayAll() {
        int n = 0;
        while (step()) {
            n++;
        }
        return n;
    }

    private enum Kind { BARS, TRADES, QUOTES }

    /** One recorded stream with its cursor and subscribers. */
    private static final class Source {
        final Instrument instrument;
        final Kind kind;
        final BarSeries bars;
        final List<Trade> trades;
        final List<Quote> quotes;
        final List<SubscriptionHandle> handlers = new CopyOnWriteArrayList<>();
        int cursor;

        Source(Instrument instrument, Kind kind, BarSeries bars, List<Trade> trades, List<Quote> quotes) {
            this.instrument = instrument;
            this.kind = kind;
            this.bars = bars;
            this.trades = trades;
            this.quotes = quotes;
        }

        boolean hasNext() {
            return cursor < size();
        }

        int size() {
            return switch (kind) {
                case BARS -> bars.size();
                case TRADES -> trades.size();
                case QUOTES -> quotes.size();
            };
        }

        long nextTime() {
            return switch (kind) {
                case BARS -> bars.time(cursor) + bars.timeFrame().millis();
                case TRADES -> trades.get(cursor).time();
                case QUOTES -> quotes.get(cursor).time();
            };
        }

        void deliver() {
            int i = cursor++;
            for (SubscriptionHandle h : handlers) {
                if (!h.isActive()) {
                    continue;
                }
                try {
                    switch (kind) {
                        case BARS -> ((BarHandler) h.handler).onBar(instrument, bars.bar(i));
                        case TRADES -> ((TradeHandler) h.handler).onTrade(instrument, trades.get(i));
                        case QUOTES -> ((QuoteHandler) h.handler).onQuote(instrument, quotes.get(i));
                    }
                } catch (RuntimeException e) {
                    LOG.error("market data handler failed on {} {} #{}", instrument.id(), kind, i, e);
                    throw e;
                }
            }
        }

        String describe() {
            return kind.name().toLowerCase() + (kind == Kind.BARS ? " of " + bars.timeFrame() : "") + " for "
                    + instrument.id();
        }
    }

    private static final class SubscriptionHandle implements Subscription {
        final Object handler;
        private volatile boolean active = true;

        SubscriptionHandle(Object handler) {
            this.handler = handler;
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void close() {
            active = false;
        }
    }

    /** Collects the recorded streams; not thread-safe. */
    public static final class Builder {
        private final List<Source> sources = new ArrayList<>();
        private SimulatedClock clock;

        private Builder() {
        }

        /** Adds the bars of {@code instrument}; the series is read, not copied, and must not change while replaying. */
        public Builder bars(Instrument instrument, BarSeries series) {
            sources.add(new Source(Checks.notNull(instrument, "instrument"), Kind.BARS, Checks.notNull(series, "series"),
                    null, null));
            return this;
        }

        /**
         * Adds the trades of {@code instrument} (copied).
         *
         * @throws IllegalArgumentException if a trade is earlier than the one before it, naming its index and time
         */
        public Builder trades(Instrument instrument, List<Trade> trades) {
            List<Trade> copy = List.copyOf(Checks.notNull(trades, "trades"));
            for (int i = 1; i < copy.size(); i++) {
                if (copy.get(i).time() < copy.get(i - 1).time()) {
                    throw new IllegalArgumentException("trade " + i + " of " + Checks.notNull(instrument, "instrument").id()
                            + " at " + Instant.ofEpochMilli(copy.get(i).time()) + " is earlier than trade " + (i - 1));
                }
            }
            sources.add(new Source(Checks.notNull(instrument, "instrument"), Kind.TRADES, null, copy, null));
            return this;
        }

        /**
         * Adds the quotes of {@code instrument} (copied).
         *
         * @throws IllegalArgumentException if a quote is earlier than the one before it
         */
        public Builder quotes(Instrument instrument, List<Quote> quotes) {
            List<Quote> copy = List.copyOf(Checks.notNull(quotes, "quotes"));
            for (int i = 1; i < copy.size(); i++) {
                if (copy.get(i).time() < copy.get(i - 1).time()) {
                    throw new IllegalArgumentException("quote " + i + " of " + Checks.notNull(instrument, "instrument").id()
                            + " at " + Instant.ofEpochMilli(copy.get(i).time()) + " is earlier than quote " + (i - 1));
                }
            }
            sources.add(new Source(Checks.notNull(instrument, "instrument"), Kind.QUOTES, null, null, copy));
            return this;
        }

        /** Advances {@code clock} to each event's delivery time. */
        public Builder clock(SimulatedClock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /** The feed, disconnected. */
        public ReplayFeed build() {
            return new ReplayFeed(List.copyOf(sources), clock);
        }
    }
}
