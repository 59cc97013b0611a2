package dev.sextant.trading.broker.tck;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Position;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connector that passes everything to another one; the deliberately faulty connectors of the
 * kit's own tests override one behaviour each.
 */
class ForwardingConnector implements BrokerConnector {
    protected final BrokerConnector delegate;
    private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();

    ForwardingConnector(BrokerConnector delegate) {
        this.delegate = delegate;
        delegate.addListener(new BrokerListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                deliver(event);
            }

            @Override
            public void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
                for (BrokerListener l : listeners) {
                    l.onConnectionStateChanged(previous, current, reason);
                }
            }
        });
    }

    /** Passes {@code event} to the listeners. */
    protected void deliver(OrderEvent event) {
        for (BrokerListener l : listeners) {
            l.onOrderEvent(event);
        }
    }

    @Override
    public String venue() {
        return delegate.venue();
    }

    @Override
    public void addListener(BrokerListener listener) {
        if (!listeners.contains(listener)) {
            listeners.add(listener);
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
}
