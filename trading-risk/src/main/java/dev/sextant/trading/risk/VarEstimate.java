package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;

/**
 * A value-at-risk estimate. Both figures are losses expressed as positive numbers, in the unit of
 * the input: a fraction of value when estimated from returns, quote currency when estimated for a
 * portfolio of exposures. A negative figure means even the tail is a gain.
 *
 * @param method            how it was estimated
 * @param confidence        confidence level, in (0, 1)
 * @param valueAtRisk       the loss not exceeded with probability {@code confidence}
 * @param expectedShortfall the mean loss in the tail beyond the VaR quantile; not below VaR
 * @param observations      number of returns or simulated paths the estimate used (0 for a
 *                          closed form from given moments)
 */
public record VarEstimate(VarMethod method, double confidence, double valueAtRisk, double expectedShortfall,
        int observations) {
    /** Validates the fields. */
    public VarEstimate {
        Checks.notNull(method, "method");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1) but was " + confidence);
        }
        Checks.finite(valueAtRisk, "valueAtRisk");
        Checks.finite(expectedShortfall, "expectedShortfall");
        Checks.nonNegative(observations, "observations");
    }
}
