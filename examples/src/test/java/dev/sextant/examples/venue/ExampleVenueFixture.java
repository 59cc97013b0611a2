package dev.sextant.examples.venue;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.broker.tck.VenueFixture;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Trade;
import java.time.Duration;
import java.util.List;

/**
 * What the conformance kit needs from the example venue: a fresh {@link ExampleVenueServer} on
 * 127.0.0.1 per test and a new {@link ExampleVenueConnector} to it. The venue's tape
 * ({@link ExampleVenueServer#prints()}) is what the kit checks fill prices against.
 */
final class ExampleVenueFixture implements VenueFixture {
    static final Instrument INSTRUMENT = Instrument.equity("LOOP", ExampleVenueConfig.VENUE);

    private final ExampleVenueServer server;
    private final ExampleVenueConnector connector;

    ExampleVenueFixture() {
        server = ExampleVenueServer.start(INSTRUMENT, PaperBrokerConfig.builder().initialCash(100_000).build(), 100,
                Duration.ofSeconds(60));
        connector = new ExampleVenueConnector(new ExampleVenueConfig("127.0.0.1", server.address().getPort(),
                INSTRUMENT.symbol(), Duration.ofSeconds(5)));
    }

    ExampleVenueServer server() {
        return server;
    }

    @Override
    public BrokerConnector connector() {
        return connector;
    }

    @Override
    public Instrument instrument() {
        return INSTRUMENT;
    }

    @Override
    public double price() {
        return 100;
    }

    @Override
    public double quantity() {
        return 10;
    }

    @Override
    public void trade(double price, double quantity) {
        server.trade(price, quantity);
    }

    @Override
    public List<Trade> prints() {
        return server.prints();
    }

    @Override
    public void dropConnection() {
        server.dropConnection();
    }

    @Override
    public void close() {
        try {
            connector.close();
        } finally {
            server.close();
        }
    }
}
