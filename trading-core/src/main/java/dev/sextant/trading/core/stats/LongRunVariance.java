package dev.sextant.trading.core.stats;

import dev.sextant.trading.core.Checks;

/**
 * The long-run variance of a stationary, possibly autocorrelated series: the variance that
 * {@code n} times the variance of its sample mean tends to, estimated by Newey and West's
 * heteroskedasticity- and autocorrelation-consistent (HAC) estimator with the Bartlett kernel.
 *
 * <p>{@code LRV = γ₀ + 2 Σ_{k=1..L} (1 - k / (L + 1)) γ_k}, where {@code γ_k} is the sample
 * autocovariance at lag k with divisor n (not n - k) and L the bandwidth (lag truncation). The
 * Bartlett weights make the estimate non-negative for every series. The default bandwidth is Newey
 * and West's (1994) rule of thumb {@code floor(4 (n / 100)^(2/9))}: 3 lags at 40 observations,
 * 4 at 100, 6 at 1,000, 11 at 10,000. Stateless and thread-safe.
 */
public final class LongRunVariance {

    private LongRunVariance() {
    }

    /**
     * The Newey-West (1994) rule-of-thumb bandwidth for {@code n} observations,
     * {@code floor(4 (n / 100)^(2/9))}, at most {@code n - 1}.
     *
     * @param n observations, positive
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public static int bandwidth(int n) {
        Checks.positive(n, "n");
        int lag = (int) Math.floor(4 * Math.pow(n / 100.0, 2.0 / 9.0));
        return Math.min(lag, n - 1);
    }

    /**
     * The Bartlett-kernel Newey-West long-run variance of {@code x} with {@code lag} lags.
     *
     * @param x   the series, at least one value, all finite
     * @param lag the bandwidth L, from 0 (the plain variance with divisor n) to {@code x.length - 1}
     * @return the estimate, non-negative
     * @throws IllegalArgumentException if {@code x} is empty or holds a non-finite value (naming its
     *                                  index), or {@code lag} is out of range
     */
    public static double neweyWest(double[] x, int lag) {
        Checks.notNull(x, "x");
        int n = x.length;
        Checks.positive(n, "number of values");
        Checks.inRange(lag, 0, n - 1, "lag");
        double mean = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("value " + i + " must be finite but was " + x[i]);
            }
            mean += x[i];
        }
        mean /= n;
        double lrv = autocovariance(x, mean, 0);
        for (int k = 1; k <= lag; k++) {
            lrv += 2 * (1 - k / (lag + 1.0)) * autocovariance(x, mean, k);
        }
        // The Bartlett estimate is a non-negative quadratic form; rounding may leave -ulps.
        return Math.max(0, lrv);
    }

    /** γ_k with divisor n. */
    private static double autocovariance(double[] x, double mean, int k) {
        double s = 0;
        for (int i = k; i < x.length; i++) {
            s += (x[i] - mean) * (x[i - k] - mean);
        }
        return s / x.length;
    }
}
