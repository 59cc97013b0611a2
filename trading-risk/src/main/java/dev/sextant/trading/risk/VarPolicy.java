package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;

/**
 * The one-day value-at-risk limit and how VaR is estimated for it.
 *
 * <p>Each instrument's VaR per unit of exposure is estimated from its daily returns (recorded by
 * the engine at each session reset, or seeded) with {@code method}. Until an instrument has
 * {@code minObservations} returns, a normal distribution with zero mean and
 * {@code fallbackDailyVolatility} stands in.
 *
 * @param limitFraction           largest one-day VaR as a fraction of equity; positive; default 0.02
 * @param confidence              VaR confidence level, in (0.5, 1); default 0.95
 * @param method                  estimation method; default {@link VarMethod#HISTORICAL}
 * @param lookbackDays            daily returns kept per instrument; at least 2; default 250
 * @param minObservations         returns needed before the estimate replaces the fallback;
 *                                in [2, lookbackDays]; default 20
 * @param fallbackDailyVolatility daily volatility assumed with too little history; positive;
 *                                default 0.03
 * @param monteCarloPaths         simulated returns per instrument for {@link VarMethod#MONTE_CARLO};
 *                                at least 100; default 10,000
 * @param monteCarloSeed          seed for {@link VarMethod#MONTE_CARLO}; default 42
 */
public record VarPolicy(
        double limitFraction, double confidence, VarMethod method, int lookbackDays, int minObservations,
        double fallbackDailyVolatility, int monteCarloPaths, long monteCarloSeed) {

    /** The defaults listed above. */
    public static final VarPolicy DEFAULTS = new VarPolicy(0.02, 0.95, VarMethod.HISTORICAL, 250, 20, 0.03, 10_000, 42);

    /** Validates every field. */
    public VarPolicy {
        Limit.positiveOrUnlimited(limitFraction, "limitFraction");
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1) but was " + confidence);
        }
        Checks.notNull(method, "method");
        Checks.inRange(lookbackDays, 2, 1_000_000, "lookbackDays");
        Checks.inRange(minObservations, 2, lookbackDays, "minObservations");
        Checks.positive(fallbackDailyVolatility, "fallbackDailyVolatility");
        Checks.inRange(monteCarloPaths, 100, 10_000_000, "monteCarloPaths");
    }
}
