package dev.sextant.trading.report.internal;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.stats.RollingMoments;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a tear sheet computes from a report folder's series: pure functions, no I/O. */
public final class Analytics {
    /** Days in a year, as the engine annualises. */
    public static final double DAYS_PER_YEAR = 365.25;
    /** Fewer return observations than this make annualised figures meaningless whatever the span. */
    public static final int MIN_RETURNS = 30;

    private Analytics() {
    }

    /** Drawdown at each point: equity over its running peak, minus 1 (0 at a new peak, negative below it). */
    public static double[] drawdown(double[] equity) {
        double[] dd = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            dd[i] = equity[i] / peak - 1;
        }
        return dd;
    }

    /**
     * One spell below a previous peak.
     *
     * @param start     time of the peak it fell from (epoch ms)
     * @param trough    time of its lowest point
     * @param end       time equity first regained the peak, or -1 if it has not
     * @param depth     drawdown at the trough, negative
     * @param bars      points from the peak to the recovery (or the end of the data)
     */
    public record Underwater(long start, long trough, long end, double depth, int bars) {
    }

    /** Every spell below a peak, deepest first. */
    public static List<Underwater> underwater(long[] times, double[] equity) {
        double[] dd = drawdown(equity);
        List<Underwater> out = new ArrayList<>();
        int i = 0;
        while (i < dd.length) {
            if (dd[i] < 0) {
                int start = Math.max(0, i - 1);
                int trough = i;
                int j = i;
                while (j < dd.length && dd[j] < 0) {
                    if (dd[j] < dd[trough]) {
                        trough = j;
                    }
                    j++;
                }
                boolean recovered = j < dd.length;
                out.add(new Underwater(times[start], times[trough], recovered ? times[j] : -1, dd[trough],
                        (recovered ? j : dd.length - 1) - start));
                i = j;
            } else {
                i++;
            }
        }
        out.sort(Comparator.comparingDouble(Underwater::depth));
        return out;
    }

    /** Simple returns between consecutive points. */
    public static double[] returns(double[] equity) {
        double[] r = new double[Math.max(0, equity.length - 1)];
        for (int i = 0; i < r.length; i++) {
            r[i] = equity[i + 1] / equity[i] - 1;
        }
        return r;
    }

    /**
     * The rolling-Sharpe window: a quarter of a year of bars for daily or longer bars, one day of
     * bars for intraday ones, at least 20 and at most a quarter of the returns (so that the line
     * has a shape).
     */
    public static int rollingWindow(int returns, double periodsPerYear) {
        double perDay = periodsPerYear / DAYS_PER_YEAR;
        int w = perDay > 1.5 ? (int) Math.round(perDay) : (int) Math.round(periodsPerYear / 4);
        return Math.max(20, Math.min(w, returns / 4));
    }

    /**
     * Annualised Sharpe ratio of the last {@code window} returns at each point, NaN until the
     * window is full or when the returns do not vary (the engine's definition: mean over sample
     * standard deviation, times the square root of periods per year, risk-free rate 0).
     */
    public static double[] rollingSharpe(double[] returns, int window, double periodsPerYear) {
        RollingMoments m = new RollingMoments(window);
        double[] out = new double[returns.length];
        double scale = Math.sqrt(periodsPerYear);
        for (int i = 0; i < returns.length; i++) {
            m.add(returns[i]);
            double sd = m.sampleStdDev();
            out[i] = m.isFull() && sd > 0 ? m.mean() / sd * scale : Double.NaN;
        }
        return out;
    }

    /** Span of the data in days. */
    public static double spanDays(long[] times) {
        return times.length < 2 ? 0 : (times[times.length - 1] - times[0]) / (double) TimeFrame.MILLIS_PER_DAY;
    }

    /** Whether annualised figures mean little: under a year of data, or under {@value #MIN_RETURNS} returns. */
    public static boolean tooShortToAnnualise(long[] times) {
        return spanDays(times) < DAYS_PER_YEAR || times.length - 1 < MIN_RETURNS;
    }

    /** Periods per year from the median spacing of the times, as the engine counts them (around the clock). */
    public static double inferPeriodsPerYear(long[] times) {
        if (times.length < 2) {
            return Double.NaN;
        }
        long[] gaps = new long[times.length - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = times[i + 1] - times[i];
        }
        Arrays.sort(gaps);
        long median = gaps[gaps.length / 2];
        return median > 0 ? BacktestConfig.periodsPerYear(TimeFrame.ofMillis(median)) : Double.NaN;
    }

    /**
     * Compounded returns in calendar buckets.
     *
     * @param title what a cell is, e.g. "monthly return"
     * @param rows  row labels, oldest first
     * @param cols  column labels
     * @param cells each {@code {column, row, return}}
     */
    public record Heatmap(String title, List<String> rows, List<String> cols, List<double[]> cells) {
    }

    /**
     * Returns per calendar month (rows years, columns months) when the data spans three months or
     * more; per hour of each day (rows days, columns hours, UTC) for shorter intraday data; per
     * day (rows ISO weeks, columns weekdays) otherwise. A bucket's return compounds from the last
     * value of the bucket before it.
     */
    public static Heatmap returnsHeatmap(long[] times, double[] equity) {
        if (times.length < 2) {
            return new Heatmap("return", List.of(), List.of(), List.of());
        }
        LocalDateTime first = LocalDateTime.ofInstant(Instant.ofEpochMilli(times[0]), ZoneOffset.UTC);
        LocalDateTime last = LocalDateTime.ofInstant(Instant.ofEpochMilli(times[times.length - 1]), ZoneOffset.UTC);
        long months = (last.getYear() - first.getYear()) * 12L + last.getMonthValue() - first.getMonthValue() + 1;
        double ppy = inferPeriodsPerYear(times);
        boolean intraday = ppy > DAYS_PER_YEAR * 1.5;
        String title;
        List<String> cols = new ArrayList<>();
        java.util.function.Function<LocalDateTime, String> row;
        java.util.function.ToIntFunction<LocalDateTime> col;
        if (months >= 3) {
            title = "monthly return";
            for (String m : List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")) {
                cols.add(m);
            }
            row = t -> Integer.toString(t.getYear());
            col = t -> t.getMonthValue() - 1;
        } else if (intraday) {
            title = "hourly return (UTC)";
            for (int h = 0; h < 24; h++) {
                cols.add(String.format(Locale.ROOT, "%02d", h));
            }
            row = t -> t.toLocalDate().toString();
            col = LocalDateTime::getHour;
        } else {
            title = "daily return";
            cols.addAll(List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"));
            row = t -> String.format(Locale.ROOT, "%d-W%02d", t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            col = t -> t.getDayOfWeek().getValue() - 1;
        }
        Map<String, Integer> rowIndex = new LinkedHashMap<>();
        List<double[]> cells = new ArrayList<>();
        double base = equity[0];
        String bucketRow = null;
        int bucketCol = -1;
        double bucketLast = equity[0];
        for (int i = 1; i < times.length; i++) {
            LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(times[i]), ZoneOffset.UTC);
            String r = row.apply(t);
            int c = col.applyAsInt(t);
            if (bucketRow != null && (!r.equals(bucketRow) || c != bucketCol)) {
                cells.add(new double[] {bucketCol, rowIndex.get(bucketRow), bucketLast / base - 1});
                base = bucketLast;
            }
            rowIndex.putIfAbsent(r, rowIndex.size());
            bucketRow = r;
            bucketCol = c;
            bucketLast = equity[i];
        }
        cells.add(new double[] {bucketCol, rowIndex.get(bucketRow), bucketLast / base - 1});
        return new Heatmap(title, List.copyOf(rowIndex.keySet()), cols, cells);
    }

    /**
     * A reliability diagram: rows binned by top-label confidence into
     * {@value ClassificationMetrics#ECE_BINS} equal-width bins on [0, 1], as the expected
     * calibration error bins them.
     *
     * @param confidence mean confidence per bin (NaN when empty)
     * @param accuracy   share of rows whose top label was right, per bin (NaN when empty)
     * @param count      rows per bin
     */
    public record Reliability(double[] confidence, double[] accuracy, int[] count) {
        /** The expected calibration error: sum over bins of (rows / all rows) |accuracy - confidence|. */
        public double ece() {
            int n = Arrays.stream(count).sum();
            double e = 0;
            for (int b = 0; b < count.length; b++) {
                if (count[b] > 0) {
                    e += count[b] / (double) n * Math.abs(accuracy[b] - confidence[b]);
                }
            }
            return e;
        }
    }

    /** Reliability of labelled rows ({@code labels[i] >= 0}); probabilities are SELL, HOLD, BUY per row. */
    public static Reliability reliability(double[] probabilities, int[] labels) {
        int bins = ClassificationMetrics.ECE_BINS;
        double[] conf = new double[bins];
        double[] correct = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                continue;
            }
            int k = argmax(probabilities, 3 * i);
            double c = probabilities[3 * i + k];
            int b = Math.min(bins - 1, (int) (c * bins));
            count[b]++;
            conf[b] += c;
            if (k == labels[i]) {
                correct[b]++;
            }
        }
        for (int b = 0; b < bins; b++) {
            conf[b] = count[b] == 0 ? Double.NaN : conf[b] / count[b];
            correct[b] = count[b] == 0 ? Double.NaN : correct[b] / count[b];
        }
        return new Reliability(conf, correct, count);
    }

    /** {@code [true class][predicted class]} counts of labelled rows. */
    public static int[][] confusion(double[] probabilities, int[] labels) {
        int[][] m = new int[3][3];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                m[labels[i]][argmax(probabilities, 3 * i)]++;
            }
        }
        return m;
    }

    /** The predicted class, ties to HOLD then to the lower index (as ClassificationMetrics decides). */
    static int argmax(double[] p, int offset) {
        double s = p[offset];
        double h = p[offset + 1];
        double b = p[offset + 2];
        if (h >= s && h >= b) {
            return 1;
        }
        return s >= b ? 0 : 2;
    }

    /**
     * Indices to plot when a series has more than {@code max} points: the first, the last, and
     * per bucket the lowest and highest point (so that no trough or peak is lost).
     */
    public static int[] thin(double[] values, int max) {
        int n = values.length;
        if (n <= max) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int buckets = Math.max(1, max / 2 - 1);
        List<Integer> keep = new ArrayList<>();
        keep.add(0);
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) b * (n - 2) / buckets);
            int to = 1 + (int) ((long) (b + 1) * (n - 2) / buckets);
            if (from >= to) {
                continue;
            }
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (values[i] < values[lo]) {
                    lo = i;
                }
                if (values[i] > values[hi]) {
                    hi = i;
                }
            }
            keep.add(Math.min(lo, hi));
            if (lo != hi) {
                keep.add(Math.max(lo, hi));
            }
        }
        keep.add(n - 1);
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }
}
