package dev.sextant.trading.broker;

import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Clock;
import java.util.Map;

/**
 * A third-party provider whose parsing breaks the SPI's promise: a missing {@code cash} setting
 * makes it throw a NullPointerException. Registered for the tests in META-INF/services.
 */
public final class NullUnsafeTestProvider implements BrokerProvider<PaperBrokerConfig> {

    /** For ServiceLoader. */
    public NullUnsafeTestProvider() {
    }

    @Override
    public String id() {
        return "null-unsafe-test";
    }

    @Override
    public Class<PaperBrokerConfig> configType() {
        return PaperBrokerConfig.class;
    }

    @Override
    public PaperBrokerConfig parseConfig(Map<String, String> properties) {
        return PaperBrokerConfig.builder().initialCash(Double.parseDouble(properties.get("cash").strip())).build();
    }

    @Override
    public BrokerConnector create(PaperBrokerConfig config, Clock clock) {
        return new PaperBroker(config, clock);
    }
}
