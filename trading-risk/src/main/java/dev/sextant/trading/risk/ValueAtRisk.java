package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.stats.NormalDistribution;
import dev.sextant.trading.risk.internal.Selection;
import dev.sextant.trading.risk.internal.SplitMix64;

/**
 * Value at risk and expected shortfall: historical, parametric (normal) and Monte Carlo, for one
 * return series or for a portfolio of exposures.
 *
 * <h2>Definitions</h2>
 * With confidence {@code c} and {@code n} returns sorted ascending {@code r(1) <= ... <= r(n)},
 * the tail holds {@code k = max(1, ceil(n (1 - c)))} observations; historical VaR is
 * {@code -r(k)} and expected shortfall is {@code -(r(1) + ... + r(k)) / k}. Parametric VaR for
 * mean {@code mu} and standard deviation {@code sigma} is {@code sigma z - mu} with
 * {@code z = Phi^-1(c)}, and expected shortfall is {@code sigma phi(z) / (1 - c) - mu}. Monte
 * Carlo draws normal returns (multivariate with the sample covariance for a portfolio) from a
 * seeded generator and applies the historical definitions to the draws; the same seed gives the
 * same estimate.
 *
 * <p>Stateless and thread-safe. Inputs must be finite; errors name the offending index.
 */
public final class ValueAtRisk {
    private ValueAtRisk() {
    }

    /**
     * Historical VaR and expected shortfall of a return series.
     *
     * @param returns    returns as fractions (0.01 = 1%), finite, at least one
     * @param confidence confidence level in (0, 1), e.g. 0.95
     * @return the estimate as a fraction of value
     */
    public static VarEstimate historical(double[] returns, double confidence) {
        checkConfidence(confidence);
        checkSeries(returns, "returns");
        double[] copy = returns.clone();
        int n = copy.length;
        return new VarEstimate(VarMethod.HISTORICAL, confidence, lowerTailLoss(copy, n, confidence),
                lowerTailShortfall(copy, n, confidence), n);
    }

    /**
     * Parametric (normal) VaR and expected shortfall for a given mean and standard deviation.
     *
     * @param mean       mean return per period, finite
     * @param stdDev     standard deviation of returns per period, non-negative
     * @param confidence confidence level in (0, 1)
     */
    public static VarEstimate parametric(double mean, double stdDev, double confidence) {
        checkConfidence(confidence);
        Checks.finite(mean, "mean");
        Checks.nonNegative(stdDev, "stdDev");
        double z = NormalDistribution.quantile(confidence);
        return new VarEstimate(VarMethod.PARAMETRIC, confidence, stdDev * z - mean,
                stdDev * NormalDistribution.density(z) / (1 - confidence) - mean, 0);
    }

    /**
     * Parametric (normal) VaR with the sample mean and standard deviation (n - 1) of {@code returns}.
     *
     * @param returns    at least two finite returns
     * @param confidence confidence level in (0, 1)
     */
    public static VarEstimate parametric(double[] returns, double confidence) {
        checkConfidence(confidence);
        checkSeries(returns, "returns");
        if (returns.length < 2) {
            throw new IllegalArgumentException("returns must hold at least 2 values but held " + returns.length);
        }
        double mean = mean(returns, returns.length);
        double sd = Math.sqrt(variance(returns, returns.length, mean));
        VarEstimate e = parametric(mean, sd, confidence);
        return new VarEstimate(VarMethod.PARAMETRIC, confidence, e.valueAtRisk(), e.expectedShortfall(), returns.length);
    }

    /**
     * Monte Carlo VaR: {@code paths} normal returns with the given moments from a generator seeded
     * with {@code seed}, then the historical definitions.
     *
     * @param mean       mean return, finite
     * @param stdDev     standard deviation, non-negative
     * @param confidence confidence level in (0, 1)
     * @param paths      number of draws, at least 100
     * @param seed       generator seed
     */
    public static VarEstimate monteCarlo(double mean, double stdDev, double confidence, int paths, long seed) {
        checkConfidence(confidence);
        Checks.finite(mean, "mean");
        Checks.nonNegative(stdDev, "stdDev");
        Checks.inRange(paths, 100, 100_000_000, "paths");
        double[] draws = new double[paths];
        simulate(new SplitMix64(seed), mean, stdDev, draws, paths);
        return new VarEstimate(VarMethod.MONTE_CARLO, confidence, lowerTailLoss(draws, paths, confidence),
                lowerTailShortfall(draws, paths, confidence), paths);
    }

    /**
     * VaR of a portfolio of exposures in quote currency, diversified across instruments.
     *
     * <p>HISTORICAL revalues today's exposures with each day's joint returns; PARAMETRIC uses the
     * sample means and covariance; MONTE_CARLO draws multivariate normal returns with the sample
     * means and covariance (by Cholesky factorisation) from a generator seeded with {@code seed}.
     *
     * @param method     estimation method
     * @param exposures  signed exposure per instrument in quote currency (long positive)
     * @param returns    {@code returns[i][t]}: return of instrument {@code i} on day {@code t}; every
     *                   row as long as the others, at least 2 days, finite
     * @param confidence confidence level in (0, 1)
     * @param paths      draws for MONTE_CARLO (at least 100), ignored otherwise
     * @param seed       seed for MONTE_CARLO, ignored otherwise
     * @return the estimate in quote currency
     * @throws IllegalArgumentException on mismatched lengths, non-finite values, or a covariance
     *                                  that is not positive semi-definite
     */
    public static VarEstimate portfolio(VarMethod method, double[] exposures, double[][] returns, double confidence,
            int paths, long seed) {
        Checks.notNull(method, "method");
        checkConfidence(confidence);
        checkSeries(exposures, "exposures");
        Checks.notNull(returns, "returns");
        if (returns.length != exposures.length) {
            throw new IllegalArgumentException("returns must have one row per exposure (" + exposures.length
                    + ") but had " + returns.length);
        }
        int m = exposures.length;
        int n = m == 0 ? 0 : Checks.notNull(returns[0], "returns[0]").length;
        if (m == 0 || n < 2) {
            throw new IllegalArgumentException("returns must hold at least one instrument and 2 days but held "
                    + m + " x " + n);
        }
        for (int i = 0; i < m; i++) {
            Checks.notNull(returns[i], "returns[" + i + "]");
            if (returns[i].length != n) {
                throw new IllegalArgumentException("returns[" + i + "] must hold " + n + " days but held " + returns[i].length);
            }
            checkSeries(returns[i], "returns[" + i + "]");
        }
        double[] means = new double[m];
        for (int i = 0; i < m; i++) {
            means[i] = mean(returns[i], n);
        }
        switch (method) {
            case HISTORICAL -> {
                double[] pnl = new double[n];
                for (int t = 0; t < n; t++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) {
                        s += exposures[i] * returns[i][t];
                    }
                    pnl[t] = s;
                }
                return new VarEstimate(method, confidence, lowerTailLoss(pnl, n, confidence),
                        lowerTailShortfall(pnl, n, confidence), n);
            }
            case PARAMETRIC -> {
                double[][] cov = covariance(returns, means, n);
                double mu = 0;
                double var = 0;
                for (int i = 0; i < m; i++) {
                    mu += exposures[i] * means[i];
                    for (int j = 0; j < m; j++) {
                        var += exposures[i] * cov[i][j] * exposures[j];
                    }
                }
                VarEstimate e = parametric(mu, Math.sqrt(Math.max(0, var)), confidence);
                return new VarEstimate(method, confidence, e.valueAtRisk(), e.expectedShortfall(), n);
            }
            case MONTE_CARLO -> {
                Checks.inRange(paths, 100, 100_000_000, "paths");
                double[][] chol = cholesky(covariance(returns, means, n));
                SplitMix64 rng = new SplitMix64(seed);
                double[] z = new double[m];
                double[] pnl = new double[paths];
                for (int p = 0; p < paths; p++) {
                    for (int i = 0; i < m; i++) {
                        z[i] = rng.nextGaussian();
                    }
                    double s = 0;
                    for (int i = 0; i < m; i++) {
                        double r = means[i];
                        for (int j = 0; j <= i; j++) {
                            r += chol[i][j] * z[j];
                        }
                        s += exposures[i] * r;
                    }
                    pnl[p] = s;
                }
                return new VarEstimate(method, confidence, lowerTailLoss(pnl, paths, confidence),
                        lowerTailShortfall(pnl, paths, confidence), paths);
            }
            default -> throw new IllegalArgumentException("unknown method " + method);
        }
    }

    /** Number of observations in the tail: {@code max(1, ceil(n (1 - c)))}, tolerant of float noise. */
    static int tailCount(int n, double confidence) {
        int k = (int) Math.ceil(n * (1 - confidence) - 1e-9);
        return Math.max(1, Math.min(n, k));
    }

    /** {@code -r(k)} over {@code a[0..n)}; reorders {@code a}. */
    static double lowerTailLoss(double[] a, int n, double confidence) {
        return -Selection.select(a, n, tailCount(n, confidence) - 1);
    }

    /** Mean loss of the {@code k} worst of {@code a[0..n)}; reorders {@code a}. */
    static double lowerTailShortfall(double[] a, int n, double confidence) {
        int k = tailCount(n, confidence);
        Selection.select(a, n, k - 1);
        return -Selection.sum(a, k) / k;
    }

    /** {@code r(n - k + 1)}: the loss of a short position at the quantile; reorders {@code a}. */
    static double upperTailLoss(double[] a, int n, double confidence) {
        return Selection.select(a, n, n - tailCount(n, confidence));
    }

    static void simulate(SplitMix64 rng, double mean, double stdDev, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = mean + stdDev * rng.nextGaussian();
        }
    }

    static double mean(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s / n;
    }

    static double variance(double[] a, int n, double mean) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - mean;
            s += d * d;
        }
        return n > 1 ? s / (n - 1) : 0;
    }

    private static double[][] covariance(double[][] r, double[] means, int n) {
        int m = r.length;
        double[][] cov = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int t = 0; t < n; t++) {
                    s += (r[i][t] - means[i]) * (r[j][t] - means[j]);
                }
                cov[i][j] = s / (n - 1);
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    /** Lower Cholesky factor of a positive semi-definite matrix (zero pivots allowed). */
    static double[][] cholesky(double[][] a) {
        int m = a.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    double tolerance = 1e-12 * Math.max(1e-300, Math.abs(a[i][i]));
                    if (s < -tolerance) {
                        throw new IllegalArgumentException("covariance is not positive semi-definite at row " + i);
                    }
                    l[i][i] = Math.sqrt(Math.max(0, s));
                } else {
                    l[i][j] = l[j][j] > 0 ? s / l[j][j] : 0;
                }
            }
        }
        return l;
    }

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1) but was " + confidence);
        }
    }

    private static void checkSeries(double[] a, String name) {
        Checks.notNull(a, name);
        if (a.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite but was " + a[i]);
            }
        }
    }
}
