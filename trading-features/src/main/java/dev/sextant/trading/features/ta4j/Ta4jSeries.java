package dev.sextant.trading.features.ta4j;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import java.time.Duration;
import java.time.Instant;
import org.ta4j.core.Bar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.NumFactory;

/**
 * Converts bar series between Ta4j and Sextant. Sextant bar times are open times; Ta4j bars carry
 * a begin and an end time, and Sextant takes the begin time. Stateless and thread-safe.
 */
public final class Ta4jSeries {
    private Ta4jSeries() {
    }

    /**
     * A Ta4j series holding the bars of {@code series} with numbers from {@code numFactory}
     * (e.g. {@code DoubleNumFactory.getInstance()} or {@code DecimalNumFactory.getInstance()}).
     * Each bar lasts the series' time frame; when the series has none, the time to the next bar
     * (the last bar repeats the previous gap, a single bar lasts one day).
     */
    public static org.ta4j.core.BarSeries toTa4j(BarSeries series, NumFactory numFactory) {
        Checks.notNull(series, "series");
        Checks.notNull(numFactory, "numFactory");
        org.ta4j.core.BarSeries out = new BaseBarSeriesBuilder().withName(series.name()).withNumFactory(numFactory).build();
        int n = series.size();
        for (int i = 0; i < n; i++) {
            Duration period = period(series, i);
            Instant begin = Instant.ofEpochMilli(series.time(i));
            out.barBuilder()
                    .timePeriod(period)
                    .beginTime(begin)
                    .endTime(begin.plus(period))
                    .openPrice(numFactory.numOf(series.open(i)))
                    .highPrice(numFactory.numOf(series.high(i)))
                    .lowPrice(numFactory.numOf(series.low(i)))
                    .closePrice(numFactory.numOf(series.close(i)))
                    .volume(numFactory.numOf(series.volume(i)))
                    .add();
        }
        return out;
    }

    private static Duration period(BarSeries series, int i) {
        if (series.timeFrame() != null) {
            return series.timeFrame().duration();
        }
        int n = series.size();
        if (n == 1) {
            return Duration.ofDays(1);
        }
        return i + 1 < n ? Duration.ofMillis(series.time(i + 1) - series.time(i))
                : Duration.ofMillis(series.time(i) - series.time(i - 1));
    }

    /**
     * A Sextant series holding the bars of a Ta4j series from its begin to its end index, named
     * like it, with the time frame of its first bar's period.
     *
     * @throws IllegalArgumentException naming the bar if a bar is invalid for Sextant (for
     *                                  instance a non-positive price, a NaN value, high below
     *                                  low) or times do not increase
     */
    public static BarSeries fromTa4j(org.ta4j.core.BarSeries series) {
        Checks.notNull(series, "series");
        TimeFrame tf = null;
        if (!series.isEmpty()) {
            Duration d = series.getFirstBar().getTimePeriod();
            if (d != null && !d.isZero() && !d.isNegative() && d.toNanos() % 1_000_000 == 0) {
                tf = TimeFrame.of(d);
            }
        }
        String name = series.getName() == null || series.getName().isBlank() ? "ta4j" : series.getName();
        BarSeries out = new BarSeries(name, tf, Math.max(0, series.getBarCount()));
        if (series.isEmpty()) {
            return out;
        }
        for (int i = series.getBeginIndex(); i <= series.getEndIndex(); i++) {
            Bar b = series.getBar(i);
            Instant begin = b.getBeginTime() != null ? b.getBeginTime() : b.getEndTime().minus(b.getTimePeriod());
            try {
                out.append(begin.toEpochMilli(), b.getOpenPrice().doubleValue(), b.getHighPrice().doubleValue(),
                        b.getLowPrice().doubleValue(), b.getClosePrice().doubleValue(),
                        b.getVolume() == null ? 0.0 : b.getVolume().doubleValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Ta4j series " + name + ", bar " + i + ": " + e.getMessage(), e);
            }
        }
        out.trimToSize();
        return out;
    }
}
