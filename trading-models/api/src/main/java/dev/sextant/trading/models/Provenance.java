package dev.sextant.trading.models;

import dev.sextant.trading.core.Checks;
import java.time.Instant;
import java.util.Map;

/**
 * Where a model came from, so that every signal can be traced to it.
 *
 * @param trainer        what trained it, e.g. {@code "xgboost4j 3.0.4"} or {@code "pytorch 2.x"}
 * @param dataDescription the training data, e.g. file and time range
 * @param seed           random seed used in training, or 0 if none
 * @param created        creation time
 * @param attributes     any further key/value facts (library versions, hyper-parameters)
 */
public record Provenance(String trainer, String dataDescription, long seed, Instant created,
        Map<String, String> attributes) {

    /** Validates and copies. */
    public Provenance {
        Checks.notBlank(trainer, "trainer");
        Checks.notNull(dataDescription, "dataDescription");
        Checks.notNull(created, "created");
        attributes = Map.copyOf(Checks.notNull(attributes, "attributes"));
    }

    /** Provenance for a model loaded from a file whose origin is not recorded. */
    public static Provenance unknown(String trainer) {
        return new Provenance(trainer, "", 0, Instant.EPOCH, Map.of());
    }
}
