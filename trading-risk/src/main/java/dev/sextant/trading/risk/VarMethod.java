package dev.sextant.trading.risk;

/** How value at risk is estimated. */
public enum VarMethod {
    /** Empirical quantile of past returns (historical simulation). */
    HISTORICAL,
    /** Normal distribution with the sample mean and standard deviation (variance-covariance). */
    PARAMETRIC,
    /** Empirical quantile of simulated normal returns from a seeded generator. */
    MONTE_CARLO
}
