package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.drift.DriftListener;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.DriftSettings;
import java.util.Optional;

/**
 * Drift monitoring and out-of-distribution gating for a {@link ModelSignalSource}: one
 * {@link dev.sextant.trading.models.drift.DriftMonitor} per instrument against the bundle's
 * reference; a bar out of distribution becomes {@link SignalResult.OutOfDistribution}, and alerts
 * go to the listener on the pipeline's thread.
 *
 * @param reference the bundle's reference of its training inputs
 * @param settings  window and thresholds
 * @param listener  receives alerts (return quickly)
 */
public record DriftGuard(DriftReference reference, DriftSettings settings, DriftListener listener) {

    /** Validates. */
    public DriftGuard {
        Checks.notNull(reference, "reference");
        Checks.notNull(settings, "settings");
        Checks.notNull(listener, "listener");
    }

    /**
     * The guard for a loaded bundle with default settings, or empty when the bundle has no
     * reference (written before references existed): drift monitoring and gating are then
     * unavailable, and the caller should say so.
     */
    public static Optional<DriftGuard> of(ModelBundle bundle, DriftListener listener) {
        Checks.notNull(bundle, "bundle");
        return bundle.reference().map(r -> new DriftGuard(r, DriftSettings.defaults(), listener));
    }
}
