package dev.sextant.trading.service;

import dev.sextant.trading.core.Checks;
import java.util.List;

/**
 * The models behind a service, as the dashboard shows them: the champion that trades, the
 * challengers shadowing it, and drift alerts. A service without a model registry reports its
 * bundle as the champion with no challengers and no alerts; a registry or drift monitor supplies
 * its own through {@link SignalService.Builder#models}.
 *
 * @param champion    the trading model's version, {@code id@version}
 * @param challengers versions of the models evaluated alongside it
 * @param driftAlerts current drift alerts, one line each (feature, statistic, threshold)
 */
public record ModelVersions(String champion, List<String> challengers, List<String> driftAlerts) {
    /** Validates and copies the lists. */
    public ModelVersions {
        Checks.notBlank(champion, "champion");
        challengers = List.copyOf(challengers);
        driftAlerts = List.copyOf(driftAlerts);
    }

    /** Only a champion. */
    public static ModelVersions of(String champion) {
        return new ModelVersions(champion, List.of(), List.of());
    }
}
