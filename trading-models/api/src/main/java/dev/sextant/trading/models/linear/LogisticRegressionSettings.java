package dev.sextant.trading.models.linear;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.TrainerSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of the built-in {@code logistic} trainer (multinomial logistic regression,
 * L-BFGS). The fit is deterministic, so there is no seed.
 *
 * @param l2            L2 penalty on the weights, positive (default {@value #DEFAULT_L2})
 * @param maxIterations L-BFGS iterations at most, positive (default {@value #DEFAULT_MAX_ITERATIONS})
 */
public record LogisticRegressionSettings(double l2, int maxIterations) implements TrainerSettings {

    /** Default L2 penalty. */
    public static final double DEFAULT_L2 = 0.01;
    /** Default iteration limit. */
    public static final int DEFAULT_MAX_ITERATIONS = 500;

    /** Validates. */
    public LogisticRegressionSettings {
        Checks.positive(l2, "l2");
        Checks.positive(maxIterations, "maxIterations");
    }

    /** The defaults: l2 {@value #DEFAULT_L2}, {@value #DEFAULT_MAX_ITERATIONS} iterations. */
    public static LogisticRegressionSettings defaults() {
        return new LogisticRegressionSettings(DEFAULT_L2, DEFAULT_MAX_ITERATIONS);
    }

    /** These settings with another L2 penalty. */
    public LogisticRegressionSettings withL2(double value) {
        return new LogisticRegressionSettings(value, maxIterations);
    }

    /** These settings with another iteration limit. */
    public LogisticRegressionSettings withMaxIterations(int value) {
        return new LogisticRegressionSettings(l2, value);
    }

    /** {@value LogisticRegression#TYPE}. */
    @Override
    public String type() {
        return LogisticRegression.TYPE;
    }

    /** {@code l2} and {@code maxIterations}. */
    @Override
    public Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("l2", Double.toString(l2));
        p.put("maxIterations", Integer.toString(maxIterations));
        return p;
    }
}
