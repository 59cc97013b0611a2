package dev.sextant.trading.models.policy;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.FeatureScaler;
import dev.sextant.trading.features.FeatureSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a trading policy observes: the last {@code window} feature vectors of {@code spec}, each
 * scaled by {@code scaler} (fitted on training data) and clipped, then
 * {@value PolicyObservation#PORTFOLIO_VALUES} values of portfolio state measured against a
 * largest position of {@code maxFraction} of equity (see {@link PolicyObservation}).
 *
 * <p>As bundle model options ({@link #toOptions()}), the keys are {@code window},
 * {@code maxFraction}, {@code spec} (the feature spec JSON) and {@code scaler} (the feature
 * scaler JSON).
 *
 * @param spec        the features
 * @param scaler      the scaler of those features, fitted on training data
 * @param window      feature vectors per observation, at least 1
 * @param maxFraction the largest position as a fraction of equity, in (0, 1]
 */
public record PolicyLayout(FeatureSpec spec, FeatureScaler scaler, int window, double maxFraction) {
    /** Option key of the window. */
    public static final String WINDOW = "window";
    /** Option key of the largest position. */
    public static final String MAX_FRACTION = "maxFraction";
    /** Option key of the feature spec JSON. */
    public static final String SPEC = "spec";
    /** Option key of the feature scaler JSON. */
    public static final String SCALER = "scaler";

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the scaler's columns are not the spec's features or a
     *                                  number is out of range
     */
    public PolicyLayout {
        Checks.notNull(spec, "spec");
        Checks.notNull(scaler, "scaler");
        Checks.positive(window, "window");
        Checks.inRange(maxFraction, Double.MIN_VALUE, 1, "maxFraction");
        if (!scaler.names().equals(spec.featureNames())) {
            throw new IllegalArgumentException("scaler columns " + scaler.names() + " are not the features of "
                    + spec.name());
        }
    }

    /** Values per observation: {@code window * spec.size() + }{@value PolicyObservation#PORTFOLIO_VALUES}. */
    public int observationSize() {
        return window * spec.size() + PolicyObservation.PORTFOLIO_VALUES;
    }

    /** This layout as bundle model options (keys in the class comment). */
    public Map<String, String> toOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(WINDOW, Integer.toString(window));
        m.put(MAX_FRACTION, Double.toString(maxFraction));
        m.put(SPEC, spec.toJson());
        m.put(SCALER, scaler.toJson());
        return m;
    }

    /**
     * Reads a layout from bundle model options written by {@link #toOptions()}; other keys are
     * ignored.
     *
     * @param where names the source in messages (e.g. the model file)
     * @throws IllegalArgumentException naming {@code where} and the key if one is missing or invalid
     */
    public static PolicyLayout fromOptions(Map<String, String> options, String where) {
        Checks.notNull(options, "options");
        Checks.notNull(where, "where");
        int window;
        double maxFraction;
        try {
            window = Integer.parseInt(required(options, WINDOW, where).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": option '" + WINDOW + "' must be a whole number but was '"
                    + options.get(WINDOW) + "'");
        }
        try {
            maxFraction = Double.parseDouble(required(options, MAX_FRACTION, where).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": option '" + MAX_FRACTION + "' must be a number but was '"
                    + options.get(MAX_FRACTION) + "'");
        }
        String specJson = required(options, SPEC, where);
        String scalerJson = required(options, SCALER, where);
        FeatureSpec spec;
        FeatureScaler scaler;
        try {
            spec = FeatureSpec.fromJson(specJson);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": option '" + SPEC + "': " + e.getMessage(), e);
        }
        try {
            scaler = FeatureScaler.fromJson(scalerJson);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": option '" + SCALER + "': " + e.getMessage(), e);
        }
        try {
            return new PolicyLayout(spec, scaler, window, maxFraction);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> options, String key, String where) {
        String v = options.get(key);
        if (v == null) {
            throw new IllegalArgumentException(where + ": option '" + key + "' is missing");
        }
        return v;
    }
}
