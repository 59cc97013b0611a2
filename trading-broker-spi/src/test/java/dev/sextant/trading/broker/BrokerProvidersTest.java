package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.broker.paper.PaperBrokerProvider;
import dev.sextant.trading.core.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerProvidersTest {
    private final Clock clock = Clock.system();

    @Test
    void findsThePaperBrokerByItsId() {
        assertTrue(BrokerProviders.ids().contains("paper"));
        assertInstanceOf(PaperBrokerProvider.class, BrokerProviders.provider("paper"));
    }

    @Test
    void createsAConnectorFromATypedConfiguration() {
        PaperBrokerConfig config = PaperBrokerConfig.builder().initialCash(5_000).build();
        BrokerConnector c = BrokerProviders.create("paper", config, clock);
        PaperBroker broker = assertInstanceOf(PaperBroker.class, c);
        assertEquals(5_000, broker.config().initialCash());
        assertEquals(ConnectionState.DISCONNECTED, c.connectionState());
    }

    @Test
    void createsAConnectorFromStringSettings() {
        BrokerConnector c = BrokerProviders.create("paper", Map.of("initialCash", "2500", "latencyMillis", "20"), clock);
        PaperBroker broker = assertInstanceOf(PaperBroker.class, c);
        assertEquals(2_500, broker.config().initialCash());
        assertEquals(20, broker.config().latencyMillis());
    }

    @Test
    void anUnknownIdNamesTheProvidersThatExist() {
        BrokerException e = assertThrows(BrokerException.class, () -> BrokerProviders.provider("ibkr"));
        assertEquals(BrokerException.Code.UNKNOWN_PROVIDER, e.code());
        assertTrue(e.getMessage().contains("'ibkr'") && e.getMessage().contains("paper"), e.getMessage());
    }

    @Test
    void aConfigurationOfTheWrongTypeIsRefused() {
        BrokerException e = assertThrows(BrokerException.class, () -> BrokerProviders.create("paper", "cash=5", clock));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
        assertTrue(e.getMessage().contains("PaperBrokerConfig"), e.getMessage());
    }

    @Test
    void aSettingMappedToNullIsInvalidConfigNamingTheKey() {
        Map<String, String> settings = new HashMap<>();
        settings.put("currency", null);
        BrokerException e = assertThrows(BrokerException.class, () -> BrokerProviders.create("paper", settings, clock));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
        assertTrue(e.getMessage().contains("'currency' has no value"), e.getMessage());
    }

    @Test
    void aSettingWithANullKeyIsInvalidConfig() {
        Map<String, String> settings = new HashMap<>();
        settings.put(null, "5");
        BrokerException e = assertThrows(BrokerException.class, () -> BrokerProviders.create("paper", settings, clock));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
        assertTrue(e.getMessage().contains("has no name"), e.getMessage());
    }

    @Test
    void aProviderWhoseParsingThrowsNullPointerExceptionGivesInvalidConfig() {
        BrokerException e = assertThrows(BrokerException.class,
                () -> BrokerProviders.create("null-unsafe-test", Map.of("leverage", "2"), clock));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
        assertInstanceOf(NullPointerException.class, e.getCause());
        assertTrue(e.getMessage().contains("'null-unsafe-test'") && e.getMessage().contains("{leverage=2}"), e.getMessage());
    }
}
