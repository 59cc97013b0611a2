package dev.sextant.examples.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerProviders;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.core.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleVenueProviderTest {
    private final ExampleVenueProvider provider = new ExampleVenueProvider();

    private static String invalid(Map<String, String> settings) {
        BrokerException e = assertThrows(BrokerException.class, () -> new ExampleVenueProvider().parseConfig(settings));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
        return e.getMessage();
    }

    @Test
    void serviceLoaderFindsItByItsId() {
        assertTrue(BrokerProviders.ids().contains(ExampleVenueProvider.ID), BrokerProviders.ids().toString());
        assertInstanceOf(ExampleVenueProvider.class, BrokerProviders.provider("example-venue"));
    }

    @Test
    void createsADisconnectedConnectorFromStringSettings() {
        try (BrokerConnector c = BrokerProviders.create("example-venue", Map.of("port", "4711", "symbol", "DEMO"),
                Clock.system())) {
            assertInstanceOf(ExampleVenueConnector.class, c);
            assertEquals(ConnectionState.DISCONNECTED, c.connectionState());
            assertEquals("example-venue", c.venue());
        }
    }

    @Test
    void parsesEverySettingAndDefaultsTheOptionalOnes() {
        assertEquals(new ExampleVenueConfig("localhost", 4711, "DEMO", Duration.ofMillis(250)), provider.parseConfig(
                Map.of("host", "localhost", "port", "4711", "symbol", "DEMO", "timeoutMillis", "250")));
        assertEquals(new ExampleVenueConfig("127.0.0.1", 4711, "DEMO", Duration.ofSeconds(5)),
                provider.parseConfig(Map.of("port", "4711", "symbol", "DEMO")));
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() {
        String message = invalid(Map.of("port", "4711", "symbol", "DEMO", "account", "A1"));
        assertTrue(message.contains("[account]") && message.contains("timeoutMillis"), message);
    }

    @Test
    void aMissingPortIsNamed() {
        assertTrue(invalid(Map.of("symbol", "DEMO")).contains("'port' is required"));
    }

    @Test
    void aMissingSymbolIsNamed() {
        assertTrue(invalid(Map.of("port", "4711")).contains("'symbol' is required"));
    }

    @Test
    void aPortThatIsNotANumberIsNamedWithItsValue() {
        String message = invalid(Map.of("port", "http", "symbol", "DEMO"));
        assertTrue(message.contains("'port'") && message.contains("'http'"), message);
    }

    @Test
    void aPortOutOfRangeIsNamedWithItsValue() {
        String message = invalid(Map.of("port", "70000", "symbol", "DEMO"));
        assertTrue(message.contains("'port' must be in [1, 65535]") && message.contains("'70000'"), message);
    }

    @Test
    void aNonPositiveTimeoutIsNamedWithItsValue() {
        String message = invalid(Map.of("port", "4711", "symbol", "DEMO", "timeoutMillis", "0"));
        assertTrue(message.contains("'timeoutMillis'") && message.contains("'0'"), message);
    }

    @Test
    void aKeyMappedToNullIsInvalidConfigNotANullPointerException() {
        Map<String, String> settings = new HashMap<>(Map.of("port", "4711"));
        settings.put("symbol", null);
        assertTrue(invalid(settings).contains("'symbol' has no value"));
    }

    @Test
    void aNullKeyIsInvalidConfigNotANullPointerException() {
        Map<String, String> settings = new HashMap<>(Map.of("port", "4711", "symbol", "DEMO"));
        settings.put(null, "x");
        assertTrue(invalid(settings).contains("[null]"));
    }

    @Test
    void aHostOffTheLoopbackInterfaceIsRefusedWhenCreating() {
        BrokerException e = assertThrows(BrokerException.class, () -> provider.create(
                new ExampleVenueConfig("192.0.2.1", 4711, "DEMO", Duration.ofSeconds(1)), Clock.system()));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
        assertTrue(e.getMessage().contains("192.0.2.1"), e.getMessage());
    }
}
