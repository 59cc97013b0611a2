package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a backtest produced.
 *
 * @param times          bar close times (epoch ms), one per bar processed
 * @param equity         equity marked at each bar's close
 * @param fills          every fill, in order
 * @param tradePnl       net PnL of each closed round trip (fees included)
 * @param decisions      every decision when kept, else empty
 * @param decisionCounts how many decisions of each kind were made (kept or not); every kind is a
 *                       key, with 0 when none
 * @param portfolio      the final account
 * @param costs          fees plus slippage paid (slippage measured against each fill bar's open)
 * @param tradedNotional sum of fill notionals
 * @param performance    trading metrics
 */
public record BacktestResult(long[] times, double[] equity, List<Fill> fills, double[] tradePnl, List<Decision> decisions,
        Map<Decision.Kind, Integer> decisionCounts, Portfolio portfolio, double costs, double tradedNotional,
        PerformanceMetrics performance) {

    /** Validates and copies the lists and counts. */
    public BacktestResult {
        Checks.notNull(times, "times");
        Checks.notNull(equity, "equity");
        fills = List.copyOf(fills);
        decisions = List.copyOf(decisions);
        EnumMap<Decision.Kind, Integer> counts = new EnumMap<>(Decision.Kind.class);
        for (Decision.Kind k : Decision.Kind.values()) {
            int n = Checks.notNull(decisionCounts, "decisionCounts").getOrDefault(k, 0);
            counts.put(k, Checks.nonNegative(n, "decisionCounts[" + k.label() + "]"));
        }
        decisionCounts = Collections.unmodifiableMap(counts);
        Checks.notNull(portfolio, "portfolio");
        Checks.notNull(performance, "performance");
    }

    /** How many decisions of {@code kind} were made. */
    public int count(Decision.Kind kind) {
        return decisionCounts.get(Checks.notNull(kind, "kind"));
    }

    /**
     * The decision counts on one line, kinds with a count in declaration order, e.g.
     * {@code "warming_up 33, hold 5210, edge_below_minimum 4102, sent 54"}; {@code "none"} when
     * there were no decisions.
     */
    public String decisionSummary() {
        StringJoiner line = new StringJoiner(", ");
        decisionCounts.forEach((kind, n) -> {
            if (n > 0) {
                line.add(kind.label() + " " + n);
            }
        });
        return line.length() == 0 ? "none" : line.toString();
    }
}
