package dev.sextant.trading.features;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.internal.FeatureKinds;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One feature of a {@link FeatureSpec}: a column name, a kind (the formula, e.g. {@code "rsi"},
 * {@code "close_to_ema"}) and its numeric parameters. The kinds and their parameters are listed
 * in {@code docs/features.md}.
 *
 * <p>The compact constructor validates the kind and every parameter and fills in the defaults of
 * parameters that were left out, so two definitions that differ only by spelling out a default
 * are equal and hash alike.
 *
 * @param name   column name: letters, digits and {@code _ . -}; categorical features encoded
 *               one-hot produce one column per category, {@code name_category}
 * @param kind   the feature kind
 * @param params the parameters by name, completed with defaults; unmodifiable and sorted
 */
public record FeatureDefinition(String name, String kind, Map<String, Double> params) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /**
     * Validates and completes the definition.
     *
     * @throws IllegalArgumentException naming the feature and parameter if the name is invalid,
     *                                  the kind is unknown, a parameter is unknown, or a value
     *                                  is out of its range
     */
    public FeatureDefinition {
        Checks.notBlank(name, "feature name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("feature name must use only letters, digits, '_', '.', '-' but was '" + name + "'");
        }
        Checks.notBlank(kind, "kind of feature " + name);
        params = FeatureKinds.resolve(name, kind, params == null ? Map.of() : params);
    }

    /** A definition with every parameter at its default. */
    public static FeatureDefinition of(String name, String kind) {
        return new FeatureDefinition(name, kind, Map.of());
    }

    /** A definition with the given parameters ({@code key1, value1, key2, value2, ...}). */
    public static FeatureDefinition of(String name, String kind, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters of feature " + name + " must come as key, value pairs");
        }
        java.util.LinkedHashMap<String, Double> p = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!(keyValues[i] instanceof String key) || !(keyValues[i + 1] instanceof Number value)) {
                throw new IllegalArgumentException("parameters of feature " + name + " must be String, Number pairs");
            }
            p.put(key, value.doubleValue());
        }
        return new FeatureDefinition(name, kind, p);
    }

    /** The value of parameter {@code key}; every parameter of the kind is present after validation. */
    public double param(String key) {
        Double v = params.get(key);
        if (v == null) {
            throw new IllegalArgumentException("feature " + name + " of kind " + kind + " has no parameter " + key);
        }
        return v;
    }

    /** The column names this feature produces, in order (one, or one per category when one-hot). */
    public java.util.List<String> columns() {
        return FeatureKinds.columns(this);
    }
}
