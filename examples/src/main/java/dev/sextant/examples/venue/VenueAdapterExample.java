package dev.sextant.examples.venue;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.BrokerProviders;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Example 3, a venue adapter at work: starts the example venue on 127.0.0.1, finds the adapter by
 * its provider id with {@link BrokerProviders} (ServiceLoader), connects, submits a limit order,
 * makes the venue print a trade that fills it, and prints every event and the venue's position.
 *
 * <pre>{@code java -cp examples/target/sextant.jar dev.sextant.examples.venue.VenueAdapterExample}</pre>
 */
public final class VenueAdapterExample {
    private static final String SYMBOL = "DEMO";
    private static final double LAST_PRICE = 100.0;

    private VenueAdapterExample() {
    }

    /**
     * Runs the example and prints to standard output.
     *
     * @param args none
     * @throws InterruptedException if interrupted while waiting for the fill
     * @throws IllegalStateException if the order is not filled within 10 seconds
     */
    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /**
     * Runs the example, printing to {@code out}; returns the order events received, in order.
     *
     * @throws InterruptedException if interrupted while waiting for the fill
     * @throws IllegalStateException if the order is not filled within 10 seconds
     */
    static List<OrderEvent> run(PrintStream out) throws InterruptedException {
        Instrument instrument = Instrument.equity(SYMBOL, ExampleVenueConfig.VENUE);
        try (ExampleVenueServer venue = ExampleVenueServer.start(instrument,
                PaperBrokerConfig.builder().initialCash(100_000).build(), LAST_PRICE, Duration.ofMinutes(1))) {
            Map<String, String> settings = Map.of(
                    "host", "127.0.0.1",
                    "port", Integer.toString(venue.address().getPort()),
                    "symbol", SYMBOL);
            List<OrderEvent> events = new CopyOnWriteArrayList<>();
            CountDownLatch filled = new CountDownLatch(1);
            try (BrokerConnector connector = BrokerProviders.create(ExampleVenueProvider.ID, settings, Clock.system())) {
                connector.addListener(new BrokerListener() {
                    @Override
                    public void onOrderEvent(OrderEvent event) {
                        events.add(event);
                        out.println("event: " + event);
                        if (event instanceof OrderEvent.Filled) {
                            filled.countDown();
                        }
                    }

                    @Override
                    public void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
                        out.println("connection: " + previous + " -> " + current + " (" + reason + ")");
                    }
                });
                connector.connect();
                connector.submit(OrderRequest.limit("example-1", instrument, Side.BUY, 10, 99.50, TimeInForce.GTC));
                out.println("working at the venue: " + connector.openOrders());
                venue.trade(99.50, 25);
                if (!filled.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the order was not filled within 10 s; events: " + events);
                }
                out.println("venue position: " + connector.positions());
                out.println("venue account: " + connector.account());
            }
            return List.copyOf(events);
        }
    }
}
