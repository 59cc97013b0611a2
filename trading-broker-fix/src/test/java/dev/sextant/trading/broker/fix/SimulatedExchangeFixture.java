package dev.sextant.trading.broker.fix;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.tck.VenueFixture;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Trade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The conformance kit's venue: a {@link SimulatedExchange} on loopback and a {@link FixConnector}
 * logged on to it, each with its file store in a fresh temporary directory (deleted on close).
 */
final class SimulatedExchangeFixture implements VenueFixture {
    static final Instrument INSTRUMENT = Instrument.equity("SXT", "fix");

    private final Path directory;
    private final SimulatedExchange exchange;
    private final FixConnector connector;

    SimulatedExchangeFixture() {
        this(s -> s, b -> b);
    }

    SimulatedExchangeFixture(UnaryOperator<SimulatedExchange.Settings> exchangeSettings,
            UnaryOperator<FixConnectorConfig.Builder> connectorSettings) {
        try {
            directory = Files.createTempDirectory("sextant-fix-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exchange = SimulatedExchange.start(exchangeSettings.apply(
                SimulatedExchange.Settings.of(directory.resolve("exchange"), List.of(INSTRUMENT))));
        connector = new FixConnector(connectorSettings.apply(exchange.clientConfig(directory.resolve("client")))
                .build(), Clock.system());
    }

    SimulatedExchange exchange() {
        return exchange;
    }

    Path directory() {
        return directory;
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
        exchange.print(INSTRUMENT.symbol(), price, quantity);
    }

    /** What the simulated exchange's tape shows, not the kit's own record of its calls. */
    @Override
    public List<Trade> prints() {
        return exchange.prints();
    }

    @Override
    public void dropConnection() {
        exchange.dropConnection();
    }

    @Override
    public void close() {
        try {
            connector.close();
        } finally {
            exchange.close();
            delete(directory);
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
