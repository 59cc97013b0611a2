package dev.sextant.trading.core.stats;

import dev.sextant.trading.core.Checks;

/**
 * The Diebold-Mariano test of equal predictive accuracy on a loss-difference series
 * {@code d_t = loss_A(t) - loss_B(t)}, with a HAC long-run variance and the Harvey, Leybourne and
 * Newbold (1997) small-sample correction.
 *
 * <p>The null hypothesis is {@code E[d_t] = 0}. The statistic is
 * {@code DM = d̄ / sqrt(LRV / n)}, where the long-run variance {@code LRV} is the Bartlett-kernel
 * Newey-West estimate ({@link LongRunVariance#neweyWest}) with {@link #lag(int, int)} lags: the
 * larger of {@code h - 1} (an h-step forecast's loss differences are autocorrelated up to lag
 * h - 1 under the null; overlapping h-bar labels do exactly that) and the Newey-West (1994)
 * rule-of-thumb bandwidth {@link LongRunVariance#bandwidth}. The reported statistic is the HLN
 * one, {@code DM · sqrt((n + 1 - 2h + h (h - 1) / n) / n)}, and its p-value is two-sided against
 * Student's t with {@code n - 1} degrees of freedom, which keeps the size of the test near its
 * nominal level in samples of a few hundred where the normal reference rejects too often.
 *
 * <p>A positive statistic means A's losses are higher: B predicts better. When the long-run
 * variance is 0 (every difference equal), the statistic is 0 with p-value 1 if the mean is 0,
 * and infinite with p-value 0 otherwise. Stateless and thread-safe.
 */
public final class DieboldMariano {

    private DieboldMariano() {
    }

    /**
     * The result of a test.
     *
     * @param statistic      the HLN-corrected DM statistic; positive when A's mean loss is higher
     * @param pValue         two-sided p-value against Student's t with n - 1 degrees of freedom, in [0, 1]
     * @param n              number of loss differences, at least 2
     * @param meanDifference the mean of {@code d_t}, finite
     * @param lag            the HAC bandwidth used, from 0 to n - 1
     */
    public record Result(double statistic, double pValue, int n, double meanDifference, int lag) {
        /** Validates. */
        public Result {
            if (Double.isNaN(statistic)) {
                throw new IllegalArgumentException("statistic must not be NaN");
            }
            Checks.inRange(pValue, 0, 1, "pValue");
            Checks.inRange(n, 2, Integer.MAX_VALUE, "n");
            Checks.finite(meanDifference, "meanDifference");
            Checks.inRange(lag, 0, n - 1, "lag");
        }
    }

    /**
     * The HAC bandwidth for {@code n} differences of {@code horizon}-step forecasts:
     * {@code max(horizon - 1, floor(4 (n / 100)^(2/9)))}, at most {@code n - 1}.
     *
     * @param n       number of differences, at least 2
     * @param horizon forecast horizon in steps (bars), positive
     * @throws IllegalArgumentException if {@code n < 2} or {@code horizon < 1}
     */
    public static int lag(int n, int horizon) {
        Checks.inRange(n, 2, Integer.MAX_VALUE, "n");
        Checks.positive(horizon, "horizon");
        return Math.min(n - 1, Math.max(horizon - 1, LongRunVariance.bandwidth(n)));
    }

    /**
     * Tests {@code E[d] = 0} with the bandwidth of {@link #lag(int, int)}.
     *
     * @param lossDifference {@code loss_A - loss_B} per observation, in time order, at least 2 values,
     *                       all finite
     * @param horizon        forecast horizon h in steps, from 1 to {@code n - 1}
     * @throws IllegalArgumentException if there are fewer than 2 differences, one is not finite
     *                                  (naming its index), or the horizon is out of range
     */
    public static Result test(double[] lossDifference, int horizon) {
        Checks.notNull(lossDifference, "lossDifference");
        Checks.inRange(lossDifference.length, 2, Integer.MAX_VALUE, "number of loss differences");
        return test(lossDifference, horizon, lag(lossDifference.length, horizon));
    }

    /**
     * Tests {@code E[d] = 0} with a given HAC bandwidth.
     *
     * @param lossDifference {@code loss_A - loss_B} per observation, in time order, at least 2 values,
     *                       all finite
     * @param horizon        forecast horizon h in steps (for the HLN correction), from 1 to {@code n - 1}
     * @param lag            HAC bandwidth, from 0 to {@code n - 1}
     * @throws IllegalArgumentException as {@link #test(double[], int)}, or if {@code lag} is out of range
     */
    public static Result test(double[] lossDifference, int horizon, int lag) {
        Checks.notNull(lossDifference, "lossDifference");
        int n = Checks.inRange(lossDifference.length, 2, Integer.MAX_VALUE, "number of loss differences");
        Checks.inRange(horizon, 1, n - 1, "horizon");
        double lrv = LongRunVariance.neweyWest(lossDifference, lag);
        double mean = 0;
        for (double d : lossDifference) {
            mean += d;
        }
        mean /= n;
        double statistic;
        double p;
        if (lrv > 0) {
            double dm = mean / Math.sqrt(lrv / n);
            double hln = Math.sqrt((n + 1 - 2.0 * horizon + horizon * (horizon - 1.0) / n) / n);
            statistic = dm * hln;
            p = StudentTDistribution.twoSidedPValue(statistic, n - 1);
        } else if (mean == 0) {
            statistic = 0;
            p = 1;
        } else {
            statistic = Math.copySign(Double.POSITIVE_INFINITY, mean);
            p = 0;
        }
        return new Result(statistic, p, n, mean, lag);
    }
}
