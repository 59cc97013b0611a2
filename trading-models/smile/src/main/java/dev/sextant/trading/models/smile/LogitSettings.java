package dev.sextant.trading.models.smile;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.TrainerSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of the {@value SmileModels#LOGISTIC} trainer (Smile's logistic regression).
 *
 * @param lambda        L2 penalty, at least 0 (default 0.1)
 * @param tol           convergence tolerance, positive (default 1e-5)
 * @param maxIterations iterations at most, positive (default 500)
 */
public record LogitSettings(double lambda, double tol, int maxIterations) implements TrainerSettings {

    /** Validates. */
    public LogitSettings {
        Checks.nonNegative(lambda, "lambda");
        Checks.positive(tol, "tol");
        Checks.positive(maxIterations, "maxIterations");
    }

    /** lambda 0.1, tolerance 1e-5, 500 iterations. */
    public static LogitSettings defaults() {
        return new LogitSettings(0.1, 1e-5, 500);
    }

    /** These settings with another L2 penalty. */
    public LogitSettings withLambda(double value) {
        return new LogitSettings(value, tol, maxIterations);
    }

    /** {@value SmileModels#LOGISTIC}. */
    @Override
    public String type() {
        return SmileModels.LOGISTIC;
    }

    /** {@code lambda}, {@code tol}, {@code maxIterations}. */
    @Override
    public Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("lambda", Double.toString(lambda));
        p.put("tol", Double.toString(tol));
        p.put("maxIterations", Integer.toString(maxIterations));
        return p;
    }
}
