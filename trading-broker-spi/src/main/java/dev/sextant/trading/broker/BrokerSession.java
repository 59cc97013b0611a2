package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector together with the {@link Blotter} that tracks it: the object an application (or
 * the engine) trades through. Every request is recorded in the blotter before it is sent, and
 * every event is applied to the blotter before it is passed on to the session's listeners.
 *
 * <p>A request that cannot be sent (the connector throws) is resolved in the blotter at once:
 * an unsent order becomes {@link OrderStatus#REJECTED} ({@link RejectReason#NOT_CONNECTED} or
 * {@link RejectReason#VENUE}), an unsent cancel or replace returns the order to its previous
 * status; then the exception is rethrown.
 *
 * <p>{@link #cancelAll()} is the kill switch's hook: it cancels every working order, including
 * orders whose replace is still pending (cancelled as soon as the replace resolves) and orders
 * working at the venue that the blotter does not know.
 *
 * <p>Thread-safe. Listener callbacks follow the connector's threading ({@link BrokerListener}).
 */
public final class BrokerSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerSession.class);

    private final BrokerConnector connector;
    private final Clock clock;
    private final Blotter blotter;
    private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> cancelWhenResolved = new HashSet<>();
    private final Map<String, String> replacementOf = new ConcurrentHashMap<>();
    private final BrokerListener relay = new BrokerListener() {
        @Override
        public void onOrderEvent(OrderEvent event) {
            handle(event);
        }

        @Override
        public void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
            for (BrokerListener l : listeners) {
                try {
                    l.onConnectionStateChanged(previous, current, reason);
                } catch (RuntimeException e) {
                    LOG.error("broker listener failed on connection change to {}", current, e);
                }
            }
        }
    };

    /**
     * A session over {@code connector}, with a fresh blotter; registers itself as a listener.
     *
     * @param clock the source of request timestamps
     */
    public BrokerSession(BrokerConnector connector, Clock clock) {
        this(connector, clock, new Blotter());
    }

    /** A session over {@code connector} that records into {@code blotter}. */
    public BrokerSession(BrokerConnector connector, Clock clock, Blotter blotter) {
        this.connector = Checks.notNull(connector, "connector");
        this.clock = Checks.notNull(clock, "clock");
        this.blotter = Checks.notNull(blotter, "blotter");
        connector.addListener(relay);
    }

    /** The connector this session trades through. */
    public BrokerConnector connector() {
        return connector;
    }

    /** The blotter with this session's orders, fills and positions. */
    public Blotter blotter() {
        return blotter;
    }

    /** Registers {@code listener} for events; it sees each event after the blotter applied it. */
    public void addListener(BrokerListener listener) {
        Checks.notNull(listener, "listener");
        if (!listeners.contains(listener)) {
            listeners.add(listener);
        }
    }

    /** Unregisters {@code listener}. */
    public void removeListener(BrokerListener listener) {
        listeners.remove(listener);
    }

    /** Connects the connector; see {@link BrokerConnector#connect()}. */
    public void connect() {
        connector.connect();
    }

    /** Disconnects the connector; see {@link BrokerConnector#disconnect()}. */
    public void disconnect() {
        connector.disconnect();
    }

    /**
     * Records and sends a new order. Submitting the identical request again is a no-op.
     *
     * @return the order as recorded (normally {@link OrderStatus#PENDING_NEW}; the paper broker
     *         may already have answered)
     * @throws BrokerException as {@link Blotter#submitted} and {@link BrokerConnector#submit}
     */
    public Order submit(OrderRequest request) {
        blotter.submitted(request, now());
        try {
            connector.submit(request);
        } catch (BrokerException e) {
            if (e.code() != BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID) {
                RejectReason reason = e.code() == BrokerException.Code.NOT_CONNECTED
                        ? RejectReason.NOT_CONNECTED : RejectReason.VENUE;
                handle(new OrderEvent.Rejected(request.clientOrderId(), reason, "not sent: " + e.getMessage(), now()));
            }
            throw e;
        }
        return current(request.clientOrderId());
    }

    /**
     * Records and sends a cancel of {@code clientOrderId}.
     *
     * @throws BrokerException as {@link Blotter#cancelRequested} and {@link BrokerConnector#cancel}
     */
    public Order cancel(String clientOrderId) {
        blotter.cancelRequested(clientOrderId, now());
        try {
            connector.cancel(clientOrderId);
        } catch (BrokerException e) {
            handle(unsent(clientOrderId, e));
            throw e;
        }
        return current(clientOrderId);
    }

    /**
     * Records and sends a replace of {@code clientOrderId} by {@code replacement}.
     *
     * @return the snapshot of the order being replaced
     * @throws BrokerException as {@link Blotter#replaceRequested} and {@link BrokerConnector#replace}
     */
    public Order replace(String clientOrderId, OrderRequest replacement) {
        blotter.replaceRequested(clientOrderId, replacement, now());
        replacementOf.put(clientOrderId, replacement.clientOrderId());
        try {
            connector.replace(clientOrderId, replacement);
        } catch (BrokerException e) {
            handle(unsent(clientOrderId, e));
            throw e;
        }
        return current(clientOrderId);
    }

    /**
     * Cancels every working order: the kill switch's hook. Orders with a cancel already pending
     * are left alone; orders with a replace pending are cancelled once it resolves; orders
     * working at the venue but unknown to the blotter are cancelled too when the connector is
     * connected. Never throws for a single order that cannot be cancelled; failures are logged.
     *
     * @return the number of cancel requests sent now
     */
    public int cancelAll() {
        return cancelMatching(null);
    }

    /** As {@link #cancelAll()}, for the orders in {@code instrument} only. */
    public int cancelAll(Instrument instrument) {
        return cancelMatching(Checks.notNull(instrument, "instrument"));
    }

    private int cancelMatching(Instrument instrument) {
        int sent = 0;
        Set<String> known = new HashSet<>();
        List<Order> orders = blotter.orders();
        Set<String> pendingReplacements = new HashSet<>();
        for (Order o : orders) {
            if (o.status() == OrderStatus.PENDING_REPLACE && replacementOf.containsKey(o.clientOrderId())) {
                pendingReplacements.add(replacementOf.get(o.clientOrderId()));
            }
        }
        for (Order o : orders) {
            known.add(o.clientOrderId());
            if ((instrument != null && !o.request().instrument().equals(instrument))
                    || pendingReplacements.contains(o.clientOrderId())) {
                // A pending replacement is handled through the order it replaces.
                continue;
            }
            if (o.status() == OrderStatus.PENDING_REPLACE) {
                synchronized (cancelWhenResolved) {
                    cancelWhenResolved.add(o.clientOrderId());
                }
            } else if (OrderStateMachine.isCancelable(o.status()) && tryCancel(o.clientOrderId())) {
                sent++;
            }
        }
        if (connector.connectionState() == ConnectionState.CONNECTED) {
            try {
                for (Order v : connector.openOrders()) {
                    if (!known.contains(v.clientOrderId())
                            && (instrument == null || v.request().instrument().equals(instrument))) {
                        connector.cancel(v.clientOrderId());
                        sent++;
                    }
                }
            } catch (BrokerException e) {
                LOG.error("cancel-all could not list or cancel the venue's open orders", e);
            }
        }
        return sent;
    }

    private boolean tryCancel(String clientOrderId) {
        try {
            cancel(clientOrderId);
            return true;
        } catch (BrokerException e) {
            LOG.error("cancel-all could not cancel {}", clientOrderId, e);
            return false;
        }
    }

    /** Compares the blotter with the venue's open orders and positions (blocking queries). */
    public ReconciliationReport reconcile() {
        return blotter.reconcile(connector.openOrders(), connector.positions());
    }

    /** Unregisters from the connector and closes it. */
    @Override
    public void close() {
        connector.removeListener(relay);
        connector.close();
    }

    private void handle(OrderEvent event) {
        blotter.onOrderEvent(event);
        for (BrokerListener l : listeners) {
            try {
                l.onOrderEvent(event);
            } catch (RuntimeException e) {
                LOG.error("broker listener failed on {}", event, e);
            }
        }
        cancelResolvedReplaces();
    }

    /** A kill switch asked to cancel orders whose replace was pending: do it once the replace resolved. */
    private void cancelResolvedReplaces() {
        List<String> targets = new ArrayList<>();
        synchronized (cancelWhenResolved) {
            if (cancelWhenResolved.isEmpty()) {
                return;
            }
            for (Iterator<String> it = cancelWhenResolved.iterator(); it.hasNext(); ) {
                String id = it.next();
                Order o = blotter.order(id).orElseThrow();
                if (o.status() == OrderStatus.PENDING_REPLACE) {
                    continue;
                }
                it.remove();
                targets.add(o.status() == OrderStatus.REPLACED ? replacementOf.get(id) : id);
            }
        }
        for (String target : targets) {
            Order t = target == null ? null : blotter.order(target).orElse(null);
            if (t != null && OrderStateMachine.isCancelable(t.status())) {
                tryCancel(target);
            }
        }
    }

    private OrderEvent unsent(String clientOrderId, BrokerException e) {
        RejectReason reason = e.code() == BrokerException.Code.NOT_CONNECTED ? RejectReason.NOT_CONNECTED
                : RejectReason.VENUE;
        return new OrderEvent.CancelRejected(clientOrderId, reason, "not sent: " + e.getMessage(), now());
    }

    private Order current(String clientOrderId) {
        return blotter.order(clientOrderId).orElseThrow();
    }

    private Instant now() {
        return clock.now();
    }
}
