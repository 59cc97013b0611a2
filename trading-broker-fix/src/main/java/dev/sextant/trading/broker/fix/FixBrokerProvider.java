package dev.sextant.trading.broker.fix;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerProvider;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import java.util.Map;

/** Provides the {@link FixConnector} under the id {@code fix}. Stateless and thread-safe. */
public final class FixBrokerProvider implements BrokerProvider<FixConnectorConfig> {

    /** The provider's id. */
    public static final String ID = "fix";

    /** For {@link java.util.ServiceLoader}. */
    public FixBrokerProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<FixConnectorConfig> configType() {
        return FixConnectorConfig.class;
    }

    /** See {@link FixConnectorConfig#fromProperties}. */
    @Override
    public FixConnectorConfig parseConfig(Map<String, String> properties) {
        return FixConnectorConfig.fromProperties(properties);
    }

    /** A new, disconnected {@link FixConnector}. */
    @Override
    public BrokerConnector create(FixConnectorConfig config, Clock clock) {
        return new FixConnector(Checks.notNull(config, "config"), Checks.notNull(clock, "clock"));
    }
}
