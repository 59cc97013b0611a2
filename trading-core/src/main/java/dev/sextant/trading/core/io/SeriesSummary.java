package dev.sextant.trading.core.io;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code sextant data inspect} reports about a series: size, time range, detected time
 * frame, gaps (reported, never errors) and price and volume ranges.
 *
 * @param name       series name
 * @param bars       number of bars
 * @param first      open time of the first bar, or null if empty
 * @param last       open time of the last bar, or null if empty
 * @param timeFrame  detected time frame (the most common spacing), or null with fewer than 2 bars
 * @param gaps       every gap longer than one time frame, in time order
 * @param lowestLow  lowest low price
 * @param highestHigh highest high price
 * @param firstClose first close
 * @param lastClose  last close
 * @param minVolume  smallest bar volume
 * @param maxVolume  largest bar volume
 * @param totalVolume sum of volumes
 */
public record SeriesSummary(String name, int bars, Instant first, Instant last, TimeFrame timeFrame,
        List<Gap> gaps, double lowestLow, double highestHigh, double firstClose, double lastClose,
        double minVolume, double maxVolume, double totalVolume) {

    /** Copies the gap list. */
    public SeriesSummary {
        gaps = List.copyOf(gaps);
    }

    /** Summarises {@code series}. */
    public static SeriesSummary of(BarSeries series) {
        Checks.notNull(series, "series");
        int n = series.size();
        TimeFrame tf = series.timeFrame() != null ? series.timeFrame() : detectTimeFrame(series);
        List<Gap> gaps = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double vMin = Double.POSITIVE_INFINITY;
        double vMax = Double.NEGATIVE_INFINITY;
        double vSum = 0;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, series.low(i));
            hi = Math.max(hi, series.high(i));
            vMin = Math.min(vMin, series.volume(i));
            vMax = Math.max(vMax, series.volume(i));
            vSum += series.volume(i);
            if (i > 0 && tf != null) {
                long delta = series.time(i) - series.time(i - 1);
                if (delta > tf.millis()) {
                    gaps.add(new Gap(Instant.ofEpochMilli(series.time(i - 1)), Instant.ofEpochMilli(series.time(i)),
                            delta / tf.millis() - 1 + (delta % tf.millis() == 0 ? 0 : 1)));
                }
            }
        }
        return new SeriesSummary(series.name(), n,
                n == 0 ? null : Instant.ofEpochMilli(series.time(0)),
                n == 0 ? null : Instant.ofEpochMilli(series.time(n - 1)), tf, gaps,
                n == 0 ? Double.NaN : lo, n == 0 ? Double.NaN : hi,
                n == 0 ? Double.NaN : series.close(0), n == 0 ? Double.NaN : series.close(n - 1),
                n == 0 ? Double.NaN : vMin, n == 0 ? Double.NaN : vMax, vSum);
    }

    /**
     * The most common spacing between consecutive bars (the smallest one on a tie), or
     * {@code null} with fewer than two bars or when that spacing is not a valid time frame
     * (longer than {@link TimeFrame#MAX_MILLIS}, or not positive in an unsorted series).
     */
    public static TimeFrame detectTimeFrame(BarSeries series) {
        if (series.size() < 2) {
            return null;
        }
        // Counted run by run: a regular series is one run, so reading a million bars costs one
        // map update instead of a million boxed ones (the counts are the same).
        Map<Long, Integer> counts = new HashMap<>();
        long step = series.time(1) - series.time(0);
        int run = 0;
        for (int i = 1; i < series.size(); i++) {
            long d = series.time(i) - series.time(i - 1);
            if (d != step) {
                counts.merge(step, run, Integer::sum);
                step = d;
                run = 0;
            }
            run++;
        }
        counts.merge(step, run, Integer::sum);
        long best = 0;
        int bestCount = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best > 0 && best <= TimeFrame.MAX_MILLIS ? TimeFrame.ofMillis(best) : null;
    }

    /** Total number of missing bars over all gaps. */
    public long missingBars() {
        long sum = 0;
        for (Gap g : gaps) {
            sum += g.missingBars();
        }
        return sum;
    }

    /** A multi-line human-readable report. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("series:      ").append(name).append('\n');
        sb.append("bars:        ").append(bars).append('\n');
        sb.append("first:       ").append(first).append('\n');
        sb.append("last:        ").append(last).append('\n');
        sb.append("time frame:  ").append(timeFrame == null ? "unknown" : timeFrame.label()).append('\n');
        sb.append("gaps:        ").append(gaps.size()).append(" (").append(missingBars()).append(" missing bars");
        if (!gaps.isEmpty()) {
            Gap largest = gaps.get(0);
            for (Gap g : gaps) {
                if (g.missingBars() > largest.missingBars()) {
                    largest = g;
                }
            }
            sb.append("; largest ").append(largest.missingBars()).append(" after ").append(largest.after());
        }
        sb.append(")\n");
        sb.append(String.format(java.util.Locale.ROOT, "price:       low %.6g .. high %.6g; close %.6g -> %.6g%n",
                lowestLow, highestHigh, firstClose, lastClose));
        sb.append(String.format(java.util.Locale.ROOT, "volume:      min %.6g .. max %.6g; total %.6g%n",
                minVolume, maxVolume, totalVolume));
        return sb.toString();
    }
}
