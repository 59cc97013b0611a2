package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import java.util.EnumMap;

/**
 * A bar series as primitive columns, the input of batch indicator computations: one pass copies
 * the series, then every indicator reads plain arrays. Derived columns (typical and median price)
 * are computed once on first use and cached.
 *
 * <p>The arrays are shared, not copied, by {@link #of(long[], double[], double[], double[],
 * double[], double[], int)} and by the accessors: do not modify them while computing. Not
 * thread-safe (the derived-column cache is filled lazily).
 */
public final class BarColumns {
    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final int size;
    private final EnumMap<Source, double[]> derived = new EnumMap<>(Source.class);

    private BarColumns(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume, int size) {
        this.time = time;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.size = size;
    }

    /** Copies the columns of {@code series} (validated bars, strictly increasing times). */
    public static BarColumns of(BarSeries series) {
        Checks.notNull(series, "series");
        int n = series.size();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = series.time(i);
            o[i] = series.open(i);
            h[i] = series.high(i);
            l[i] = series.low(i);
            c[i] = series.close(i);
            v[i] = series.volume(i);
        }
        return new BarColumns(t, o, h, l, c, v, n);
    }

    /**
     * Wraps existing arrays without copying; the first {@code size} entries are used. The values
     * are trusted to be valid bars (finite positive prices, low &lt;= open, close &lt;= high,
     * non-negative volume, increasing times).
     *
     * @throws IllegalArgumentException if an array is shorter than {@code size}
     */
    public static BarColumns of(long[] time, double[] open, double[] high, double[] low, double[] close,
                                double[] volume, int size) {
        Checks.nonNegative(size, "size");
        if (time.length < size || open.length < size || high.length < size || low.length < size
                || close.length < size || volume.length < size) {
            throw new IllegalArgumentException("every column must hold at least size=" + size + " values");
        }
        return new BarColumns(time, open, high, low, close, volume, size);
    }

    /** The number of bars. */
    public int size() {
        return size;
    }

    /** Open times, epoch milliseconds UTC. */
    public long[] time() {
        return time;
    }

    /** Open prices. */
    public double[] open() {
        return open;
    }

    /** High prices. */
    public double[] high() {
        return high;
    }

    /** Low prices. */
    public double[] low() {
        return low;
    }

    /** Close prices. */
    public double[] close() {
        return close;
    }

    /** Volumes. */
    public double[] volume() {
        return volume;
    }

    /** The column of {@code source}; derived columns are computed once and cached. */
    public double[] column(Source source) {
        return switch (source) {
            case OPEN -> open;
            case HIGH -> high;
            case LOW -> low;
            case CLOSE -> close;
            case VOLUME -> volume;
            case TYPICAL, MEDIAN -> derived.computeIfAbsent(source, s -> {
                double[] d = new double[size];
                for (int i = 0; i < size; i++) {
                    d[i] = s.of(open[i], high[i], low[i], close[i], volume[i]);
                }
                return d;
            });
        };
    }
}
