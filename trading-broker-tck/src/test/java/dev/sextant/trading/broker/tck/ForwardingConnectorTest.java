package dev.sextant.trading.broker.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForwardingConnectorTest {

    /** Records events and connection changes. */
    private static final class Recorder implements BrokerListener {
        final List<OrderEvent> events = new CopyOnWriteArrayList<>();
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();

        @Override
        public void onOrderEvent(OrderEvent event) {
            events.add(event);
        }

        @Override
        public void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
            states.add(current);
        }
    }

    @Test
    void passesRequestsQueriesEventsAndConnectionChangesThrough() {
        try (PaperVenueFixture f = new PaperVenueFixture(ForwardingConnector::new)) {
            BrokerConnector c = f.connector();
            Recorder r = new Recorder();
            c.addListener(r);
            c.addListener(r);
            assertEquals("paper", c.venue());
            c.connect();
            assertEquals(ConnectionState.CONNECTED, c.connectionState());
            c.submit(OrderRequest.limit("f1", f.instrument(), Side.BUY, 10, 90, TimeInForce.GTC));
            assertEquals(1, c.openOrders().size());
            c.cancel("f1");
            f.trade(f.price(), 1);
            assertTrue(c.openOrders().isEmpty());
            assertTrue(c.positions().isEmpty());
            assertEquals(100_000, c.account().cash());
            assertEquals(List.of(ConnectionState.CONNECTED), r.states, "a listener added twice is called once");
            assertInstanceOf(OrderEvent.Accepted.class, r.events.get(0));
            assertInstanceOf(OrderEvent.Canceled.class, r.events.get(1));
            assertEquals(2, r.events.size());
            c.removeListener(r);
            c.disconnect();
            assertEquals(List.of(ConnectionState.CONNECTED), r.states, "a removed listener hears nothing");
            assertEquals(BrokerException.Code.NOT_CONNECTED, assertThrows(BrokerException.class, c::openOrders).code());
        }
    }

    @Test
    void anOverrideOfDeliverSeesEveryEventBeforeTheListeners() {
        List<OrderEvent> seen = new CopyOnWriteArrayList<>();
        try (PaperVenueFixture f = new PaperVenueFixture(b -> new ForwardingConnector(b) {
            @Override
            protected void deliver(OrderEvent event) {
                seen.add(event);
                if (!(event instanceof OrderEvent.Accepted)) {
                    super.deliver(event);
                }
            }
        })) {
            Recorder r = new Recorder();
            f.connector().addListener(r);
            f.connector().connect();
            f.connector().submit(OrderRequest.limit("f2", f.instrument(), Side.BUY, 10, 90, TimeInForce.GTC));
            assertEquals(1, seen.size());
            assertTrue(r.events.isEmpty(), "the override withheld the acknowledgement");
        }
    }
}
