package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.util.Arrays;

/** Common bookkeeping of single-input indicators: counting, leading-NaN skipping, batch shape checks. */
abstract sealed class AbstractValueIndicator extends IndicatorCore implements ValueIndicator
        permits Sma, Ema, Wma, Rsi, Macd, BollingerBands, RollingStdDev, ZScore, LogReturn, RollingExtremum,
        Roc, LinearRegressionSlope, RollingSkewness, RollingPercentileRank {
    private final Source source;

    AbstractValueIndicator(String name, Source source, String... outputNames) {
        super(name, outputNames);
        this.source = Checks.notNull(source, "source");
    }

    static String suffix(Source source) {
        return source == Source.CLOSE ? "" : "_" + source.label();
    }

    @Override
    public final Source source() {
        return source;
    }

    @Override
    public final void update(long time, double open, double high, double low, double close, double volume) {
        accept(source.of(open, high, low, close, volume));
    }

    @Override
    public final void accept(double value) {
        if (!Double.isFinite(value)) {
            if (seen == 0 && Double.isNaN(value)) {
                return;
            }
            throw new IllegalArgumentException(name() + ": input must be finite but was " + value + " at value " + seen);
        }
        push(value);
        seen++;
    }

    /** Adds a finite value; {@link #seen} is its 0-based index. */
    abstract void push(double x);

    @Override
    public final void compute(BarColumns bars, double[][] out) {
        compute(bars.column(source), bars.size(), out);
    }

    @Override
    public final void compute(double[] input, int length, double[][] out) {
        checkShape(out, length, outputs(), name());
        if (input.length < length) {
            throw new IllegalArgumentException(name() + ": input holds " + input.length + " values, fewer than " + length);
        }
        int from = 0;
        while (from < length && Double.isNaN(input[from])) {
            from++;
        }
        for (int i = from; i < length; i++) {
            if (!Double.isFinite(input[i])) {
                throw new IllegalArgumentException(name() + ": input must be finite but was " + input[i] + " at index " + i);
            }
        }
        for (double[] column : out) {
            Arrays.fill(column, 0, length, Double.NaN);
        }
        kernel(input, from, length, out);
    }

    /** Batch kernel over {@code input[from, to)} (all finite); {@code out} is pre-filled with NaN. */
    abstract void kernel(double[] input, int from, int to, double[][] out);
}
