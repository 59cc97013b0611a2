package dev.sextant.trading.models.xgboost;

import dev.sextant.trading.core.Checks;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How an XGBoost model predicts. Immutable and thread-safe.
 *
 * @param engine               {@link Engine#JAVA} (default): Sextant's pure-Java tree evaluator,
 *                             {@link XGBoostTrees}; {@link Engine#XGBOOST4J}: XGBoost's native
 *                             library through XGBoost4J ({@code inplace_predict})
 * @param missingValues        when true, a NaN input is a missing value and follows each tree
 *                             node's default direction, as in XGBoost; when false (default), a
 *                             NaN input is rejected like any non-finite value
 * @param expectedFeatureCount values per row the caller's feature spec produces; the model's
 *                             {@code num_feature} must equal it; 0 (default) takes it from the model
 */
public record XGBoostOptions(Engine engine, boolean missingValues, int expectedFeatureCount) {

    /** Which code computes the predictions. */
    public enum Engine {
        /** Pure Java, no native code, allocation-free per row. */
        JAVA,
        /** XGBoost's own C++ predictor through XGBoost4J. */
        XGBOOST4J
    }

    /** The option keys {@link #fromMap} accepts. */
    public static final Set<String> KEYS = Set.of("engine", "missingValues", "featureCount");

    /** Validates the options. */
    public XGBoostOptions {
        Checks.notNull(engine, "engine");
        Checks.nonNegative(expectedFeatureCount, "expectedFeatureCount");
    }

    /** Java engine, NaN rejected, feature count from the model. */
    public static XGBoostOptions defaults() {
        return new XGBoostOptions(Engine.JAVA, false, 0);
    }

    /** These options with another engine. */
    public XGBoostOptions withEngine(Engine e) {
        return new XGBoostOptions(e, missingValues, expectedFeatureCount);
    }

    /** These options with NaN inputs treated as missing values (true) or rejected (false). */
    public XGBoostOptions withMissingValues(boolean allowed) {
        return new XGBoostOptions(engine, allowed, expectedFeatureCount);
    }

    /** These options checking the model's feature count against {@code featureCount} (0 = no check). */
    public XGBoostOptions withExpectedFeatureCount(int featureCount) {
        return new XGBoostOptions(engine, missingValues, featureCount);
    }

    /**
     * Options from strings: {@code engine} (java|xgboost4j), {@code missingValues} (true|false),
     * {@code featureCount}. Missing keys keep their defaults.
     *
     * @throws IllegalArgumentException for an unknown key or a value that does not parse, naming it
     */
    public static XGBoostOptions fromMap(Map<String, String> options) {
        Checks.notNull(options, "options");
        for (String key : options.keySet()) {
            // Set.of(...).contains(null) throws NullPointerException: a null key is an unknown option.
            if (key == null || !KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown XGBoost model option '" + key + "'; known options: "
                        + new TreeSet<>(KEYS));
            }
        }
        XGBoostOptions o = defaults();
        String engine = options.get("engine");
        if (engine != null) {
            o = o.withEngine(switch (engine.strip().toLowerCase(Locale.ROOT)) {
                case "java" -> Engine.JAVA;
                case "xgboost4j" -> Engine.XGBOOST4J;
                default -> throw new IllegalArgumentException("option engine must be java or xgboost4j but was "
                        + engine);
            });
        }
        String missing = options.get("missingValues");
        if (missing != null) {
            o = o.withMissingValues(switch (missing.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("option missingValues must be true or false but was "
                        + missing);
            });
        }
        String count = options.get("featureCount");
        if (count != null) {
            try {
                o = o.withExpectedFeatureCount(Integer.parseInt(count.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option featureCount must be an integer but was " + count, e);
            }
        }
        return o;
    }
}
