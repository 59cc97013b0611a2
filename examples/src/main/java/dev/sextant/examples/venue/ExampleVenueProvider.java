package dev.sextant.examples.venue;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerProvider;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Provides the {@link ExampleVenueConnector} under the id {@value #ID}; registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/dev.sextant.trading.broker.BrokerProvider},
 * so {@code BrokerProviders.create("example-venue", settings, clock)} finds it. Stateless and
 * thread-safe.
 *
 * <p>String settings: {@code host} (default {@code 127.0.0.1}), {@code port} (required),
 * {@code symbol} (required), {@code timeoutMillis} (default 5000).
 */
public final class ExampleVenueProvider implements BrokerProvider<ExampleVenueConfig> {

    /** The provider's id. */
    public static final String ID = "example-venue";

    private static final Set<String> KEYS = Set.of("host", "port", "symbol", "timeoutMillis");
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final long DEFAULT_TIMEOUT_MILLIS = 5_000;

    /** For {@link java.util.ServiceLoader}. */
    public ExampleVenueProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<ExampleVenueConfig> configType() {
        return ExampleVenueConfig.class;
    }

    /**
     * Reads {@code host}, {@code port}, {@code symbol} and {@code timeoutMillis}.
     *
     * @throws BrokerException {@link BrokerException.Code#INVALID_CONFIG} for an unknown key, a key
     *                         without a value, a missing required key or a bad value, naming the key and value
     */
    @Override
    public ExampleVenueConfig parseConfig(Map<String, String> properties) {
        Checks.notNull(properties, "properties");
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey() == null || !KEYS.contains(e.getKey())) {
                unknown.add(String.valueOf(e.getKey()));
            } else if (e.getValue() == null) {
                throw invalid("example venue setting '" + e.getKey() + "' has no value");
            }
        }
        if (!unknown.isEmpty()) {
            throw invalid("unknown example venue setting(s) " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        String host = properties.getOrDefault("host", DEFAULT_HOST).strip();
        int port = (int) whole(properties, "port", 1, 65_535);
        String symbol = properties.get("symbol");
        if (symbol == null || symbol.isBlank()) {
            throw invalid("example venue setting 'symbol' is required");
        }
        long timeout = properties.containsKey("timeoutMillis") ? whole(properties, "timeoutMillis", 1, Long.MAX_VALUE)
                : DEFAULT_TIMEOUT_MILLIS;
        try {
            return new ExampleVenueConfig(host, port, symbol.strip(), Duration.ofMillis(timeout));
        } catch (IllegalArgumentException e) {
            throw invalid("example venue: " + e.getMessage());
        }
    }

    /**
     * A new, disconnected connector. The clock is not used: every event carries the venue's own
     * timestamp.
     *
     * @throws BrokerException {@link BrokerException.Code#INVALID_CONFIG} if the host is not a loopback address
     */
    @Override
    public BrokerConnector create(ExampleVenueConfig config, Clock clock) {
        Checks.notNull(config, "config");
        Checks.notNull(clock, "clock");
        try {
            return new ExampleVenueConnector(config);
        } catch (IllegalArgumentException e) {
            throw invalid("example venue: " + e.getMessage());
        }
    }

    private static long whole(Map<String, String> properties, String key, long min, long max) {
        String v = properties.get(key);
        if (v == null) {
            throw invalid("example venue setting '" + key + "' is required");
        }
        long value;
        try {
            value = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw invalid("example venue setting '" + key + "' must be a whole number but was '" + v + "'");
        }
        if (value < min || value > max) {
            throw invalid("example venue setting '" + key + "' must be in [" + min + ", " + max + "] but was '" + v + "'");
        }
        return value;
    }

    private static BrokerException invalid(String message) {
        return new BrokerException(BrokerException.Code.INVALID_CONFIG, message);
    }
}
