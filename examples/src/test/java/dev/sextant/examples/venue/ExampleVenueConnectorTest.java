package dev.sextant.examples.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExampleVenueConnectorTest {
    private static final Instrument I = ExampleVenueFixture.INSTRUMENT;

    @Test
    void refusesANonLoopbackVenue() {
        assertThrows(IllegalArgumentException.class,
                () -> new ExampleVenueConnector(new ExampleVenueConfig("192.0.2.1", 9, I.symbol(), Duration.ofSeconds(1))));
    }

    @Test
    void failsToConnectWhenNothingListens() throws IOException {
        // Hold the port with a bound socket that never listens, for the whole test: connecting is
        // refused, and no other test or fork can start a server on that port meanwhile (a port
        // found by opening and closing a socket could be taken between the close and the connect).
        try (Socket holder = new Socket()) {
            holder.setReuseAddress(false);
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ExampleVenueConnector c = new ExampleVenueConnector(new ExampleVenueConfig("127.0.0.1",
                    holder.getLocalPort(), I.symbol(), Duration.ofSeconds(1)));
            assertEquals(BrokerException.Code.CONNECTION_FAILED, assertThrows(BrokerException.class, c::connect).code());
            assertEquals(ConnectionState.DISCONNECTED, c.connectionState());
        }
    }

    @Test
    void refusesOrdersForAnotherInstrument() {
        try (ExampleVenueFixture f = new ExampleVenueFixture()) {
            f.connector().connect();
            OrderRequest other = OrderRequest.market("x", Instrument.equity("OTHER", ExampleVenueConfig.VENUE), Side.BUY, 1, TimeInForce.DAY);
            assertEquals(BrokerException.Code.INVALID_REQUEST,
                    assertThrows(BrokerException.class, () -> f.connector().submit(other)).code());
        }
    }

    @Test
    void refusesAQueryFromItsOwnCallbackInsteadOfDeadlocking() throws InterruptedException {
        try (ExampleVenueFixture f = new ExampleVenueFixture()) {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            f.connector().addListener(e -> {
                try {
                    f.connector().openOrders();
                } catch (IllegalStateException expected) {
                    errors.add(expected);
                }
            });
            f.connector().connect();
            f.connector().submit(OrderRequest.limit("l", I, Side.BUY, 1, 90, TimeInForce.GTC));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (errors.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, errors.size());
        }
    }

    @Test
    void aGapInEventSequenceNumbersDropsTheConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread venue = new Thread(() -> {
                try (Socket s = server.accept()) {
                    ExampleVenueWire.readLine(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    out.write(("WELCOME|0\nEV|2|CANCELED|a|0\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    ExampleVenueWire.readLine(s.getInputStream());
                } catch (IOException ignored) {
                    // The connector hangs up.
                }
            });
            venue.setDaemon(true);
            venue.start();
            ExampleVenueConnector c = new ExampleVenueConnector(new ExampleVenueConfig("127.0.0.1",
                    server.getLocalPort(), I.symbol(), Duration.ofSeconds(2)));
            List<String> reasons = new CopyOnWriteArrayList<>();
            List<OrderEvent> events = new CopyOnWriteArrayList<>();
            c.addListener(new BrokerListener() {
                @Override
                public void onOrderEvent(OrderEvent event) {
                    events.add(event);
                }

                @Override
                public void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
                    if (current == ConnectionState.DISCONNECTED) {
                        reasons.add(reason);
                    }
                }
            });
            c.connect();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (reasons.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, reasons.size());
            assertTrue(reasons.getFirst().contains("events were lost"), reasons.getFirst());
            assertTrue(events.isEmpty());
        }
    }
}
