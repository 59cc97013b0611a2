package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.Trade;
import java.time.Instant;
import java.util.Iterator;

/**
 * Aggregates trades into bars of one time frame, aligned to multiples of its length since the
 * epoch. A bar opens with its interval's first trade and is emitted when the first trade of a
 * later interval arrives (so a bar is never emitted before it has closed). Intervals without
 * trades produce no bar: they are gaps, which {@link SeriesSummary} reports. Volume is the sum of
 * amounts, so aggregation conserves volume exactly up to floating-point summation.
 *
 * <p>Streaming and allocation-free per trade (one {@link Bar} per emitted bar). Not thread-safe.
 */
public final class TradeAggregator {
    private final TimeFrame timeFrame;
    private final OhlcvBucket bucket = new OhlcvBucket();
    private long lastTime = Long.MIN_VALUE;

    /** An aggregator into bars of {@code timeFrame}. */
    public TradeAggregator(TimeFrame timeFrame) {
        this.timeFrame = Checks.notNull(timeFrame, "timeFrame");
    }

    /**
     * Adds one trade.
     *
     * @return the bar of the previous interval if this trade opened a new one, else {@code null}
     * @throws IllegalArgumentException if the trade is earlier than the previous one or invalid
     */
    public Bar onTrade(long time, double price, double amount) {
        if (time < lastTime) {
            throw new IllegalArgumentException("trade at " + Instant.ofEpochMilli(time)
                    + " is before the previous trade at " + Instant.ofEpochMilli(lastTime));
        }
        Checks.positive(price, "price");
        Checks.nonNegative(amount, "amount");
        lastTime = time;
        long start = timeFrame.alignStart(time);
        if (bucket.active && start == bucket.start) {
            bucket.add(price, price, price, amount);
            return null;
        }
        Bar done = bucket.active ? bucket.takeBar() : null;
        bucket.begin(start, price, price, price, price, amount);
        return done;
    }

    /** Adds one trade; see {@link #onTrade(long, double, double)}. */
    public Bar onTrade(Trade trade) {
        return onTrade(trade.time(), trade.price(), trade.amount());
    }

    /**
     * Emits the bar under construction, if any, at the end of the data. It may be incomplete
     * (its interval had not ended when the data did); the caller decides whether to keep it.
     */
    public Bar flush() {
        return bucket.active ? bucket.takeBar() : null;
    }

    /** Aggregates all {@code trades} into a series, including the final (possibly partial) bar. */
    public static BarSeries aggregate(Iterator<Trade> trades, TimeFrame timeFrame, String name) {
        TradeAggregator agg = new TradeAggregator(timeFrame);
        BarSeries series = new BarSeries(name, timeFrame, 1024);
        while (trades.hasNext()) {
            Bar bar = agg.onTrade(trades.next());
            if (bar != null) {
                series.append(bar);
            }
        }
        Bar last = agg.flush();
        if (last != null) {
            series.append(last);
        }
        series.trimToSize();
        return series;
    }

    /** Aggregates all {@code trades}; see {@link #aggregate(Iterator, TimeFrame, String)}. */
    public static BarSeries aggregate(Iterable<Trade> trades, TimeFrame timeFrame, String name) {
        return aggregate(trades.iterator(), timeFrame, name);
    }
}
