package dev.sextant.examples.venue;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.Trade;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example venue: a local simulated exchange on 127.0.0.1, a {@link PaperBroker} behind the
 * {@link ExampleVenueWire} protocol, for {@link ExampleVenueConnector} to talk to. It plays the part
 * that a venue's test environment plays for a real adapter: tests and the example's {@code main}
 * start it, make it print trades ({@link #trade}) and cut connections ({@link #dropConnection}).
 *
 * <p>Every event gets a sequence number and is kept in a journal; a client logs on with the last
 * sequence number it processed and receives what it missed before {@code WELCOME}. One client at
 * a time (a new connection replaces the old). Bounded: lines of at most
 * {@value ExampleVenueWire#MAX_LINE_BYTES} bytes, a journal of at most 100,000 events, and the server closes
 * itself after {@code idleTimeout} without a command or trade. All threads are daemons.
 */
public final class ExampleVenueServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExampleVenueServer.class);
    private static final int MAX_JOURNAL = 100_000;
    private static final long T0 = 1_704_204_000_000L;

    private final Instrument instrument;
    private final SimulatedClock clock = new SimulatedClock(T0);
    private final PaperBroker engine;
    private final ServerSocket server;
    private final long idleNanos;
    private final Object lock = new Object();
    private final List<String> journal = new ArrayList<>();
    private final List<Trade> prints = new ArrayList<>();
    private final List<String> orderLog = new ArrayList<>();
    private Socket client;
    private Writer out;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean closed;

    private ExampleVenueServer(Instrument instrument, PaperBrokerConfig config, double price, Duration idleTimeout)
            throws IOException {
        this.instrument = instrument;
        this.idleNanos = idleTimeout.toNanos();
        this.engine = new PaperBroker(config, clock);
        engine.onTrade(instrument, new Trade(T0, price, 1));
        engine.addListener(this::journal);
        engine.connect();
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    /**
     * Starts a venue on an ephemeral loopback port.
     *
     * @param instrument  the one instrument it trades
     * @param config      the simulated matching engine's settings (cash, costs, latency)
     * @param price       the instrument's last traded price, on the tick grid
     * @param idleTimeout the venue closes itself after this long without a command or a trade
     * @throws IllegalStateException if the socket cannot be opened
     */
    public static ExampleVenueServer start(Instrument instrument, PaperBrokerConfig config, double price, Duration idleTimeout) {
        try {
            ExampleVenueServer s = new ExampleVenueServer(instrument, config, price, idleTimeout);
            daemon(s::acceptLoop, "example-venue-accept").start();
            daemon(s::watchdog, "example-venue-watchdog").start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the example venue's socket on 127.0.0.1", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The loopback address and port the venue listens on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Whether the venue has stopped (closed, or idle for too long). */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Prints a trade of {@code quantity} at {@code price} (the instrument's quote currency per
     * unit), one simulated second after the previous print: working orders that it crosses fill
     * from it, at the print's price. Returns when the venue has processed the print; the events
     * are then on their way to the client.
     */
    public synchronized void trade(double price, double quantity) {
        lastActivity = System.nanoTime();
        clock.advanceBy(1_000);
        Trade print = new Trade(clock.millis(), price, quantity);
        engine.onTrade(instrument, print);
        prints.add(print);
    }

    /** Every trade the venue printed through {@link #trade}, oldest first (its tape). */
    public synchronized List<Trade> prints() {
        return List.copyOf(prints);
    }

    /**
     * The client order id of every order the venue was asked to work ({@code SUBMIT}, and the
     * replacement of a {@code REPLACE}), in arrival order, duplicates included: what a venue's
     * order log shows, e.g. to prove that a restarted client sent no order twice.
     */
    public List<String> orderLog() {
        synchronized (orderLog) {
            return List.copyOf(orderLog);
        }
    }

    private OrderRequest logged(OrderRequest request) {
        synchronized (orderLog) {
            orderLog.add(request.clientOrderId());
        }
        return request;
    }

    /** Cuts the current client off, as a network failure would; the venue keeps its orders working. */
    public void dropConnection() {
        synchronized (lock) {
            closeQuietly(client);
            client = null;
            out = null;
        }
    }

    /** Stops listening and cuts the client off; idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        dropConnection();
    }

    private void journal(OrderEvent event) {
        synchronized (lock) {
            if (journal.size() >= MAX_JOURNAL) {
                LOG.error("example venue journal is full ({} events); closing", MAX_JOURNAL);
                close();
                return;
            }
            String line = "EV|" + (journal.size() + 1) + "|" + ExampleVenueWire.event(event);
            journal.add(line);
            if (out != null) {
                try {
                    writeLine(out, line);
                    out.flush();
                } catch (IOException e) {
                    closeQuietly(client);
                    client = null;
                    out = null;
                }
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
                s.setTcpNoDelay(true);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("example venue accept failed", e);
                }
                continue;
            }
            synchronized (lock) {
                closeQuietly(client);
                client = s;
                out = null;
            }
            try {
                serve(s);
            } catch (IOException e) {
                LOG.debug("example venue client went away: {}", e.getMessage());
            } finally {
                synchronized (lock) {
                    if (client == s) {
                        client = null;
                        out = null;
                    }
                }
                closeQuietly(s);
            }
        }
    }

    private void watchdog() {
        while (!closed) {
            if (System.nanoTime() - lastActivity > idleNanos) {
                LOG.info("example venue idle for {} ms; closing", idleNanos / 1_000_000);
                close();
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void serve(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        Writer w = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = ExampleVenueWire.readLine(in)) != null) {
            lastActivity = System.nanoTime();
            try {
                handle(ExampleVenueWire.split(line), w);
            } catch (BrokerException | IllegalArgumentException e) {
                synchronized (lock) {
                    writeLine(w, "ERR|" + ExampleVenueWire.text(e.getMessage()));
                    w.flush();
                }
            }
        }
    }

    private void handle(String[] f, Writer w) throws IOException {
        switch (f[0]) {
            case "HELLO" -> {
                long last = ExampleVenueWire.whole(f, 1);
                synchronized (lock) {
                    for (int i = (int) Math.max(0, Math.min(last, journal.size())); i < journal.size(); i++) {
                        writeLine(w, journal.get(i));
                    }
                    writeLine(w, "WELCOME|" + journal.size());
                    w.flush();
                    out = w;
                }
            }
            case "SUBMIT" -> engine.submit(logged(ExampleVenueWire.request(f, 1, instrument)));
            case "CANCEL" -> {
                if (f.length < 2) {
                    throw new IllegalArgumentException("CANCEL needs an order id");
                }
                engine.cancel(java.net.URLDecoder.decode(f[1], StandardCharsets.UTF_8));
            }
            case "REPLACE" -> {
                if (f.length < 2) {
                    throw new IllegalArgumentException("REPLACE needs an order id");
                }
                engine.replace(java.net.URLDecoder.decode(f[1], StandardCharsets.UTF_8),
                        logged(ExampleVenueWire.request(f, 2, instrument)));
            }
            case "QUERY" -> query(f, w);
            default -> throw new IllegalArgumentException("unknown command '" + f[0] + "'");
        }
    }

    private void query(String[] f, Writer w) throws IOException {
        long id = ExampleVenueWire.whole(f, 1);
        if (f.length < 3) {
            throw new IllegalArgumentException("QUERY needs a kind");
        }
        List<String> rows = new ArrayList<>();
        switch (f[2]) {
            case "ORDERS" -> {
                for (Order o : engine.openOrders()) {
                    rows.add(ExampleVenueWire.order(o));
                }
            }
            case "POSITIONS" -> {
                for (Position p : engine.positions()) {
                    rows.add(ExampleVenueWire.position(p));
                }
            }
            case "ACCOUNT" -> {
                AccountSnapshot a = engine.account();
                rows.add(ExampleVenueWire.account(a));
            }
            default -> throw new IllegalArgumentException("unknown query '" + f[2] + "'");
        }
        synchronized (lock) {
            for (String row : rows) {
                writeLine(w, "ROW|" + id + "|" + row);
            }
            writeLine(w, "END|" + id);
            w.flush();
        }
    }

    private static void writeLine(Writer w, String line) throws IOException {
        w.write(line);
        w.write('\n');
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("close failed", e);
        }
    }
}
