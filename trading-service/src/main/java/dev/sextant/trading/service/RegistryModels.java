package dev.sextant.trading.service;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.live.registry.ModelVersion;
import dev.sextant.trading.live.registry.Stage;
import java.util.List;
import java.util.function.Supplier;

/**
 * The model versions a dashboard shows, read from a {@link ModelRegistry} on each call: its
 * champion (or, while it has none, the served bundle) and its challengers, each as
 * {@code bundleId@bundleVersion (vN)}, with the drift alerts of a supplier (a
 * {@link SessionMonitor}'s, or none). Pass it to {@link SignalService.Builder#models}.
 *
 * <p>Thread-safe as the registry is. The registry stays the caller's to close.
 */
public final class RegistryModels implements Supplier<ModelVersions> {
    private final ModelRegistry registry;
    private final String served;
    private final Supplier<List<String>> driftAlerts;

    /**
     * @param registry    the registry to read
     * @param served      the served model's version, shown as champion while the registry has none
     * @param driftAlerts current drift alerts, one line each
     */
    public RegistryModels(ModelRegistry registry, String served, Supplier<List<String>> driftAlerts) {
        this.registry = Checks.notNull(registry, "registry");
        this.served = Checks.notBlank(served, "served");
        this.driftAlerts = Checks.notNull(driftAlerts, "driftAlerts");
    }

    /** How a registry version is named on the dashboard: {@code bundleId@bundleVersion (vN)}. */
    public static String name(ModelVersion v) {
        return v.bundleId() + "@" + v.bundleVersion() + " (v" + v.version() + ")";
    }

    /**
     * Reads the registry now.
     *
     * @throws dev.sextant.trading.live.registry.RegistryException if the registry cannot be read
     */
    @Override
    public ModelVersions get() {
        String champion = registry.champion().map(RegistryModels::name).orElse(served);
        List<String> challengers = registry.inStage(Stage.CHALLENGER).stream().map(RegistryModels::name).toList();
        return new ModelVersions(champion, challengers, driftAlerts.get());
    }
}
