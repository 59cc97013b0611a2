package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a registered model came from, read from its bundle's manifest at registration.
 *
 * @param trainingFrom    first training row's time; empty when the manifest records no training window
 * @param trainingTo      last training row's time; empty likewise
 * @param trainingRows    training rows, 0 when not recorded
 * @param dataDigest      SHA-256 of the training data, from the manifest's {@value #DATA_DIGEST} attribute or
 *                        given at registration; empty when not known
 * @param featureSpecHash the feature spec's hash
 * @param codeVersion     the code that trained it: the manifest's {@value #CODE_VERSION} attribute, else its
 *                        {@value #TOOL} attribute, or what was given at registration; empty when not known
 * @param validation      held-out metrics of the scored model ({@code ensemble-calibrated}, else
 *                        {@code ensemble}): {@code rows}, {@code logLoss}, {@code brier}, {@code accuracy},
 *                        {@code ece}; empty when the bundle has none
 */
public record Lineage(Optional<Instant> trainingFrom, Optional<Instant> trainingTo, int trainingRows, String dataDigest,
        String featureSpecHash, String codeVersion, Map<String, Double> validation) {

    /** The manifest attribute read as the training data's digest. */
    public static final String DATA_DIGEST = "dataDigest";
    /** The manifest attribute read as the code version. */
    public static final String CODE_VERSION = "codeVersion";
    /** The manifest attribute read as the code version when {@value #CODE_VERSION} is absent. */
    public static final String TOOL = "tool";
    /** The validation metric the rollback policy compares live loss with. */
    public static final String LOG_LOSS = "logLoss";

    /** Validates and copies. */
    public Lineage {
        Checks.notNull(trainingFrom, "trainingFrom");
        Checks.notNull(trainingTo, "trainingTo");
        Checks.nonNegative(trainingRows, "trainingRows");
        Checks.notNull(dataDigest, "dataDigest");
        Checks.notBlank(featureSpecHash, "featureSpecHash");
        Checks.notNull(codeVersion, "codeVersion");
        validation = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(validation, "validation")));
        validation.forEach((k, v) -> Checks.finite(v, "validation " + k));
    }

    /**
     * The lineage a manifest records; {@code dataDigest} and {@code codeVersion}, when not blank,
     * replace what the manifest says.
     */
    public static Lineage of(BundleManifest manifest, String dataDigest, String codeVersion) {
        Checks.notNull(manifest, "manifest");
        Map<String, String> a = manifest.attributes();
        String data = dataDigest != null && !dataDigest.isBlank() ? dataDigest : a.getOrDefault(DATA_DIGEST, "");
        String code = codeVersion != null && !codeVersion.isBlank() ? codeVersion
                : a.getOrDefault(CODE_VERSION, a.getOrDefault(TOOL, ""));
        Map<String, Double> metrics = new LinkedHashMap<>();
        manifest.validation().ifPresent(v -> {
            ClassificationMetrics m = v.metrics().containsKey("ensemble-calibrated") ? v.metrics().get("ensemble-calibrated")
                    : v.metrics().get("ensemble");
            if (m != null) {
                metrics.put("rows", (double) m.rows());
                metrics.put(LOG_LOSS, m.logLoss());
                metrics.put("brier", m.brier());
                metrics.put("accuracy", m.accuracy());
                metrics.put("ece", m.ece());
            }
        });
        return new Lineage(manifest.trainingWindow().map(BundleManifest.TimeWindow::from),
                manifest.trainingWindow().map(BundleManifest.TimeWindow::to),
                manifest.trainingWindow().map(BundleManifest.TimeWindow::rows).orElse(0), data,
                manifest.featureSpecHash(), code, metrics);
    }

    /** The validation log loss, if the bundle recorded one. */
    public Optional<Double> validationLogLoss() {
        return Optional.ofNullable(validation.get(LOG_LOSS));
    }
}
