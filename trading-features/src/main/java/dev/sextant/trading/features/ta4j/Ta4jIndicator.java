package dev.sextant.trading.features.ta4j;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.indicators.Indicator;
import java.util.Arrays;
import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.num.NaN;
import org.ta4j.core.num.Num;

/**
 * One output of a Sextant {@link Indicator} exposed as a Ta4j {@code Indicator<Num>}, so that
 * Sextant indicators can drive Ta4j rules, strategies and backtests.
 *
 * <p>Values are computed lazily by streaming the Ta4j series' bars (begin time, OHLCV as
 * {@code double}) through the Sextant indicator and cached; bars appended to the Ta4j series
 * later are picked up on the next {@link #getValue(int)}. During warm-up the value is Ta4j's
 * {@code NaN}; {@link #getCountOfUnstableBars()} is the Sextant warm-up. Indices before the
 * series' begin index (bars removed by a maximum bar count) return {@code NaN}.
 *
 * <p>Not thread-safe (the cache fills on read). The Sextant indicator is owned by this adapter
 * afterwards: do not feed it elsewhere.
 */
public final class Ta4jIndicator implements org.ta4j.core.Indicator<Num> {
    private final BarSeries series;
    private final Indicator indicator;
    private final int output;
    private double[] values = new double[64];
    private int first = -1;
    private int computed;

    /**
     * Creates an instance with the given parameters.
     *
     * @param series    the Ta4j series whose bars feed the indicator
     * @param indicator a fresh Sextant indicator (it is {@link Indicator#reset() reset} here)
     * @param output    which output to expose
     * @throws IndexOutOfBoundsException if {@code output} is not an output of the indicator
     */
    public Ta4jIndicator(BarSeries series, Indicator indicator, int output) {
        this.series = Checks.notNull(series, "series");
        this.indicator = Checks.notNull(indicator, "indicator");
        this.output = java.util.Objects.checkIndex(output, indicator.outputs());
        indicator.reset();
    }

    /** The first output of {@code indicator}. */
    public static Ta4jIndicator of(BarSeries series, Indicator indicator) {
        return new Ta4jIndicator(series, indicator, 0);
    }

    /** The output named {@code outputName} (one of {@link Indicator#outputNames()}). */
    public static Ta4jIndicator of(BarSeries series, Indicator indicator, String outputName) {
        int k = indicator.outputNames().indexOf(outputName);
        if (k < 0) {
            throw new IllegalArgumentException("indicator " + indicator.name() + " has no output '" + outputName
                    + "'; outputs: " + indicator.outputNames());
        }
        return new Ta4jIndicator(series, indicator, k);
    }

    @Override
    public Num getValue(int index) {
        if (series.isEmpty() || index < series.getBeginIndex() || index > series.getEndIndex()) {
            if (index > series.getEndIndex()) {
                throw new IndexOutOfBoundsException("index " + index + " is after the series end index " + series.getEndIndex());
            }
            return NaN.NaN;
        }
        if (first < 0) {
            first = series.getBeginIndex();
        }
        while (first + computed <= index) {
            int i = first + computed;
            Bar b = series.getBar(i);
            indicator.update(b.getBeginTime().toEpochMilli(), b.getOpenPrice().doubleValue(), b.getHighPrice().doubleValue(),
                    b.getLowPrice().doubleValue(), b.getClosePrice().doubleValue(), b.getVolume().doubleValue());
            if (computed == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[computed++] = indicator.value(output);
        }
        if (index < first) {
            return NaN.NaN;
        }
        double v = values[index - first];
        return Double.isNaN(v) ? NaN.NaN : series.numFactory().numOf(v);
    }

    @Override
    public int getCountOfUnstableBars() {
        return indicator.warmUp(output);
    }

    @Override
    public BarSeries getBarSeries() {
        return series;
    }

    @Override
    public String toString() {
        return "Ta4jIndicator[" + indicator.outputNames().get(output) + "]";
    }
}
