package dev.sextant.examples.venue;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Position;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Example 3, a venue adapter: a complete {@link BrokerConnector} for the example venue
 * ({@link ExampleVenueServer}) over a real TCP socket. Copy it as the skeleton of an adapter for
 * your own venue; {@link ExampleVenueProvider} registers it with {@link java.util.ServiceLoader}
 * and the examples' {@code ExampleVenueConformanceTest} proves it against the conformance kit.
 *
 * <h2>How it is built</h2>
 * <ul>
 *   <li>Requests ({@link #submit}, {@link #cancel}, {@link #replace}) go out as lines of the
 *       {@link ExampleVenueWire} protocol under one write lock; they throw
 *       {@link BrokerException.Code#NOT_CONNECTED} unless the connector is
 *       {@link ConnectionState#CONNECTED} (also while {@link ConnectionState#CONNECTING}), so no
 *       request is ever accepted and then silently dropped.</li>
 *   <li>Events and query answers come back on one reader thread, which delivers the events to
 *       the listeners in the venue's order (the venue numbers them); the venue acknowledges an
 *       order before it can fill it, so the acknowledgement always reaches the listeners first.</li>
 *   <li>Reconnection: the connector remembers the sequence number of the last event it
 *       delivered and logs on with it, so the venue replays exactly what was missed before
 *       {@code WELCOME}; a gap in sequence numbers is a protocol error that drops the connection
 *       (the next logon repairs it).</li>
 *   <li>Prices travel as decimal prices per unit in the instrument's quote currency, the unit
 *       of {@link OrderRequest#limitPrice()}; an adapter for a venue that sends integer ticks
 *       converts them with the instrument's tick size before building a
 *       {@link dev.sextant.trading.core.Fill}.</li>
 * </ul>
 *
 * <p>The example protocol has neither authentication nor encryption, so the connector refuses any
 * address but the loopback interface; an adapter for a real venue would use TLS and a logon with
 * credentials. Thread-safe. Queries block up to the configured timeout and must not be called from
 * a listener callback (they would wait for the thread that runs the callback; the connector throws
 * {@link IllegalStateException} instead of deadlocking).
 */
public final class ExampleVenueConnector implements BrokerConnector {
    private static final Logger LOG = LoggerFactory.getLogger(ExampleVenueConnector.class);

    private final InetSocketAddress venue;
    private final Instrument instrument;
    private final Duration timeout;
    private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();
    private final Object dispatch = new Object();
    private final Object connectLock = new Object();
    private final Object writeLock = new Object();
    private final Map<String, OrderRequest> sent = new ConcurrentHashMap<>();
    private final Map<Long, Query> queries = new ConcurrentHashMap<>();
    private final AtomicLong queryIds = new AtomicLong();
    private final AtomicReference<Socket> current = new AtomicReference<>();
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile long lastSequence;
    private volatile Writer out;
    private volatile Thread reader;
    private volatile CompletableFuture<Void> welcome = new CompletableFuture<>();

    private record Query(List<String[]> rows, CompletableFuture<List<String[]>> done) {
    }

    /**
     * A disconnected connector to the venue that {@code config} names.
     *
     * @throws IllegalArgumentException if the venue's host is not a loopback address
     */
    public ExampleVenueConnector(ExampleVenueConfig config) {
        Checks.notNull(config, "config");
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the example venue connector only talks to the loopback interface, not "
                    + config.host() + " (the example protocol is neither authenticated nor encrypted)");
        }
        this.venue = address;
        this.instrument = config.instrument();
        this.timeout = config.timeout();
    }

    /** {@value ExampleVenueProvider#ID}. */
    @Override
    public String venue() {
        return ExampleVenueProvider.ID;
    }

    @Override
    public void addListener(BrokerListener listener) {
        Checks.notNull(listener, "listener");
        synchronized (listeners) {
            if (!listeners.contains(listener)) {
                listeners.add(listener);
            }
        }
    }

    @Override
    public void removeListener(BrokerListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void connect() {
        synchronized (connectLock) {
            if (state == ConnectionState.CONNECTED) {
                return;
            }
            changeState(ConnectionState.CONNECTING, "connecting to " + venue);
            Socket s = new Socket();
            try {
                s.connect(venue, (int) timeout.toMillis());
                s.setTcpNoDelay(true);
                welcome = new CompletableFuture<>();
                out = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
                current.set(s);
                Thread t = new Thread(() -> readLoop(s), "example-venue-connector-reader");
                t.setDaemon(true);
                reader = t;
                t.start();
                send("HELLO|" + lastSequence);
                welcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                changeState(ConnectionState.CONNECTED, "logged on");
            } catch (IOException | ExecutionException | TimeoutException | BrokerException e) {
                drop(s);
                changeState(ConnectionState.DISCONNECTED, "connection failed: " + e.getMessage());
                throw new BrokerException(BrokerException.Code.CONNECTION_FAILED, "cannot log on to " + venue + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drop(s);
                changeState(ConnectionState.DISCONNECTED, "interrupted while connecting");
                throw new BrokerException(BrokerException.Code.CONNECTION_FAILED, "interrupted while connecting", e);
            }
        }
    }

    @Override
    public void disconnect() {
        synchronized (connectLock) {
            Socket s = current.getAndSet(null);
            if (s == null && state == ConnectionState.DISCONNECTED) {
                return;
            }
            closeQuietly(s);
            Thread t = reader;
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(timeout.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            failQueries("disconnected");
            changeState(ConnectionState.DISCONNECTED, "disconnected by client");
        }
    }

    @Override
    public ConnectionState connectionState() {
        return state;
    }

    @Override
    public void submit(OrderRequest request) {
        Checks.notNull(request, "request");
        requireConnected();
        requireInstrument(request);
        OrderRequest previous = sent.putIfAbsent(request.clientOrderId(), request);
        if (previous != null) {
            if (previous.equals(request)) {
                return;
            }
            throw new BrokerException(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                    "client order id " + request.clientOrderId() + " was already used for " + previous);
        }
        try {
            send("SUBMIT|" + ExampleVenueWire.request(request));
        } catch (BrokerException e) {
            sent.remove(request.clientOrderId(), request);
            throw e;
        }
    }

    @Override
    public void cancel(String clientOrderId) {
        Checks.notNull(clientOrderId, "clientOrderId");
        requireConnected();
        send("CANCEL|" + ExampleVenueWire.text(clientOrderId));
    }

    @Override
    public void replace(String clientOrderId, OrderRequest replacement) {
        Checks.notNull(clientOrderId, "clientOrderId");
        Checks.notNull(replacement, "replacement");
        requireConnected();
        requireInstrument(replacement);
        OrderRequest original = sent.get(clientOrderId);
        if (original != null && original.side() != replacement.side()) {
            throw new BrokerException(BrokerException.Code.INVALID_REQUEST, "replacement " + replacement.clientOrderId()
                    + " must keep side " + original.side() + " of " + clientOrderId);
        }
        OrderRequest previous = sent.putIfAbsent(replacement.clientOrderId(), replacement);
        if (previous != null) {
            if (previous.equals(replacement)) {
                return;
            }
            throw new BrokerException(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                    "client order id " + replacement.clientOrderId() + " was already used for " + previous);
        }
        try {
            send("REPLACE|" + ExampleVenueWire.text(clientOrderId) + "|" + ExampleVenueWire.request(replacement));
        } catch (BrokerException e) {
            sent.remove(replacement.clientOrderId(), replacement);
            throw e;
        }
    }

    @Override
    public List<Order> openOrders() {
        return query("ORDERS", f -> ExampleVenueWire.order(f, 2, instrument));
    }

    @Override
    public List<Position> positions() {
        return query("POSITIONS", f -> ExampleVenueWire.position(f, 2, instrument));
    }

    @Override
    public AccountSnapshot account() {
        List<AccountSnapshot> rows = query("ACCOUNT", f -> ExampleVenueWire.account(f, 2));
        if (rows.size() != 1) {
            throw new BrokerException(BrokerException.Code.VENUE_ERROR, "expected one account row, got " + rows.size());
        }
        return rows.getFirst();
    }

    // ---------------------------------------------------------------- internals

    private <T> List<T> query(String kind, Function<String[], T> decode) {
        if (Thread.currentThread() == reader) {
            throw new IllegalStateException("queries must not be called from a listener callback");
        }
        requireConnected();
        long id = queryIds.incrementAndGet();
        Query q = new Query(new ArrayList<>(), new CompletableFuture<>());
        queries.put(id, q);
        try {
            send("QUERY|" + id + "|" + kind);
            List<String[]> rows = q.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<T> result = new ArrayList<>(rows.size());
            for (String[] row : rows) {
                result.add(decode.apply(row));
            }
            return result;
        } catch (TimeoutException e) {
            throw new BrokerException(BrokerException.Code.TIMEOUT, kind + " query got no answer within " + timeout);
        } catch (ExecutionException e) {
            throw new BrokerException(BrokerException.Code.NOT_CONNECTED, kind + " query failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(BrokerException.Code.TIMEOUT, "interrupted during the " + kind + " query");
        } finally {
            queries.remove(id);
        }
    }

    private void readLoop(Socket s) {
        String reason = "end of stream";
        try {
            InputStream in = s.getInputStream();
            String line;
            while ((line = ExampleVenueWire.readLine(in)) != null) {
                handle(ExampleVenueWire.split(line));
            }
        } catch (IOException e) {
            reason = e.getMessage();
        } catch (IllegalArgumentException e) {
            reason = "protocol error: " + e.getMessage();
            LOG.warn("example venue connector: {}", reason);
        }
        if (current.compareAndSet(s, null)) {
            closeQuietly(s);
            welcome.completeExceptionally(new IOException(reason));
            failQueries(reason);
            changeState(ConnectionState.DISCONNECTED, "connection lost: " + reason);
        }
    }

    private void handle(String[] f) {
        switch (f[0]) {
            case "EV" -> {
                long sequence = ExampleVenueWire.whole(f, 1);
                if (sequence <= lastSequence) {
                    return;
                }
                if (sequence != lastSequence + 1) {
                    throw new IllegalArgumentException("event " + sequence + " follows " + lastSequence + ": events were lost");
                }
                OrderEvent event = ExampleVenueWire.event(f, 2, instrument);
                lastSequence = sequence;
                deliver(event);
            }
            case "WELCOME" -> welcome.complete(null);
            case "ROW" -> {
                Query q = queries.get(ExampleVenueWire.whole(f, 1));
                if (q != null) {
                    q.rows().add(f);
                }
            }
            case "END" -> {
                Query q = queries.get(ExampleVenueWire.whole(f, 1));
                if (q != null) {
                    q.done().complete(q.rows());
                }
            }
            case "ERR" -> LOG.warn("venue error: {}", f.length > 1 ? java.net.URLDecoder.decode(f[1], StandardCharsets.UTF_8) : "");
            default -> throw new IllegalArgumentException("unknown message '" + f[0] + "'");
        }
    }

    private void deliver(OrderEvent event) {
        synchronized (dispatch) {
            for (BrokerListener l : listeners) {
                try {
                    l.onOrderEvent(event);
                } catch (RuntimeException e) {
                    LOG.error("listener failed on {}", event, e);
                }
            }
        }
    }

    private void changeState(ConnectionState next, String reason) {
        synchronized (dispatch) {
            ConnectionState previous = state;
            if (previous == next) {
                return;
            }
            state = next;
            for (BrokerListener l : listeners) {
                try {
                    l.onConnectionStateChanged(previous, next, reason);
                } catch (RuntimeException e) {
                    LOG.error("listener failed on connection change to {}", next, e);
                }
            }
        }
    }

    private void send(String line) {
        synchronized (writeLock) {
            Writer w = out;
            if (w == null) {
                throw new BrokerException(BrokerException.Code.NOT_CONNECTED, "not connected to " + venue);
            }
            try {
                w.write(line);
                w.write('\n');
                w.flush();
            } catch (IOException e) {
                throw new BrokerException(BrokerException.Code.NOT_CONNECTED, "connection to " + venue + " lost while sending", e);
            }
        }
    }

    private void requireConnected() {
        if (state != ConnectionState.CONNECTED) {
            throw new BrokerException(BrokerException.Code.NOT_CONNECTED, "example venue connector is " + state);
        }
    }

    private void requireInstrument(OrderRequest r) {
        if (!r.instrument().equals(instrument)) {
            throw new BrokerException(BrokerException.Code.INVALID_REQUEST, "this venue trades only " + instrument.id()
                    + ", not " + r.instrument().id());
        }
    }

    private void drop(Socket s) {
        current.compareAndSet(s, null);
        closeQuietly(s);
    }

    private void failQueries(String reason) {
        for (Query q : queries.values()) {
            q.done().completeExceptionally(new IOException(reason));
        }
    }

    private static void closeQuietly(Socket s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }
}
