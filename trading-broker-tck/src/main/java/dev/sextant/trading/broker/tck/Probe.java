package dev.sextant.trading.broker.tck;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sextant.trading.broker.Blotter;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderAnomaly;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.ReconciliationReport;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The kit's view of one connector: records every event and connection change, applies the
 * events to a {@link Blotter}, keeps a log of requests and events for replays, and waits for
 * conditions with a timeout.
 */
final class Probe implements BrokerListener {
    /** A client request, recorded for replays. */
    sealed interface Request permits Submit, Cancel, Replace {
    }

    record Submit(OrderRequest request) implements Request {
    }

    record Cancel(String clientOrderId) implements Request {
    }

    record Replace(String clientOrderId, OrderRequest replacement) implements Request {
    }

    final VenueFixture fixture;
    final BrokerConnector connector;
    final Blotter blotter = new Blotter();
    private final Duration timeout;
    private final List<OrderEvent> events = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<ConnectionState> states = new ArrayList<>();
    private final Set<String> sessionExecutions = new HashSet<>();
    private final List<String> repeatedExecutions = new ArrayList<>();
    private final List<String> listenerErrors = new ArrayList<>();
    private int session;

    Probe(VenueFixture fixture, Duration timeout) {
        this.fixture = fixture;
        this.connector = fixture.connector();
        this.timeout = timeout;
        connector.addListener(this);
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        // Apply first, record second: whoever waits for the event then sees the blotter updated.
        String error = null;
        try {
            blotter.onOrderEvent(event);
        } catch (RuntimeException e) {
            error = e.toString();
        }
        synchronized (this) {
            if (error != null) {
                listenerErrors.add(error);
            }
            events.add(event);
            if (event instanceof OrderEvent.Execution x && !sessionExecutions.add(x.fill().executionId())) {
                repeatedExecutions.add(x.fill().executionId() + " (connection session " + session + ")");
            }
            notifyAll();
        }
    }

    @Override
    public synchronized void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
        states.add(current);
        if (current == ConnectionState.DISCONNECTED) {
            // Reports may be repeated after a reconnect, never within one connection session.
            session++;
            sessionExecutions.clear();
        }
        notifyAll();
    }

    // ---------------------------------------------------------------- requests through the blotter

    void connect() {
        connector.connect();
        if (connector.connectionState() != ConnectionState.CONNECTED) {
            fail("connect() returned but connectionState() is " + connector.connectionState());
        }
    }

    void submit(OrderRequest r) {
        synchronized (this) {
            requests.add(new Submit(r));
        }
        blotter.submitted(r, Instant.now());
        connector.submit(r);
    }

    void cancel(String clientOrderId) {
        synchronized (this) {
            requests.add(new Cancel(clientOrderId));
        }
        blotter.cancelRequested(clientOrderId, Instant.now());
        connector.cancel(clientOrderId);
    }

    /** Sends a cancel even if the blotter already considers the order finished (races). */
    void cancelRegardless(String clientOrderId) {
        try {
            blotter.cancelRequested(clientOrderId, Instant.now());
            synchronized (this) {
                requests.add(new Cancel(clientOrderId));
            }
        } catch (BrokerException e) {
            if (e.code() != BrokerException.Code.ILLEGAL_TRANSITION) {
                throw e;
            }
        }
        connector.cancel(clientOrderId);
    }

    void replace(String clientOrderId, OrderRequest replacement) {
        synchronized (this) {
            requests.add(new Replace(clientOrderId, replacement));
        }
        blotter.replaceRequested(clientOrderId, replacement, Instant.now());
        connector.replace(clientOrderId, replacement);
    }

    /** Sends a replace even if the blotter already considers the order finished (races). */
    void replaceRegardless(String clientOrderId, OrderRequest replacement) {
        try {
            blotter.replaceRequested(clientOrderId, replacement, Instant.now());
            synchronized (this) {
                requests.add(new Replace(clientOrderId, replacement));
            }
        } catch (BrokerException e) {
            if (e.code() != BrokerException.Code.ILLEGAL_TRANSITION) {
                throw e;
            }
        }
        connector.replace(clientOrderId, replacement);
    }

    // ---------------------------------------------------------------- observations

    synchronized List<OrderEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<ConnectionState> states() {
        return List.copyOf(states);
    }

    synchronized long count(Class<? extends OrderEvent> type, String clientOrderId) {
        return events.stream().filter(e -> type.isInstance(e) && e.clientOrderId().equals(clientOrderId)).count();
    }

    Order order(String clientOrderId) {
        return blotter.order(clientOrderId).orElseThrow(() -> new AssertionError("the kit lost order " + clientOrderId));
    }

    // ---------------------------------------------------------------- waiting

    /** Waits until {@code condition} holds; fails naming {@code what} and the events so far. */
    void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for " + what + "; events so far: " + summary());
            }
            synchronized (this) {
                try {
                    wait(Math.max(1, Math.min(10, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while waiting for " + what);
                }
            }
        }
    }

    /** Waits for an event of {@code type} for {@code clientOrderId} and returns the first. */
    <T extends OrderEvent> T awaitEvent(Class<T> type, String clientOrderId) {
        await(type.getSimpleName() + " of " + clientOrderId, () -> count(type, clientOrderId) > 0);
        synchronized (this) {
            for (OrderEvent e : events) {
                if (type.isInstance(e) && e.clientOrderId().equals(clientOrderId)) {
                    return type.cast(e);
                }
            }
        }
        throw new AssertionError("unreachable");
    }

    void awaitStatus(String clientOrderId, Predicate<OrderStatus> wanted, String what) {
        await(clientOrderId + " to be " + what, () -> blotter.order(clientOrderId).map(o -> wanted.test(o.status()))
                .orElse(false));
    }

    void awaitState(ConnectionState state, int afterIndex) {
        await("connection state " + state, () -> {
            List<ConnectionState> s = states();
            return s.subList(Math.min(afterIndex, s.size()), s.size()).contains(state);
        });
    }

    /**
     * Waits until the blotter fed by the connector's events agrees with the venue's open orders
     * and positions, then checks the event stream: no execution delivered twice in one connection
     * session, no contradicting event, no overfill, no fill of an unknown order.
     */
    void assertConsistentWithVenue() {
        ReconciliationReport[] last = new ReconciliationReport[1];
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            last[0] = blotter.reconcile(connector.openOrders(), connector.positions());
            if (last[0].isClean()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                fail("the venue and the events disagree after " + timeout.toMillis() + " ms: " + last[0].discrepancies()
                        + "; events so far: " + summary());
            }
            synchronized (this) {
                try {
                    wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while reconciling");
                }
            }
        }
        List<String> faults = new ArrayList<>();
        for (OrderAnomaly a : blotter.anomalies()) {
            if (a.kind().isFault() || (a.kind() == OrderAnomaly.Kind.UNKNOWN_ORDER && a.event() instanceof OrderEvent.Execution)) {
                faults.add(a.kind() + " " + a.clientOrderId() + ": " + a.detail());
            }
        }
        synchronized (this) {
            if (!repeatedExecutions.isEmpty()) {
                fail("executions delivered twice within one connection session: " + repeatedExecutions);
            }
            if (!listenerErrors.isEmpty()) {
                fail("the blotter could not apply events: " + listenerErrors);
            }
        }
        if (!faults.isEmpty()) {
            fail("the connector's events contradict each other: " + faults);
        }
    }

    synchronized String summary() {
        StringBuilder b = new StringBuilder("[");
        for (OrderEvent e : events) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(e.getClass().getSimpleName()).append(' ').append(e.clientOrderId());
            if (e instanceof OrderEvent.Execution x) {
                b.append(' ').append(x.fill().quantity()).append('@').append(x.fill().price()).append(" #")
                        .append(x.fill().executionId());
            }
        }
        return b.append("] states ").append(states).toString();
    }
}
