package dev.sextant.trading.broker.tck.loopback;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.broker.tck.VenueFixture;
import dev.sextant.trading.core.Instrument;
import java.time.Duration;

/** A fake venue on 127.0.0.1 and a {@link LoopbackConnector} to it. */
final class LoopbackVenueFixture implements VenueFixture {
    static final Instrument INSTRUMENT = Instrument.equity("LOOP", "FAKE");

    private final FakeVenueServer server;
    private final LoopbackConnector connector;

    LoopbackVenueFixture() {
        server = FakeVenueServer.start(INSTRUMENT, PaperBrokerConfig.builder().initialCash(100_000).build(), 100,
                Duration.ofSeconds(60));
        connector = new LoopbackConnector(server.address(), INSTRUMENT, Duration.ofSeconds(5));
    }

    FakeVenueServer server() {
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
