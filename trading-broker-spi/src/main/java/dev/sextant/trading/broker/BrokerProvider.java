package dev.sextant.trading.broker;

import dev.sextant.trading.core.Clock;
import java.util.Map;

/**
 * Creates {@link BrokerConnector}s for one venue; found with {@link java.util.ServiceLoader} by
 * its stable {@link #id()} (see {@link BrokerProviders}). An adapter artifact declares it with
 * {@code provides dev.sextant.trading.broker.BrokerProvider with ...} in its module-info and in
 * {@code META-INF/services/dev.sextant.trading.broker.BrokerProvider}.
 *
 * <p>Implementations are stateless and thread-safe; they need a public no-argument constructor.
 *
 * @param <C> the provider's typed configuration, usually a record validated in its constructor
 */
public interface BrokerProvider<C> {

    /** The stable id, e.g. {@code "paper"}; lower case letters, digits and dashes. */
    String id();

    /** The configuration type that {@link #create} accepts. */
    Class<C> configType();

    /**
     * Builds the typed configuration from string settings (a properties file, CLI options).
     *
     * @param properties settings by key; keys the provider does not know are errors
     * @throws BrokerException {@link BrokerException.Code#INVALID_CONFIG} naming the key and value at fault
     */
    C parseConfig(Map<String, String> properties);

    /**
     * Creates a connector, not yet connected.
     *
     * @param config the configuration
     * @param clock  the time source for timestamps and latency (a simulated clock in backtests)
     */
    BrokerConnector create(C config, Clock clock);
}
