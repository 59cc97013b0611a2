package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds {@link BrokerProvider}s by id with {@link ServiceLoader} and creates connectors from a
 * typed or a string configuration.
 *
 * <p>Thread-safe: each call runs a fresh {@link ServiceLoader} on the given class loader (by
 * default the thread's context class loader).
 */
public final class BrokerProviders {

    private BrokerProviders() {
    }

    /** The ids of every provider visible to the context class loader, sorted. */
    public static SortedSet<String> ids() {
        return ids(contextLoader());
    }

    /** The ids of every provider visible to {@code loader}, sorted. */
    public static SortedSet<String> ids(ClassLoader loader) {
        SortedSet<String> ids = new TreeSet<>();
        for (BrokerProvider<?> p : load(loader)) {
            ids.add(p.id());
        }
        return ids;
    }

    /** The provider with {@code id} on the context class loader. @see #provider(String, ClassLoader) */
    public static BrokerProvider<?> provider(String id) {
        return provider(id, contextLoader());
    }

    /**
     * The provider with {@code id}.
     *
     * @throws BrokerException {@link BrokerException.Code#UNKNOWN_PROVIDER} naming the ids that exist
     */
    public static BrokerProvider<?> provider(String id, ClassLoader loader) {
        Checks.notBlank(id, "id");
        Checks.notNull(loader, "loader");
        for (BrokerProvider<?> p : load(loader)) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new BrokerException(BrokerException.Code.UNKNOWN_PROVIDER,
                "no broker provider with id '" + id + "' (providers found: " + ids(loader) + ")");
    }

    /**
     * Creates a connector with the provider {@code id} from its typed configuration.
     *
     * @throws BrokerException {@link BrokerException.Code#UNKNOWN_PROVIDER}, or
     *                         {@link BrokerException.Code#INVALID_CONFIG} if {@code config} is not of
     *                         the provider's configuration type
     */
    public static BrokerConnector create(String id, Object config, Clock clock) {
        Checks.notNull(config, "config");
        Checks.notNull(clock, "clock");
        return createTyped(provider(id), config, clock);
    }

    /**
     * Creates a connector with the provider {@code id} from string settings.
     *
     * @throws BrokerException {@link BrokerException.Code#UNKNOWN_PROVIDER}, or
     *                         {@link BrokerException.Code#INVALID_CONFIG} for a null key, a key mapped to
     *                         null, or whatever the provider's {@link BrokerProvider#parseConfig} refuses
     *                         (also when the provider fails with a NullPointerException or an
     *                         IllegalArgumentException instead)
     */
    public static BrokerConnector create(String id, Map<String, String> properties, Clock clock) {
        Checks.notNull(properties, "properties");
        Checks.notNull(clock, "clock");
        BrokerProvider<?> provider = provider(id);
        for (Map.Entry<String, String> e : properties.entrySet()) {
            // Map.copyOf below would throw a bare NullPointerException; say which setting is at fault.
            if (e.getKey() == null || e.getValue() == null) {
                throw new BrokerException(BrokerException.Code.INVALID_CONFIG, "broker provider '" + provider.id()
                        + "': setting '" + e.getKey() + "' has " + (e.getKey() == null ? "no name" : "no value (null)"));
            }
        }
        return createTyped(provider, parse(provider, Map.copyOf(properties)), clock);
    }

    /**
     * The provider's {@link BrokerProvider#parseConfig}, with the SPI's promise kept for providers
     * that break it: a NullPointerException or IllegalArgumentException from the parsing becomes
     * {@link BrokerException.Code#INVALID_CONFIG} naming the provider (the original is the cause).
     */
    private static Object parse(BrokerProvider<?> provider, Map<String, String> properties) {
        try {
            return provider.parseConfig(properties);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new BrokerException(BrokerException.Code.INVALID_CONFIG, "broker provider '" + provider.id()
                    + "' cannot parse settings " + new TreeMap<>(properties) + ": " + e, e);
        }
    }

    private static <C> BrokerConnector createTyped(BrokerProvider<C> provider, Object config, Clock clock) {
        if (!provider.configType().isInstance(config)) {
            throw new BrokerException(BrokerException.Code.INVALID_CONFIG, "broker provider '" + provider.id()
                    + "' needs a " + provider.configType().getName() + " but got a " + config.getClass().getName());
        }
        return provider.create(provider.configType().cast(config), clock);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Iterable<BrokerProvider<?>> load(ClassLoader loader) {
        return (Iterable) ServiceLoader.load(BrokerProvider.class, loader);
    }

    private static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : BrokerProviders.class.getClassLoader();
    }
}
