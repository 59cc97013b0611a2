package dev.sextant.trading.engine.report;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.stats.NormalDistribution;

/**
 * Trading performance of a backtest, computed from its per-bar equity curve and its closed trades.
 *
 * <p>Ratios are annualised with {@code periodsPerYear} (e.g. 525,600 for 1-minute bars traded
 * around the clock, 252 for daily equity bars). The probabilistic Sharpe ratio (PSR, Bailey and
 * López de Prado 2012) is the probability that the true per-period Sharpe ratio exceeds 0 given
 * the sample's length, skewness and kurtosis; the deflated Sharpe ratio (DSR, 2014) is the PSR
 * against the Sharpe ratio expected from the best of {@code trials} unskilled configurations, so
 * it falls as more configurations are tried.
 *
 * @param sharpe        annualised Sharpe ratio of per-bar returns (risk-free rate 0)
 * @param sortino       annualised Sortino ratio (downside deviation below 0)
 * @param calmar        annualised return divided by maximum drawdown (0 when there is no drawdown)
 * @param maxDrawdown   largest peak-to-trough fall of equity, as a fraction of the peak
 * @param totalReturn   final equity / initial equity - 1
 * @param winRate       share of closed trades with positive PnL (NaN with no trades)
 * @param profitFactor  gross profit / gross loss of closed trades (infinite with no losses, NaN with no trades)
 * @param turnover      traded notional / average equity
 * @param costs         total transaction costs paid
 * @param trades        number of closed trades
 * @param psr           probabilistic Sharpe ratio against 0, in [0, 1]
 * @param dsr           deflated Sharpe ratio, in [0, 1]
 */
public record PerformanceMetrics(double sharpe, double sortino, double calmar, double maxDrawdown, double totalReturn,
        double winRate, double profitFactor, double turnover, double costs, int trades, double psr, double dsr) {

    /**
     * Computes the metrics.
     *
     * @param equity          equity after each bar, at least two values, all positive
     * @param tradePnl        net PnL of each closed trade
     * @param tradedNotional  total notional traded
     * @param costs           total costs paid
     * @param periodsPerYear  bars per year for annualisation, positive
     * @param trials          configurations tried to get this result (for the DSR), at least 1
     * @param trialSharpeVariance variance of the per-period Sharpe ratios across those trials;
     *                        when unknown pass NaN and the variance of the Sharpe estimator,
     *                        (1 + SR²/2) / (n - 1), is used
     */
    public static PerformanceMetrics of(double[] equity, double[] tradePnl, double tradedNotional, double costs,
            double periodsPerYear, int trials, double trialSharpeVariance) {
        Checks.notNull(equity, "equity");
        if (equity.length < 2) {
            throw new IllegalArgumentException("equity must have at least 2 values but had " + equity.length);
        }
        Checks.positive(periodsPerYear, "periodsPerYear");
        Checks.positive(trials, "trials");
        int n = equity.length - 1;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            Checks.positive(equity[i], "equity[" + i + "]");
            r[i] = equity[i + 1] / equity[i] - 1;
        }
        Checks.positive(equity[n], "equity[" + n + "]");
        Moments mo = Moments.of(r);
        double mean = mo.mean();
        double down = 0;
        for (double x : r) {
            if (x < 0) {
                down += x * x;
            }
        }
        double srPeriod = mo.sharpe();
        double sqrtYear = Math.sqrt(periodsPerYear);
        double sharpe = srPeriod * sqrtYear;
        double downside = Math.sqrt(down / n);
        double sortino = downside > 0 ? mean / downside * sqrtYear : 0;

        double peak = equity[0];
        double mdd = 0;
        double sumEquity = 0;
        for (double e : equity) {
            peak = Math.max(peak, e);
            mdd = Math.max(mdd, (peak - e) / peak);
            sumEquity += e;
        }
        double totalReturn = equity[n] / equity[0] - 1;
        double years = n / periodsPerYear;
        double annualReturn = Math.pow(equity[n] / equity[0], 1 / years) - 1;
        double calmar = mdd > 0 ? annualReturn / mdd : 0;

        int wins = 0;
        double grossProfit = 0;
        double grossLoss = 0;
        for (double pnl : tradePnl) {
            if (pnl > 0) {
                wins++;
                grossProfit += pnl;
            } else {
                grossLoss -= pnl;
            }
        }
        int trades = tradePnl.length;
        double winRate = trades == 0 ? Double.NaN : wins / (double) trades;
        double profitFactor = trades == 0 ? Double.NaN : grossLoss == 0 ? Double.POSITIVE_INFINITY : grossProfit / grossLoss;
        double turnover = tradedNotional / (sumEquity / equity.length);

        double psr = probabilisticSharpe(srPeriod, 0, n, mo.skew(), mo.kurtosis());
        double srVar = Double.isNaN(trialSharpeVariance) ? (1 + srPeriod * srPeriod / 2) / Math.max(1, n - 1)
                : trialSharpeVariance;
        double dsr = probabilisticSharpe(srPeriod, expectedMaxSharpe(trials, srVar), n, mo.skew(), mo.kurtosis());
        return new PerformanceMetrics(sharpe, sortino, calmar, mdd, totalReturn, winRate, profitFactor, turnover, costs,
                trades, psr, dsr);
    }

    /**
     * The PSR against 0 of a series of per-period returns (or of return differences between two
     * strategies): {@link #probabilisticSharpe(double, double, int, double, double)} with the
     * series' own Sharpe ratio, skewness and kurtosis, as {@link #of} computes them.
     *
     * @param returns per-period returns, all finite
     * @return the PSR in [0, 1]; 0.5 for a series with no variance; NaN with fewer than 2 returns
     * @throws IllegalArgumentException if a return is not finite, naming its index
     */
    public static double probabilisticSharpe(double[] returns) {
        Checks.notNull(returns, "returns");
        for (int i = 0; i < returns.length; i++) {
            if (!Double.isFinite(returns[i])) {
                throw new IllegalArgumentException("return " + i + " must be finite but was " + returns[i]);
            }
        }
        if (returns.length < 2) {
            return Double.NaN;
        }
        Moments mo = Moments.of(returns);
        return probabilisticSharpe(mo.sharpe(), 0, returns.length, mo.skew(), mo.kurtosis());
    }

    /**
     * Mean, per-period Sharpe ratio (sample standard deviation; 0 without variance), skewness and
     * non-excess kurtosis (population moments; 0 and 3 without variance) of a return series.
     */
    private record Moments(double mean, double sharpe, double skew, double kurtosis) {
        static Moments of(double[] r) {
            int n = r.length;
            double mean = 0;
            for (double x : r) {
                mean += x;
            }
            mean /= n;
            double m2 = 0;
            double m3 = 0;
            double m4 = 0;
            for (double x : r) {
                double d = x - mean;
                m2 += d * d;
                m3 += d * d * d;
                m4 += d * d * d * d;
            }
            double var = n > 1 ? m2 / (n - 1) : 0;
            double sd = Math.sqrt(var);
            double skew = 0;
            double kurt = 3;
            if (m2 > 0) {
                double pm2 = m2 / n;
                skew = (m3 / n) / Math.pow(pm2, 1.5);
                kurt = (m4 / n) / (pm2 * pm2);
            }
            return new Moments(mean, sd > 0 ? mean / sd : 0, skew, kurt);
        }
    }

    /**
     * PSR: Φ((SR - SR*) √(n - 1) / √(1 - γ₃ SR + (γ₄ - 1)/4 SR²)) with per-period Sharpe ratios,
     * skewness γ₃ and (non-excess) kurtosis γ₄ of the n returns.
     */
    public static double probabilisticSharpe(double sr, double benchmark, int n, double skew, double kurtosis) {
        if (n < 2) {
            return Double.NaN;
        }
        double denom = 1 - skew * sr + (kurtosis - 1) / 4 * sr * sr;
        if (!(denom > 0)) {
            return Double.NaN;
        }
        return NormalDistribution.cdf((sr - benchmark) * Math.sqrt(n - 1) / Math.sqrt(denom));
    }

    /**
     * The Sharpe ratio expected from the best of {@code trials} unskilled strategies:
     * √V · ((1 - γ) Φ⁻¹(1 - 1/N) + γ Φ⁻¹(1 - 1/(N e))), γ the Euler-Mascheroni constant; 0 for N = 1.
     */
    public static double expectedMaxSharpe(int trials, double sharpeVariance) {
        if (trials <= 1) {
            return 0;
        }
        double gamma = 0.5772156649015329;
        return Math.sqrt(sharpeVariance) * ((1 - gamma) * NormalDistribution.quantile(1 - 1.0 / trials)
                + gamma * NormalDistribution.quantile(1 - 1.0 / (trials * Math.E)));
    }
}
