package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import java.util.List;

/**
 * What a backtest produced.
 *
 * @param times       bar close times (epoch ms), one per bar processed
 * @param equity      equity marked at each bar's close
 * @param fills       every fill, in order
 * @param tradePnl    net PnL of each closed round trip (fees included)
 * @param decisions   every decision when kept, else empty
 * @param portfolio   the final account
 * @param costs       fees plus slippage paid (slippage measured against each fill bar's open)
 * @param tradedNotional sum of fill notionals
 * @param performance trading metrics
 */
public record BacktestResult(long[] times, double[] equity, List<Fill> fills, double[] tradePnl, List<Decision> decisions,
        Portfolio portfolio, double costs, double tradedNotional, PerformanceMetrics performance) {

    /** Validates and copies the lists. */
    public BacktestResult {
        Checks.notNull(times, "times");
        Checks.notNull(equity, "equity");
        fills = List.copyOf(fills);
        decisions = List.copyOf(decisions);
        Checks.notNull(portfolio, "portfolio");
        Checks.notNull(performance, "performance");
    }
}
