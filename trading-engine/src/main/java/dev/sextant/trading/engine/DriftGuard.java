package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.drift.DriftListener;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.DriftSettings;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import java.util.Optional;

/**
 * Drift monitoring and out-of-distribution gating for a {@link ModelSignalSource}: one
 * {@link dev.sextant.trading.models.drift.DriftMonitor} per instrument against the bundle's
 * reference; a bar out of distribution becomes {@link SignalResult.OutOfDistribution}, and alerts
 * go to the listener on the pipeline's thread.
 *
 * <p>With a label definition ({@code labels}), the source also scores its own predictions on
 * realised outcomes: the label of the bar {@code horizon} bars back is settled at each close
 * ({@link dev.sextant.trading.models.labels.LabelStream}), and the log loss of the prediction made
 * on that bar feeds the monitor's Page-Hinkley test (performance drift). Without one, performance
 * drift is not monitored.
 *
 * @param reference the bundle's reference of its training inputs
 * @param settings  window and thresholds
 * @param listener  receives alerts (return quickly)
 * @param labels    the label definition the model was trained on, or empty
 */
public record DriftGuard(DriftReference reference, DriftSettings settings, DriftListener listener,
        Optional<FixedHorizonLabeler> labels) {

    /** Validates. */
    public DriftGuard {
        Checks.notNull(reference, "reference");
        Checks.notNull(settings, "settings");
        Checks.notNull(listener, "listener");
        Checks.notNull(labels, "labels");
    }

    /** A guard without a label definition: feature and prediction drift and gating, no performance drift. */
    public DriftGuard(DriftReference reference, DriftSettings settings, DriftListener listener) {
        this(reference, settings, listener, Optional.empty());
    }

    /**
     * The guard for a loaded bundle with default settings and the bundle's own label definition
     * (its manifest's {@code labels} attribute, when it is a fixed-horizon definition), or empty
     * when the bundle has no reference (written before references existed): drift monitoring and
     * gating are then unavailable, and the caller should say so.
     */
    public static Optional<DriftGuard> of(ModelBundle bundle, DriftListener listener) {
        Checks.notNull(bundle, "bundle");
        return bundle.reference().map(r -> new DriftGuard(r, DriftSettings.defaults(), listener,
                labelsOf(bundle.manifest())));
    }

    /** This guard with other settings. */
    public DriftGuard withSettings(DriftSettings value) {
        return new DriftGuard(reference, value, listener, labels);
    }

    /**
     * The fixed-horizon label definition a bundle trained by {@link BundleTrainer} records in its
     * {@code labels} attribute ({@link FixedHorizonLabeler#parse}); empty when the attribute is
     * absent or not such a definition (performance drift is then not monitored).
     */
    static Optional<FixedHorizonLabeler> labelsOf(BundleManifest manifest) {
        String text = manifest.attributes().get("labels");
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(FixedHorizonLabeler.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
