package dev.sextant.trading.engine;

import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.Trade;
import dev.sextant.trading.engine.internal.SimulatedMarket;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import dev.sextant.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event-driven backtest over bars: the {@link TradingPipeline} that trades live, on a
 * {@link SimulatedClock}, a seeded {@link PaperBroker} with the cost model, and a fresh
 * {@link RiskEngine}.
 *
 * <p>For each bar: the clock moves to the bar's close, the paper broker sees the bar (orders
 * decided at the previous close fill at this bar's open or inside its range) or, when trades are
 * given, every trade inside the bar, then the pipeline decides on the closed bar; equity is
 * marked at the close. Bars are read lazily from an
 * iterator, so nothing after the current bar is read before the decision on it is made.
 *
 * <p>Stateless; each run builds its own broker, risk engine and pipeline.
 */
public final class Backtester {
    private static final Logger LOG = LoggerFactory.getLogger(Backtester.class);

    private Backtester() {
    }

    /** Runs over a series. */
    public static BacktestResult run(BarSeries series, SignalSource signals, BacktestConfig cfg) {
        Iterator<Bar> bars = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < series.size();
            }

            @Override
            public Bar next() {
                return series.bar(i++);
            }
        };
        return run(bars, signals, cfg);
    }

    /**
     * Runs over bars read one at a time; the next bar is read only after the decision on the
     * current one is made.
     *
     * @throws IllegalArgumentException if no bar arrives
     */
    public static BacktestResult run(Iterator<Bar> bars, SignalSource signals, BacktestConfig cfg) {
        return run(bars, null, signals, cfg);
    }

    /**
     * Runs over bars with the trades inside them: the pipeline decides on each closed bar, and the
     * paper broker fills orders against the trades (price by price, with each trade's amount as
     * the volume available) instead of against the bars' open and range. Trades must be in time
     * order; trades before the first bar are skipped, trades after the last bar are not read.
     *
     * @throws IllegalArgumentException if no bar arrives
     */
    public static BacktestResult run(BarSeries bars, List<Trade> trades, SignalSource signals, BacktestConfig cfg) {
        Checks.notNull(trades, "trades");
        Iterator<Bar> it = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < bars.size();
            }

            @Override
            public Bar next() {
                return bars.bar(i++);
            }
        };
        return run(it, new TradeCursor(trades), signals, cfg);
    }

    /** Trades in time order, handed out bar by bar. */
    private static final class TradeCursor {
        final List<Trade> trades;

        TradeCursor(List<Trade> trades) {
            this.trades = trades;
        }
    }

    private static BacktestResult run(Iterator<Bar> bars, TradeCursor tradeCursor, SignalSource signals,
            BacktestConfig cfg) {
        Checks.notNull(bars, "bars");
        Checks.notNull(signals, "signals");
        Checks.notNull(cfg, "cfg");
        if (!bars.hasNext()) {
            throw new IllegalArgumentException("a backtest needs bars");
        }
        Bar first = bars.next();
        SimulatedMarket market = new SimulatedMarket(cfg, first, signals, true);
        long[] times = new long[1024];
        double[] equity = new double[1024];
        List<Decision> decisions = new ArrayList<>();
        int[] counts = new int[Decision.Kind.values().length];
        int n = 0;
        int nextTrade = 0;
        Bar bar = first;
        while (bar != null) {
            if (tradeCursor == null) {
                market.arrive(bar);
            } else {
                nextTrade = market.arrive(bar, tradeCursor.trades, nextTrade);
            }
            Decision d = market.decide(bar);
            counts[d.kind().ordinal()]++;
            if (cfg.keepDecisions()) {
                decisions.add(d);
            }
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                equity = Arrays.copyOf(equity, n * 2);
            }
            times[n] = bar.time() + cfg.timeFrame().millis();
            // The paper broker marks its portfolio at each bar's close.
            equity[n] = market.equity();
            n++;
            bar = bars.hasNext() ? bars.next() : null;
        }
        times = Arrays.copyOf(times, n);
        equity = Arrays.copyOf(equity, n);
        double notional = market.notional();
        double costs = market.fees() + market.slippage();
        PerformanceMetrics performance = PerformanceMetrics.of(withStart(equity, cfg.initialCash()), market.trips().closedTrips(),
                notional, costs, cfg.periodsPerYear(), cfg.trials(), Double.NaN);
        Map<Decision.Kind, Integer> decisionCounts = new EnumMap<>(Decision.Kind.class);
        for (Decision.Kind k : Decision.Kind.values()) {
            decisionCounts.put(k, counts[k.ordinal()]);
        }
        warnWhenEdgeHeldEverything(decisionCounts, cfg);
        return new BacktestResult(times, equity, market.fills(), market.trips().closedTrips(), decisions, decisionCounts,
                market.portfolio().mark(cfg.instrument(), market.current().close()), costs, notional, performance);
    }

    /** Says why nothing traded when the minimum edge held back every signal that could have. */
    private static void warnWhenEdgeHeldEverything(Map<Decision.Kind, Integer> counts, BacktestConfig cfg) {
        int held = counts.get(Decision.Kind.EDGE_BELOW_MINIMUM);
        if (held > 0 && counts.get(Decision.Kind.SENT) + counts.get(Decision.Kind.RESIZED) == 0) {
            LOG.warn("no order was sent: {} signals had an expected edge after costs below the minimum of {} bps"
                    + " (SizingPolicy.minEdgeBps); on short bars lower it to trade", held, cfg.sizing().minEdgeBps());
        }
    }

    private static double[] withStart(double[] equity, double initial) {
        double[] out = new double[equity.length + 1];
        out[0] = initial;
        System.arraycopy(equity, 0, out, 1, equity.length);
        return out;
    }
}
