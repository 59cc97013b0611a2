package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerProviders;
import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider is found by id with ServiceLoader, and a connector built from string settings or
 * a settings file alone trades through a {@link BrokerSession} against the simulated exchange:
 * swapping the paper broker for FIX is a change of provider id and settings.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FixBrokerProviderTest {

    @Test
    void isFoundByServiceLoaderUnderIdFix() {
        assertTrue(BrokerProviders.ids().containsAll(List.of("fix", "paper")), BrokerProviders.ids().toString());
        assertInstanceOf(FixBrokerProvider.class, BrokerProviders.provider("fix"));
        assertEquals(FixConnectorConfig.class, new FixBrokerProvider().configType());
    }

    @Test
    void refusesATypedConfigurationOfAnotherProvider() {
        BrokerException e = assertThrows(BrokerException.class,
                () -> BrokerProviders.create("fix", Map.of("senderCompId", "A"), Clock.system()));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
    }

    @Test
    void tradesWithAConnectorBuiltFromStringSettingsAlone(@TempDir Path dir) {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchange.Settings.of(dir.resolve("x"),
                List.of(SimulatedExchangeFixture.INSTRUMENT)))) {
            Map<String, String> settings = Map.of(
                    "host", "127.0.0.1",
                    "port", Integer.toString(exchange.port()),
                    "senderCompId", exchange.clientCompId(),
                    "targetCompId", exchange.exchangeCompId(),
                    "storeDirectory", dir.resolve("client").toString(),
                    "instruments", "SXT");
            roundTrip(BrokerProviders.create("fix", settings, Clock.system()), exchange);
        }
    }

    @Test
    void tradesWithAConnectorBuiltFromAQuickFixSettingsFile(@TempDir Path dir) throws IOException {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchange.Settings.of(dir.resolve("x"),
                List.of(SimulatedExchangeFixture.INSTRUMENT)))) {
            Path file = dir.resolve("venue.cfg");
            Files.writeString(file, """
                    [DEFAULT]
                    ConnectionType=initiator
                    HeartBtInt=30
                    FileStorePath=%s
                    SextantInstruments=SXT

                    [SESSION]
                    BeginString=FIX.4.4
                    SenderCompID=%s
                    TargetCompID=%s
                    SocketConnectHost=127.0.0.1
                    SocketConnectPort=%d
                    """.formatted(dir.resolve("client"), exchange.clientCompId(), exchange.exchangeCompId(),
                    exchange.port()));
            roundTrip(BrokerProviders.create("fix", Map.of("settingsFile", file.toString()), Clock.system()), exchange);
        }
    }

    /** Buys at market, sells half with a limit, and checks the session's blotter against the venue. */
    private static void roundTrip(BrokerConnector connector, SimulatedExchange exchange) {
        try (BrokerSession session = new BrokerSession(connector, Clock.system())) {
            EventLog log = new EventLog();
            session.addListener(log);
            session.connect();
            OrderRequest buy = OrderRequest.market("gs-buy-" + System.nanoTime(), SimulatedExchangeFixture.INSTRUMENT,
                    Side.BUY, 10, TimeInForce.DAY);
            session.submit(buy);
            log.await("buy accepted", () -> session.blotter().order(buy.clientOrderId())
                    .map(o -> o.status() == OrderStatus.NEW).orElse(false));
            exchange.print("SXT", 100, 50);
            log.await("buy filled", () -> session.blotter().order(buy.clientOrderId())
                    .map(o -> o.status() == OrderStatus.FILLED).orElse(false));
            OrderRequest sell = OrderRequest.limit("gs-sell-" + System.nanoTime(), SimulatedExchangeFixture.INSTRUMENT,
                    Side.SELL, 5, 101, TimeInForce.GTC);
            session.submit(sell);
            log.await("sell accepted", () -> session.blotter().order(sell.clientOrderId())
                    .map(o -> o.status() == OrderStatus.NEW).orElse(false));
            exchange.print("SXT", 101, 50);
            log.await("sell filled", () -> session.blotter().order(sell.clientOrderId())
                    .map(o -> o.status() == OrderStatus.FILLED).orElse(false));
            assertEquals(5, session.blotter().position(SimulatedExchangeFixture.INSTRUMENT).quantity(), 1e-9);
            log.await("reconciled", () -> session.reconcile().isClean());
            assertEquals(100_000 - 10 * 100 + 5 * 101, connector.account().cash(), 1e-6, "the venue's cash");
        }
    }
}
