package dev.sextant.trading.live;

import dev.sextant.trading.broker.ConnectionListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.MarketDataFeed;
import dev.sextant.trading.broker.Subscription;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A feed that replays recorded bars of one instrument as if they were live: on its own thread
 * ({@link #start()}) at a speed relative to real time, or on the caller's thread
 * ({@link #deliver(int)}). Speed 1 delivers one bar per time frame of wall-clock time, speed
 * {@code N} N times faster, and {@link #MAX_SPEED} as fast as the handlers take them.
 *
 * <p>Thread-safe. Bars are delivered once, in order, to the handlers subscribed at that moment.
 */
public final class ReplayBarFeed implements MarketDataFeed {
    /** Speed value meaning "as fast as possible". */
    public static final double MAX_SPEED = 0;

    private final Instrument instrument;
    private final TimeFrame timeFrame;
    private final List<Bar> bars;
    private final double speed;
    private final List<BarHandler> handlers = new CopyOnWriteArrayList<>();
    private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Object pacing = new Object();
    private ConnectionState state = ConnectionState.DISCONNECTED;
    private int next;
    private Thread thread;
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    /**
     * @param instrument the instrument the bars belong to
     * @param timeFrame  their time frame
     * @param bars       the bars, in time order
     * @param speed      {@link #MAX_SPEED}, or a positive factor of real time
     */
    public ReplayBarFeed(Instrument instrument, TimeFrame timeFrame, List<Bar> bars, double speed) {
        this.instrument = Checks.notNull(instrument, "instrument");
        this.timeFrame = Checks.notNull(timeFrame, "timeFrame");
        this.bars = List.copyOf(bars);
        this.speed = speed == MAX_SPEED ? MAX_SPEED : Checks.positive(speed, "speed");
    }

    /**
     * Parses a command-line speed: {@code max}, or a positive number ({@code 1} is real time).
     *
     * @throws IllegalArgumentException naming the text otherwise
     */
    public static double parseSpeed(String text) {
        Checks.notNull(text, "speed");
        if (text.equalsIgnoreCase("max")) {
            return MAX_SPEED;
        }
        try {
            double value = Double.parseDouble(text);
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted forms.
        }
        throw new IllegalArgumentException("--speed must be 'max' or a positive number (1 is real time) but was '" + text + "'");
    }

    @Override
    public void connect() {
        changeState(ConnectionState.CONNECTED, "replay connected");
    }

    @Override
    public void disconnect() {
        changeState(ConnectionState.DISCONNECTED, "replay disconnected");
    }

    private void changeState(ConnectionState to, String reason) {
        ConnectionState from;
        synchronized (lock) {
            from = state;
            state = to;
        }
        if (from != to) {
            connectionListeners.forEach(l -> l.onConnectionStateChanged(from, to, reason));
        }
    }

    @Override
    public ConnectionState connectionState() {
        synchronized (lock) {
            return state;
        }
    }

    @Override
    public void addConnectionListener(ConnectionListener listener) {
        connectionListeners.add(Checks.notNull(listener, "listener"));
    }

    @Override
    public Subscription subscribeBars(Instrument instrument, TimeFrame timeFrame, BarHandler handler) {
        if (!this.instrument.equals(instrument) || !this.timeFrame.equals(timeFrame)) {
            throw new IllegalArgumentException("this replay has " + this.timeFrame + " bars of " + this.instrument.id()
                    + ", not " + timeFrame + " bars of " + instrument.id());
        }
        Checks.notNull(handler, "handler");
        handlers.add(handler);
        return new Subscription() {
            @Override
            public boolean isActive() {
                return handlers.contains(handler);
            }

            @Override
            public void close() {
                handlers.remove(handler);
            }
        };
    }

    @Override
    public Subscription subscribeTrades(Instrument instrument, TradeHandler handler) {
        throw new IllegalArgumentException("this replay has bars only, no trades of " + instrument.id());
    }

    @Override
    public Subscription subscribeQuotes(Instrument instrument, QuoteHandler handler) {
        throw new IllegalArgumentException("this replay has bars only, no quotes of " + instrument.id());
    }

    /**
     * Delivers up to {@code count} bars on the calling thread, without pacing.
     *
     * @return the number delivered (fewer at the end of the bars)
     */
    public int deliver(int count) {
        Checks.nonNegative(count, "count");
        int delivered = 0;
        while (delivered < count && deliverNext()) {
            delivered++;
        }
        return delivered;
    }

    private boolean deliverNext() {
        Bar bar;
        synchronized (lock) {
            if (next >= bars.size() || state != ConnectionState.CONNECTED) {
                return false;
            }
            bar = bars.get(next++);
        }
        for (BarHandler h : handlers) {
            h.onBar(instrument, bar);
        }
        return true;
    }

    /** Starts delivering the remaining bars on a new thread, paced by the speed. */
    public void start() {
        synchronized (lock) {
            if (thread != null) {
                throw new IllegalStateException("the replay was already started");
            }
            thread = new Thread(this::run, "sextant-replay-" + instrument.id());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        long startNanos = System.nanoTime();
        int first;
        synchronized (lock) {
            first = next;
        }
        try {
            while (!stopping) {
                int index;
                synchronized (lock) {
                    index = next;
                }
                if (index >= bars.size()) {
                    return;
                }
                if (speed != MAX_SPEED) {
                    long dueNanos = startNanos + (long) ((index - first) * timeFrame.millis() * 1e6 / speed);
                    synchronized (pacing) {
                        long wait;
                        while (!stopping && (wait = dueNanos - System.nanoTime()) > 0) {
                            TimeUnit.NANOSECONDS.timedWait(pacing, wait);
                        }
                    }
                    if (stopping) {
                        return;
                    }
                }
                if (!deliverNext()) {
                    recordDisconnect();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** A replay thread that found the feed disconnected with bars left ends with a failure, not silently. */
    private void recordDisconnect() {
        synchronized (lock) {
            if (!stopping && next < bars.size()) {
                failure = new IllegalStateException("the replay of " + instrument.id() + " " + timeFrame.label()
                        + " bars ended at bar " + next + " of " + bars.size() + ": the feed was disconnected");
            }
        }
    }

    /** Stops the replay thread after the bar being delivered; idempotent. */
    public void stop() {
        stopping = true;
        // Wakes a paced wait only: a handler in the middle of a bar (journal I/O) is not interrupted.
        synchronized (pacing) {
            pacing.notifyAll();
        }
    }

    /**
     * Waits until the replay thread has delivered every bar or was stopped.
     *
     * @throws IllegalStateException if the feed was disconnected before every bar was delivered
     * @throws RuntimeException the exception a handler threw, which ended the replay
     */
    public void awaitCompletion() throws InterruptedException {
        Thread t;
        synchronized (lock) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Bars not yet delivered. */
    public int remaining() {
        synchronized (lock) {
            return bars.size() - next;
        }
    }
}
