package dev.sextant.trading.broker.paper;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerProvider;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import java.util.Map;

/** Provides the {@link PaperBroker} under the id {@code paper}. Stateless and thread-safe. */
public final class PaperBrokerProvider implements BrokerProvider<PaperBrokerConfig> {

    /** The provider's id. */
    public static final String ID = "paper";

    /** For {@link java.util.ServiceLoader}. */
    public PaperBrokerProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<PaperBrokerConfig> configType() {
        return PaperBrokerConfig.class;
    }

    /** See {@link PaperBrokerConfig#fromProperties}. */
    @Override
    public PaperBrokerConfig parseConfig(Map<String, String> properties) {
        return PaperBrokerConfig.fromProperties(properties);
    }

    /** A new, disconnected {@link PaperBroker}. */
    @Override
    public BrokerConnector create(PaperBrokerConfig config, Clock clock) {
        return new PaperBroker(Checks.notNull(config, "config"), Checks.notNull(clock, "clock"));
    }
}
