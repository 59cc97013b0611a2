package dev.sextant.trading.broker.tck;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The paper broker as a kit venue: prints are trades fed to it, one simulated second apart. */
final class PaperVenueFixture implements VenueFixture {
    static final Instrument INSTRUMENT = Instrument.equity("TCK", "PAPER");
    private static final long T0 = 1_704_204_000_000L;

    private final SimulatedClock clock = new SimulatedClock(T0);
    private final PaperBroker broker;
    private final BrokerConnector connector;
    private final List<Trade> prints = new ArrayList<>();

    PaperVenueFixture() {
        this(b -> b);
    }

    /** A fixture whose connector is {@code wrap} applied to the paper broker (faulty connectors). */
    PaperVenueFixture(Function<PaperBroker, BrokerConnector> wrap) {
        broker = new PaperBroker(PaperBrokerConfig.builder().initialCash(100_000).build(), clock);
        broker.onTrade(INSTRUMENT, new Trade(T0, 100, 1));
        connector = wrap.apply(broker);
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
    public synchronized void trade(double price, double quantity) {
        clock.advanceBy(1_000);
        Trade print = new Trade(clock.millis(), price, quantity);
        broker.onTrade(INSTRUMENT, print);
        prints.add(print);
    }

    /** The trades fed to the paper broker, which it prints as they are. */
    @Override
    public synchronized List<Trade> prints() {
        return List.copyOf(prints);
    }

    @Override
    public void dropConnection() {
        broker.simulateConnectionLoss("the fixture dropped the connection");
    }

    @Override
    public void close() {
        connector.close();
    }
}
