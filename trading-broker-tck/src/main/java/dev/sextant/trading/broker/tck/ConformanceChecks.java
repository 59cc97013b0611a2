package dev.sextant.trading.broker.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.Blotter;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The conformance checks, one public method per scenario. {@link BrokerConformanceKit} runs each
 * as a JUnit test; they can also be called directly (the kit's own tests do, to prove that
 * faulty connectors fail them).
 *
 * <p>Each method connects the fixture's connector (unless the scenario needs it disconnected),
 * drives the venue through the fixture, and fails with an {@link AssertionError} that names what
 * was expected and the events received. Every scenario ends by checking that the events, applied
 * to a {@link Blotter}, agree with the venue's open orders, positions (quantity and average price)
 * and cash; that no event of an order reached the listener before the order's acknowledgement;
 * that every fill is at the price of a print the venue made ({@link VenueFixture#prints()}) and
 * within its limit; and that no execution was delivered twice in one connection session.
 *
 * <p>Client order ids start with a prefix unique to the checks instance, so that a venue test
 * environment that remembers ids across runs does not see repeats. Not thread-safe: one check at
 * a time per instance.
 */
public final class ConformanceChecks {
    private static final AtomicLong RUNS = new AtomicLong();

    private final Duration timeout;
    private final String prefix;
    private int ids;

    /**
     * Checks that wait at most {@code timeout} for each expected event.
     *
     * @param timeout positive; 5 seconds suits a local venue
     */
    public ConformanceChecks(Duration timeout) {
        Checks.notNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        this.timeout = timeout;
        this.prefix = "tck" + Long.toString(System.currentTimeMillis(), 36) + RUNS.incrementAndGet() + "-";
    }

    private String id() {
        return prefix + (++ids);
    }

    private Probe connected(VenueFixture f) {
        Probe p = new Probe(f, timeout);
        p.connect();
        return p;
    }

    private static double price(VenueFixture f, double factor) {
        return f.instrument().roundPrice(f.price() * factor);
    }

    private static double lots(VenueFixture f, double quantity) {
        return f.instrument().roundQuantity(quantity);
    }

    private static void assertQuantity(double expected, double actual, Instrument i, String what) {
        assertEquals(expected, actual, i.quantityTolerance(), what);
    }

    /** Buys {@code quantity} at market and waits until it is filled. */
    private String fillMarket(Probe p, Side side, double quantity) {
        VenueFixture f = p.fixture;
        String id = id();
        p.submit(OrderRequest.market(id, f.instrument(), side, quantity, TimeInForce.GTC));
        p.awaitEvent(OrderEvent.Accepted.class, id);
        p.print(f.price(), quantity * 10);
        p.awaitStatus(id, s -> s == OrderStatus.FILLED, "FILLED");
        return id;
    }

    /** Places a resting limit order away from the market and waits for the acknowledgement. */
    private String rest(Probe p, Side side, double quantity, double limit) {
        String id = id();
        p.submit(OrderRequest.limit(id, p.fixture.instrument(), side, quantity, limit, TimeInForce.GTC));
        p.awaitEvent(OrderEvent.Accepted.class, id);
        return id;
    }

    private static double venuePosition(BrokerConnector c, Instrument instrument) {
        double sum = 0;
        for (Position pos : c.positions()) {
            if (pos.instrument().equals(instrument)) {
                sum += pos.quantity();
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- connection

    /** connect() and disconnect() block until done, are idempotent, and report their state changes. */
    public void connectsAndReportsConnectionState(VenueFixture f) {
        Probe p = new Probe(f, timeout);
        assertEquals(ConnectionState.DISCONNECTED, f.connector().connectionState(), "a new connector is disconnected");
        p.connect();
        p.awaitState(ConnectionState.CONNECTED, 0);
        p.connect();
        int seen = p.states().size();
        f.connector().disconnect();
        assertEquals(ConnectionState.DISCONNECTED, f.connector().connectionState());
        p.awaitState(ConnectionState.DISCONNECTED, seen);
        f.connector().disconnect();
        seen = p.states().size();
        p.connect();
        p.awaitState(ConnectionState.CONNECTED, seen);
        AccountSnapshot a = f.connector().account();
        assertTrue(a.equity() > 0, "equity of a fresh account is positive but was " + a.equity());
        p.assertConsistentWithVenue();
    }

    /** Requests and queries while disconnected throw NOT_CONNECTED and leave nothing behind. */
    public void rejectsRequestsWhileDisconnected(VenueFixture f) {
        BrokerConnector c = f.connector();
        OrderRequest r = OrderRequest.market(id(), f.instrument(), Side.BUY, f.quantity(), TimeInForce.DAY);
        assertEquals(BrokerException.Code.NOT_CONNECTED, assertThrows(BrokerException.class, () -> c.submit(r)).code());
        assertEquals(BrokerException.Code.NOT_CONNECTED, assertThrows(BrokerException.class, () -> c.cancel(r.clientOrderId())).code());
        assertEquals(BrokerException.Code.NOT_CONNECTED, assertThrows(BrokerException.class, c::openOrders).code());
        Probe p = connected(f);
        assertTrue(c.openOrders().isEmpty(), "an order sent while disconnected reached the venue");
        int seen = p.states().size();
        c.disconnect();
        p.awaitState(ConnectionState.DISCONNECTED, seen);
        assertEquals(BrokerException.Code.NOT_CONNECTED, assertThrows(BrokerException.class, () -> c.submit(r)).code());
        p.connect();
        p.assertConsistentWithVenue();
    }

    /**
     * Requests raced against {@code connect()} while the connection is re-established after a
     * loss: one submitted from the listener's callback that reports CONNECTING (if the connector
     * reports it), others from a second thread while {@code connect()} runs. Each either throws
     * NOT_CONNECTED and leaves nothing behind (the identical request, sent again once connected,
     * is then a new order, not a duplicate), or returns and reaches the venue: an Accepted or
     * Rejected arrives and the venue's open orders agree. None is silently dropped.
     */
    public void handlesRequestsRacedAgainstConnect(VenueFixture f) {
        Probe p = connected(f);
        fillMarket(p, Side.BUY, f.quantity());
        int seen = p.states().size();
        f.dropConnection();
        p.awaitState(ConnectionState.DISCONNECTED, seen);
        double lot = f.instrument().lotSize();
        double limit = price(f, 0.85);
        List<OrderRequest> returned = Collections.synchronizedList(new ArrayList<>());
        List<OrderRequest> refused = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        OrderRequest fromCallback = OrderRequest.limit(id(), f.instrument(), Side.BUY, lot, limit, TimeInForce.GTC);
        p.onNextConnecting(() -> {
            try {
                (p.trySubmit(fromCallback) ? returned : refused).add(fromCallback);
            } catch (Throwable t) {
                // The connector would log and swallow it: keep it for the assertion below.
                failure.compareAndSet(null, t);
            }
        });
        List<OrderRequest> racing = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            racing.add(OrderRequest.limit(id(), f.instrument(), Side.BUY, lot, limit, TimeInForce.GTC));
        }
        AtomicBoolean connected = new AtomicBoolean();
        Thread racer = new Thread(() -> {
            try {
                int next = 0;
                while (next < racing.size() && !connected.get()) {
                    if (p.trySubmit(racing.get(next))) {
                        returned.add(racing.get(next++));
                    } else {
                        LockSupport.parkNanos(200_000);
                    }
                }
                for (int k = next; k < racing.size(); k++) {
                    refused.add(racing.get(k));
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "tck-race-connect");
        racer.start();
        try {
            p.connect();
        } finally {
            connected.set(true);
            p.onNextConnecting(null);
            try {
                racer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (racer.isAlive()) {
            fail("a request racing connect() did not return within 30 s");
        }
        if (failure.get() != null) {
            throw new AssertionError("a request racing connect() failed with something other than NOT_CONNECTED",
                    failure.get());
        }
        for (OrderRequest r : List.copyOf(refused)) {
            if (!p.trySubmit(r)) {
                fail("connect() returned but submitting " + r.clientOrderId() + " still throws NOT_CONNECTED");
            }
        }
        for (OrderRequest r : List.copyOf(returned)) {
            p.await("Accepted or Rejected of " + r.clientOrderId() + ", submitted while connect() was under way: the"
                    + " call returned normally, so the order must reach the venue, not be dropped",
                    () -> p.count(OrderEvent.Accepted.class, r.clientOrderId())
                            + p.count(OrderEvent.Rejected.class, r.clientOrderId()) > 0);
        }
        for (OrderRequest r : List.copyOf(refused)) {
            p.await("Accepted or Rejected of " + r.clientOrderId() + ", refused with NOT_CONNECTED while connect() was under"
                    + " way and sent again once connected",
                    () -> p.count(OrderEvent.Accepted.class, r.clientOrderId())
                            + p.count(OrderEvent.Rejected.class, r.clientOrderId()) > 0);
        }
        p.assertConsistentWithVenue();
    }

    // ---------------------------------------------------------------- positions

    /** A market buy from flat is accepted, filled in full, and makes the venue's position long. */
    public void opensLongFromFlat(VenueFixture f) {
        Probe p = connected(f);
        String id = fillMarket(p, Side.BUY, f.quantity());
        Order o = p.order(id);
        assertQuantity(f.quantity(), o.filledQuantity(), f.instrument(), "filled quantity of " + id);
        assertTrue(o.averageFillPrice() > 0);
        assertQuantity(f.quantity(), p.blotter.position(f.instrument()).quantity(), f.instrument(), "position");
        p.assertConsistentWithVenue();
        assertQuantity(f.quantity(), venuePosition(f.connector(), f.instrument()), f.instrument(), "venue position");
    }

    /** Selling what was bought leaves the venue flat. */
    public void closesLong(VenueFixture f) {
        Probe p = connected(f);
        fillMarket(p, Side.BUY, f.quantity());
        fillMarket(p, Side.SELL, f.quantity());
        assertQuantity(0, p.blotter.position(f.instrument()).quantity(), f.instrument(), "position after closing");
        p.assertConsistentWithVenue();
        assertQuantity(0, venuePosition(f.connector(), f.instrument()), f.instrument(), "venue position");
    }

    /** Selling twice what was bought reverses the position to short. */
    public void reversesLongToShort(VenueFixture f) {
        Probe p = connected(f);
        fillMarket(p, Side.BUY, f.quantity());
        fillMarket(p, Side.SELL, 2 * f.quantity());
        assertQuantity(-f.quantity(), p.blotter.position(f.instrument()).quantity(), f.instrument(), "position after reversing");
        p.assertConsistentWithVenue();
        assertQuantity(-f.quantity(), venuePosition(f.connector(), f.instrument()), f.instrument(), "venue position");
    }

    // ---------------------------------------------------------------- order life cycle

    /** A resting order is listed by the venue, cancelled on request, and no longer fills. */
    public void cancelsRestingOrder(VenueFixture f) {
        Probe p = connected(f);
        double limit = price(f, 0.8);
        String id = rest(p, Side.BUY, f.quantity(), limit);
        p.await(id + " among the venue's open orders",
                () -> f.connector().openOrders().stream().anyMatch(o -> o.clientOrderId().equals(id)));
        p.cancel(id);
        p.awaitEvent(OrderEvent.Canceled.class, id);
        assertEquals(OrderStatus.CANCELED, p.order(id).status());
        p.print(limit, f.quantity() * 10);
        p.assertConsistentWithVenue();
        assertQuantity(0, p.order(id).filledQuantity(), f.instrument(), "fills after the cancel");
        assertTrue(f.connector().openOrders().stream().noneMatch(o -> o.clientOrderId().equals(id)));
    }

    /** A resting order is replaced by a new one with another price and quantity, which then fills. */
    public void replacesRestingOrder(VenueFixture f) {
        Probe p = connected(f);
        String original = rest(p, Side.BUY, f.quantity(), price(f, 0.8));
        String id = id();
        double newLimit = price(f, 0.9);
        OrderRequest replacement = OrderRequest.limit(id, f.instrument(), Side.BUY, 2 * f.quantity(), newLimit,
                TimeInForce.GTC);
        p.replace(original, replacement);
        OrderEvent.Replaced replaced = p.awaitEvent(OrderEvent.Replaced.class, original);
        assertEquals(id, replaced.replacement().clientOrderId());
        assertEquals(OrderStatus.REPLACED, p.order(original).status());
        p.awaitStatus(id, s -> s == OrderStatus.NEW, "NEW");
        p.await("the replacement among the venue's open orders", () -> f.connector().openOrders().stream()
                .anyMatch(o -> o.clientOrderId().equals(id) && Math.abs(o.request().quantity() - 2 * f.quantity()) < 1e-9
                        && Math.abs(o.request().limitPrice() - newLimit) < 1e-9));
        assertTrue(f.connector().openOrders().stream().noneMatch(o -> o.clientOrderId().equals(original)));
        p.print(newLimit, f.quantity() * 10);
        p.awaitStatus(id, s -> s == OrderStatus.FILLED, "FILLED");
        assertQuantity(2 * f.quantity(), p.blotter.position(f.instrument()).quantity(), f.instrument(), "position");
        p.assertConsistentWithVenue();
    }

    /** A print smaller than the order fills it partially; the next one completes it. */
    public void reportsPartialFills(VenueFixture f) {
        Probe p = connected(f);
        double q = f.quantity();
        double half = lots(f, q / 2);
        if (!(half > 0 && half < q)) {
            fail("the fixture's quantity " + q + " must be at least two lots of " + f.instrument().lotSize());
        }
        double limit = f.price();
        String id = rest(p, Side.BUY, q, limit);
        p.print(limit, half);
        p.awaitStatus(id, s -> s == OrderStatus.PARTIALLY_FILLED, "PARTIALLY_FILLED");
        assertQuantity(half, p.order(id).filledQuantity(), f.instrument(), "filled after the first print");
        assertTrue(p.count(OrderEvent.PartiallyFilled.class, id) > 0, "a PartiallyFilled event for " + id);
        p.assertConsistentWithVenue();
        p.print(limit, q * 10);
        p.awaitStatus(id, s -> s == OrderStatus.FILLED, "FILLED");
        assertQuantity(q, p.order(id).filledQuantity(), f.instrument(), "filled in the end");
        p.assertConsistentWithVenue();
    }

    /** An order the account cannot afford is rejected for buying power and never works. */
    public void rejectsOrderBeyondBuyingPower(VenueFixture f) {
        Probe p = connected(f);
        AccountSnapshot account = f.connector().account();
        double limit = f.price();
        double quantity = lots(f, account.buyingPower() / limit * 10) + f.instrument().lotSize();
        String id = id();
        p.submit(OrderRequest.limit(id, f.instrument(), Side.BUY, quantity, limit, TimeInForce.GTC));
        OrderEvent.Rejected r = p.awaitEvent(OrderEvent.Rejected.class, id);
        assertEquals(RejectReason.INSUFFICIENT_BUYING_POWER, r.reason(), "reject reason: " + r.message());
        assertEquals(OrderStatus.REJECTED, p.order(id).status());
        p.print(limit, quantity * 2);
        p.assertConsistentWithVenue();
        assertQuantity(0, venuePosition(f.connector(), f.instrument()), f.instrument(), "venue position");
    }

    /** A cancel of an order the venue never saw is refused with UNKNOWN_ORDER. */
    public void rejectsCancelOfUnknownOrder(VenueFixture f) {
        Probe p = connected(f);
        String ghost = id();
        f.connector().cancel(ghost);
        OrderEvent.CancelRejected r = p.awaitEvent(OrderEvent.CancelRejected.class, ghost);
        assertEquals(RejectReason.UNKNOWN_ORDER, r.reason(), "reject reason: " + r.message());
        p.assertConsistentWithVenue();
    }

    /**
     * Submitting the identical request twice makes one order (a safe retry); reusing its id for a
     * different request is refused with DUPLICATE_CLIENT_ORDER_ID.
     */
    public void treatsResubmissionAsIdempotent(VenueFixture f) {
        Probe p = connected(f);
        double limit = price(f, 0.8);
        OrderRequest r = OrderRequest.limit(id(), f.instrument(), Side.BUY, f.quantity(), limit, TimeInForce.GTC);
        p.submit(r);
        f.connector().submit(r);
        p.awaitEvent(OrderEvent.Accepted.class, r.clientOrderId());
        BrokerException e = assertThrows(BrokerException.class, () -> f.connector().submit(r.withQuantity(2 * f.quantity())));
        assertEquals(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID, e.code());
        p.print(limit, f.quantity() * 10);
        p.awaitStatus(r.clientOrderId(), s -> s == OrderStatus.FILLED, "FILLED");
        p.assertConsistentWithVenue();
        assertEquals(1, p.count(OrderEvent.Accepted.class, r.clientOrderId()), "acknowledgements of a resubmitted order");
        assertQuantity(f.quantity(), venuePosition(f.connector(), f.instrument()), f.instrument(),
                "venue position after a resubmission");
    }

    /**
     * An order filled by a print right after it reached the venue, without the kit waiting for
     * the acknowledgement first: the listener sees Accepted before the fill (venue order), as it
     * must for every order in every scenario.
     */
    public void deliversAcknowledgementBeforeFills(VenueFixture f) {
        Probe p = connected(f);
        double limit = f.price();
        String id = id();
        p.submit(OrderRequest.limit(id, f.instrument(), Side.BUY, f.quantity(), limit, TimeInForce.GTC));
        p.await(id + " among the venue's open orders",
                () -> f.connector().openOrders().stream().anyMatch(o -> o.clientOrderId().equals(id)));
        p.print(limit, f.quantity() * 10);
        p.awaitStatus(id, s -> s == OrderStatus.FILLED, "FILLED");
        p.awaitEvent(OrderEvent.Accepted.class, id);
        p.assertConsistentWithVenue();
    }

    /**
     * Fills at two different prints: each fill is at its print's price, the venue's average
     * price is the fills' quantity-weighted average, and the account's cash moved by the fills'
     * notional and fees. Catches prices decoded in the wrong unit (ticks, minor units) in events,
     * positions or the account.
     */
    public void reportsPricesAndCashInTheVenuesUnits(VenueFixture f) {
        Probe p = connected(f);
        double q = f.quantity();
        String first = fillMarket(p, Side.BUY, q);
        double higher = price(f, 1.1);
        String second = id();
        p.submit(OrderRequest.limit(second, f.instrument(), Side.BUY, q, higher, TimeInForce.GTC));
        p.awaitEvent(OrderEvent.Accepted.class, second);
        p.print(higher, q * 10);
        p.awaitStatus(second, s -> s == OrderStatus.FILLED, "FILLED");
        double halfTick = f.instrument().tickSize() / 2;
        assertEquals(f.price(), p.order(first).averageFillPrice(), halfTick, "fill price of " + first
                + " bought by a print at " + f.price());
        assertEquals(higher, p.order(second).averageFillPrice(), halfTick, "fill price of " + second
                + " bought by a print at " + higher);
        p.assertConsistentWithVenue();
        double expected = (f.price() + higher) / 2;
        for (Position pos : f.connector().positions()) {
            if (pos.instrument().equals(f.instrument())) {
                assertEquals(expected, pos.averagePrice(), halfTick, "the venue's average price of " + 2 * q
                        + " bought at " + f.price() + " and " + higher);
            }
        }
    }

    // ---------------------------------------------------------------- event integrity

    /**
     * The events of a mixed session (fills, a partial fill then cancel, a replace) carry stable
     * ids: applied again with every event duplicated, in reverse, or shuffled, they give the same
     * orders and positions.
     */
    public void eventsSurviveDuplicationAndReordering(VenueFixture f) {
        Probe p = connected(f);
        double q = f.quantity();
        fillMarket(p, Side.BUY, q);
        String partial = rest(p, Side.BUY, q, f.price());
        p.print(f.price(), lots(f, q / 2));
        p.awaitStatus(partial, s -> s == OrderStatus.PARTIALLY_FILLED, "PARTIALLY_FILLED");
        p.cancel(partial);
        p.awaitStatus(partial, OrderStatus::isTerminal, "finished");
        String sell = rest(p, Side.SELL, q, price(f, 1.2));
        String replacement = id();
        double limit = price(f, 1.1);
        p.replace(sell, OrderRequest.limit(replacement, f.instrument(), Side.SELL, 2 * q, limit, TimeInForce.GTC));
        p.awaitEvent(OrderEvent.Replaced.class, sell);
        p.print(limit, q * 10);
        p.awaitStatus(replacement, s -> s == OrderStatus.FILLED, "FILLED");
        p.assertConsistentWithVenue();

        List<OrderEvent> events = p.events();
        List<OrderEvent> doubled = new ArrayList<>();
        for (OrderEvent e : events) {
            doubled.add(e);
            doubled.add(e);
        }
        assertSameOutcome(p, doubled, "every event delivered twice");
        assertSameOutcome(p, events.reversed(), "events in reverse order");
        Random random = new Random(20_240_102L);
        for (int round = 0; round < 5; round++) {
            List<OrderEvent> shuffled = new ArrayList<>(events);
            for (int i = 0; i < events.size() / 2; i++) {
                shuffled.add(events.get(random.nextInt(events.size())));
            }
            Collections.shuffle(shuffled, random);
            assertSameOutcome(p, shuffled, "events shuffled with repeats (round " + round + ")");
        }
    }

    private static void assertSameOutcome(Probe p, List<OrderEvent> events, String how) {
        Blotter replay = new Blotter();
        Instant t = Instant.EPOCH;
        for (Probe.Request r : p.requests()) {
            switch (r) {
                case Probe.Submit s -> replay.submitted(s.request(), t);
                case Probe.Cancel c -> replay.cancelRequested(c.clientOrderId(), t);
                case Probe.Replace x -> replay.replaceRequested(x.clientOrderId(), x.replacement(), t);
            }
        }
        for (OrderEvent e : events) {
            replay.onOrderEvent(e);
        }
        for (Order expected : p.blotter.orders()) {
            Order actual = replay.order(expected.clientOrderId()).orElseThrow();
            assertEquals(expected.status(), actual.status(), how + ": status of " + expected.clientOrderId());
            assertEquals(expected.filledQuantity(), actual.filledQuantity(), 1e-9,
                    how + ": filled quantity of " + expected.clientOrderId());
        }
        Instrument i = p.fixture.instrument();
        assertEquals(p.blotter.position(i).quantity(), replay.position(i).quantity(), 1e-9, how + ": position");
        assertEquals(p.blotter.fills().size(), replay.fills().size(), how + ": number of distinct fills");
    }

    // ---------------------------------------------------------------- reconnection

    /**
     * After the client disconnects and the venue fills a resting order meanwhile, a reconnect
     * brings the missed reports, and open orders and positions reconcile.
     */
    public void reconcilesAfterDisconnectAndReconnect(VenueFixture f) {
        Probe p = connected(f);
        fillMarket(p, Side.BUY, f.quantity());
        double limit = price(f, 0.8);
        String resting = rest(p, Side.BUY, f.quantity(), limit);
        int seen = p.states().size();
        f.connector().disconnect();
        p.awaitState(ConnectionState.DISCONNECTED, seen);
        p.print(limit, f.quantity() * 10);
        p.connect();
        p.awaitStatus(resting, OrderStatus::isTerminal, "finished after the reconnect (filled, or cancelled on disconnect)");
        p.assertConsistentWithVenue();
        fillMarket(p, Side.SELL, f.quantity());
        p.assertConsistentWithVenue();
    }

    /**
     * When the venue drops the connection, the connector reports DISCONNECTED; after connect()
     * the reports missed meanwhile arrive and open orders and positions reconcile.
     */
    public void recoversFromConnectionLoss(VenueFixture f) {
        Probe p = connected(f);
        fillMarket(p, Side.BUY, f.quantity());
        double limit = price(f, 0.8);
        String resting = rest(p, Side.BUY, f.quantity(), limit);
        String untouched = rest(p, Side.SELL, f.quantity(), price(f, 1.2));
        int seen = p.states().size();
        f.dropConnection();
        p.awaitState(ConnectionState.DISCONNECTED, seen);
        p.print(limit, f.quantity() * 10);
        p.connect();
        p.awaitStatus(resting, OrderStatus::isTerminal, "finished after the reconnect");
        p.assertConsistentWithVenue();
        if (!p.order(untouched).status().isTerminal()) {
            p.cancel(untouched);
            p.awaitStatus(untouched, OrderStatus::isTerminal, "cancelled");
        }
        p.assertConsistentWithVenue();
    }

    // ---------------------------------------------------------------- races

    /** A cancel racing a fill ends either cancelled or filled with the cancel rejected; fills and positions agree. */
    public void resolvesCancelRacingAFill(VenueFixture f) {
        Probe p = connected(f);
        double limit = f.price();
        String id = rest(p, Side.BUY, f.quantity(), limit);
        race(p, () -> p.cancelRegardless(id));
        p.await("Canceled or CancelRejected of " + id,
                () -> p.count(OrderEvent.Canceled.class, id) + p.count(OrderEvent.CancelRejected.class, id) > 0);
        p.awaitStatus(id, OrderStatus::isTerminal, "finished");
        p.assertConsistentWithVenue();
        Order o = p.order(id);
        if (o.status() == OrderStatus.FILLED) {
            assertQuantity(f.quantity(), o.filledQuantity(), f.instrument(), "filled quantity");
        } else {
            assertEquals(OrderStatus.CANCELED, o.status());
        }
        assertQuantity(o.filledQuantity(), p.blotter.position(f.instrument()).quantity(), f.instrument(), "position");
    }

    /** A replace racing a fill ends either replaced or refused; nothing is lost or counted twice. */
    public void resolvesReplaceRacingAFill(VenueFixture f) {
        Probe p = connected(f);
        double limit = f.price();
        String id = rest(p, Side.BUY, f.quantity(), limit);
        String replacement = id();
        OrderRequest r = OrderRequest.limit(replacement, f.instrument(), Side.BUY, 2 * f.quantity(), limit, TimeInForce.GTC);
        race(p, () -> p.replaceRegardless(id, r));
        p.await("Replaced or CancelRejected of " + id,
                () -> p.count(OrderEvent.Replaced.class, id) + p.count(OrderEvent.CancelRejected.class, id) > 0);
        p.assertConsistentWithVenue();
        for (Order o : p.blotter.workingOrders()) {
            p.cancel(o.clientOrderId());
            p.awaitStatus(o.clientOrderId(), OrderStatus::isTerminal, "cancelled");
        }
        p.assertConsistentWithVenue();
        double filled = p.blotter.fills().stream().mapToDouble(x -> x.quantity()).sum();
        assertQuantity(filled, p.blotter.position(f.instrument()).quantity(), f.instrument(), "position is the sum of fills");
        assertTrue(filled <= 2 * f.quantity() + 1e-9, "filled " + filled + " beyond both orders");
    }

    /** Runs a print of the fixture's quantity on another thread while {@code request} runs here. */
    private static void race(Probe p, Runnable request) {
        VenueFixture f = p.fixture;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread printer = new Thread(() -> {
            try {
                p.print(f.price(), f.quantity());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "tck-race-print");
        printer.start();
        try {
            request.run();
        } finally {
            try {
                printer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (printer.isAlive()) {
            fail("the fixture's trade() did not return within 30 s");
        }
        if (failure.get() != null) {
            throw new AssertionError("the fixture's trade() failed", failure.get());
        }
    }
}
