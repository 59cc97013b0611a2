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
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.Trade;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The kit's view of one connector: records every event and connection change, applies the
 * events to a {@link Blotter}, keeps a log of requests, events and the prints it asked the venue
 * for, notes every event that reaches it before its order's acknowledgement, and waits for
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
    private final Set<String> acknowledged = new HashSet<>();
    private final List<String> beforeAcknowledgement = new ArrayList<>();
    private final List<Trade> kitPrints = new ArrayList<>();
    private volatile Runnable onConnecting;
    private double initialCash = Double.NaN;
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
            checkAcknowledged(event);
            events.add(event);
            if (event instanceof OrderEvent.Execution x && !sessionExecutions.add(x.fill().executionId())) {
                repeatedExecutions.add(x.fill().executionId() + " (connection session " + session + ")");
            }
            notifyAll();
        }
    }

    /** Venue order: an order's acknowledgement precedes its fills, cancel, expiry and replacement. */
    private void checkAcknowledged(OrderEvent event) {
        switch (event) {
            case OrderEvent.Accepted a -> acknowledged.add(a.clientOrderId());
            case OrderEvent.Rejected r -> acknowledged.add(r.clientOrderId());
            case OrderEvent.CancelRejected c -> {
                // About a cancel or replace request, not the order's life cycle; may name an unknown order.
            }
            case OrderEvent.Replaced r -> {
                requireAcknowledged(event);
                acknowledged.add(r.replacement().clientOrderId());
            }
            case OrderEvent.Execution x -> requireAcknowledged(event);
            case OrderEvent.Canceled c -> requireAcknowledged(event);
            case OrderEvent.Expired x -> requireAcknowledged(event);
        }
    }

    private void requireAcknowledged(OrderEvent event) {
        if (!acknowledged.contains(event.clientOrderId())) {
            beforeAcknowledgement.add(event.getClass().getSimpleName() + " of " + event.clientOrderId());
        }
    }

    @Override
    public void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
        synchronized (this) {
            states.add(current);
            if (current == ConnectionState.DISCONNECTED) {
                // Reports may be repeated after a reconnect, never within one connection session.
                session++;
                sessionExecutions.clear();
            }
            notifyAll();
        }
        Runnable hook = onConnecting;
        if (current == ConnectionState.CONNECTING && hook != null) {
            // Outside the probe's lock: the hook calls the connector, as a listener may.
            onConnecting = null;
            hook.run();
        }
    }

    /** Runs {@code hook} once, from the callback that reports the next CONNECTING state. */
    void onNextConnecting(Runnable hook) {
        onConnecting = hook;
    }

    // ---------------------------------------------------------------- requests through the blotter

    /** Connects; the first time, notes the account's cash as the start of the cash reconciliation. */
    void connect() {
        connector.connect();
        if (connector.connectionState() != ConnectionState.CONNECTED) {
            fail("connect() returned but connectionState() is " + connector.connectionState());
        }
        if (Double.isNaN(initialCash)) {
            initialCash = connector.account().cash();
        }
    }

    /** Makes the venue print a trade through the fixture and records the print. */
    void print(double price, double quantity) {
        synchronized (kitPrints) {
            kitPrints.add(new Trade(kitPrints.size(), price, quantity));
        }
        fixture.trade(price, quantity);
    }

    /**
     * Submits unless the connector refuses with NOT_CONNECTED: returns false then. The blotter
     * records the request first in any case (a refused request is sent again later, unchanged).
     */
    boolean trySubmit(OrderRequest r) {
        blotter.submitted(r, Instant.now());
        try {
            connector.submit(r);
        } catch (BrokerException e) {
            if (e.code() == BrokerException.Code.NOT_CONNECTED) {
                return false;
            }
            throw e;
        }
        synchronized (this) {
            requests.add(new Submit(r));
        }
        return true;
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
     * Waits until the blotter fed by the connector's events agrees with the venue's open orders,
     * positions (quantity and average price) and cash, then checks the event stream: no event of
     * an order before its acknowledgement, every fill at the price of a venue print and within its
     * limit, no execution delivered twice in one connection session, no contradicting event, no
     * overfill, no fill of an unknown order.
     */
    void assertConsistentWithVenue() {
        List<String> last;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            last = discrepancies();
            if (last.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                // A wrong event is the cause of the disagreement: name it rather than its consequence.
                assertVenueOrderAndFillPrices();
                fail("the venue and the events disagree after " + timeout.toMillis() + " ms: " + last
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
        assertVenueOrderAndFillPrices();
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

    /**
     * What differs between the blotter and the venue: the blotter's reconciliation (orders and
     * position quantities), the average price of each open position, and the account's cash, which
     * must have moved from its value at the first connect by the notional and fees of the fills.
     */
    private List<String> discrepancies() {
        List<String> found = new ArrayList<>();
        List<Position> venuePositions = connector.positions();
        ReconciliationReport report = blotter.reconcile(connector.openOrders(), venuePositions);
        for (ReconciliationReport.Discrepancy d : report.discrepancies()) {
            found.add(d.toString());
        }
        Map<Instrument, Position> byInstrument = new HashMap<>();
        for (Position p : venuePositions) {
            byInstrument.put(p.instrument(), p);
        }
        for (Position local : blotter.positions()) {
            Position venue = byInstrument.get(local.instrument());
            if (local.isFlat() || venue == null || Math.abs(venue.quantity() - local.quantity()) > local.instrument().lotSize() * 1e-6) {
                continue; // flat, or a quantity mismatch that the reconciliation report already names
            }
            double halfTick = local.instrument().tickSize() / 2;
            if (Math.abs(venue.averagePrice() - local.averagePrice()) > halfTick) {
                found.add("AVERAGE_PRICE_MISMATCH " + local.instrument().id() + ": the fills give "
                        + local.averagePrice() + ", the venue's position says " + venue.averagePrice());
            }
        }
        if (!Double.isNaN(initialCash)) {
            double expected = initialCash;
            double scale = Math.abs(initialCash);
            for (Fill x : blotter.fills()) {
                expected -= x.signedQuantity() * x.price() + x.fee();
                scale += Math.abs(x.quantity() * x.price());
            }
            double cash = connector.account().cash();
            if (Math.abs(cash - expected) > 1e-9 * scale + 1e-6) {
                found.add("CASH_MISMATCH: cash was " + initialCash + " at the first connect and the fills' notional and fees"
                        + " give " + expected + ", the venue's account says " + cash);
            }
        }
        return found;
    }

    private void assertVenueOrderAndFillPrices() {
        synchronized (this) {
            if (!beforeAcknowledgement.isEmpty()) {
                fail("events delivered before their order's acknowledgement (the connector must deliver in venue "
                        + "order): " + beforeAcknowledgement + "; events so far: " + summary());
            }
        }
        assertFillPricesMatchPrints();
    }

    /** Every fill is at the price of a venue print (within half a tick) and no worse than its order's limit. */
    private void assertFillPricesMatchPrints() {
        List<Trade> tape = fixture.prints();
        if (tape.isEmpty()) {
            synchronized (kitPrints) {
                tape = List.copyOf(kitPrints);
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Fill x : blotter.fills()) {
            double halfTick = x.instrument().tickSize() / 2;
            boolean printed = tape.stream().anyMatch(t -> Math.abs(t.price() - x.price()) <= halfTick);
            if (!printed) {
                wrong.add(x.executionId() + " of " + x.clientOrderId() + " at " + x.price() + " matches no print");
                continue;
            }
            OrderRequest r = blotter.order(x.clientOrderId()).map(Order::request).orElse(null);
            if (r != null && r.type().hasLimitPrice()) {
                boolean worse = x.side() == Side.BUY ? x.price() > r.limitPrice() + halfTick : x.price() < r.limitPrice() - halfTick;
                if (worse) {
                    wrong.add(x.executionId() + " of " + x.clientOrderId() + " at " + x.price() + " is worse than the limit "
                            + r.limitPrice());
                }
            }
        }
        if (!wrong.isEmpty()) {
            List<Double> prices = tape.stream().map(Trade::price).distinct().toList();
            fail("fill prices disagree with the venue's prints " + prices + " (prices are per unit in the quote currency,"
                    + " not ticks or minor units): " + wrong);
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
