package dev.sextant.trading.broker.tck;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Position;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connector that passes every request, query and event through to another one: the base for
 * fault injection. Override one behaviour to plant a fault (deliver a fill twice, lose a cancel,
 * report prices in ticks) and run the conformance kit against the result, to prove that the kit,
 * or an application's own checks, catch that fault in front of a real adapter.
 *
 * <pre>{@code
 * BrokerConnector lostCancels = new ForwardingConnector(myConnector) {
 *     @Override
 *     public void cancel(String clientOrderId) {
 *         // planted fault: the cancel never leaves
 *     }
 * };
 * }</pre>
 *
 * <p>Events from the delegate reach {@link #deliver} and connection changes reach
 * {@link #deliverConnectionChange}; both pass them to this connector's listeners, one callback at
 * a time, so an override that delivers from another thread (a timer, to delay an event) keeps
 * the {@link BrokerListener} contract of serial delivery. Thread-safe when the delegate is.
 */
public class ForwardingConnector implements BrokerConnector {
    /** The connector that requests, queries and events pass through. */
    protected final BrokerConnector delegate;
    private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();
    private final Object delivery = new Object();

    /**
     * A connector that forwards to {@code delegate} and registers itself as its listener.
     *
     * @param delegate the connector to wrap; not yet connected
     */
    public ForwardingConnector(BrokerConnector delegate) {
        this.delegate = Checks.notNull(delegate, "delegate");
        delegate.addListener(new BrokerListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                deliver(event);
            }

            @Override
            public void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
                deliverConnectionChange(previous, current, reason);
            }
        });
    }

    /** Passes {@code event} to the listeners, serially with every other delivery of this connector. */
    protected void deliver(OrderEvent event) {
        synchronized (delivery) {
            for (BrokerListener l : listeners) {
                l.onOrderEvent(event);
            }
        }
    }

    /** Passes a connection change to the listeners, serially with every other delivery of this connector. */
    protected void deliverConnectionChange(ConnectionState previous, ConnectionState current, String reason) {
        synchronized (delivery) {
            for (BrokerListener l : listeners) {
                l.onConnectionStateChanged(previous, current, reason);
            }
        }
    }

    @Override
    public String venue() {
        return delegate.venue();
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
        delegate.connect();
    }

    @Override
    public void disconnect() {
        delegate.disconnect();
    }

    @Override
    public ConnectionState connectionState() {
        return delegate.connectionState();
    }

    @Override
    public void submit(OrderRequest request) {
        delegate.submit(request);
    }

    @Override
    public void cancel(String clientOrderId) {
        delegate.cancel(clientOrderId);
    }

    @Override
    public void replace(String clientOrderId, OrderRequest replacement) {
        delegate.replace(clientOrderId, replacement);
    }

    @Override
    public List<Order> openOrders() {
        return delegate.openOrders();
    }

    @Override
    public List<Position> positions() {
        return delegate.positions();
    }

    @Override
    public AccountSnapshot account() {
        return delegate.account();
    }

    /** Closes the delegate. */
    @Override
    public void close() {
        delegate.close();
    }
}
