package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Least-squares slope of the last {@code period} values against their position (TA-Lib
 * {@code LINEARREG_SLOPE}), in input units per bar: positive when rising. O(1) with a running sum
 * and a running position-weighted sum. Warm-up {@code period - 1}. Not thread-safe.
 */
public final class LinearRegressionSlope extends AbstractValueIndicator {
    private final int period;
    private final double sumX;
    private final double divisor;
    private final double[] ring;
    private int pos;
    private double sum;
    private double weighted;
    private double value = Double.NaN;

    /** Slope of the close. */
    public LinearRegressionSlope(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the window, at least 2
     * @param source the bar value
     */
    public LinearRegressionSlope(int period, Source source) {
        super("linreg_slope_" + Checks.positive(period, "period") + suffix(source), source,
                "linreg_slope_" + period + suffix(source));
        if (period < 2) {
            throw new IllegalArgumentException("period must be at least 2 but was " + period);
        }
        this.period = period;
        double n = period;
        this.sumX = n * (n - 1) / 2.0;
        double sumXX = (n - 1) * n * (2 * n - 1) / 6.0;
        this.divisor = n * sumXX - sumX * sumX;
        this.ring = new double[period];
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period - 1;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        writeDoubles(out, ring);
        out.writeInt(pos);
        out.writeDouble(sum);
        out.writeDouble(weighted);
        out.writeDouble(value);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        readDoubles(in, ring);
        pos = readIndex(in, period, "pos");
        sum = in.readDouble();
        weighted = in.readDouble();
        value = in.readDouble();
    }

    @Override
    void push(double x) {
        if (seen < period) {
            sum += x;
            weighted += seen * x;
        } else {
            // The oldest value (position 0) leaves, every other position drops by one.
            double rest = sum - ring[pos];
            weighted = weighted - rest + (period - 1) * x;
            sum = rest + x;
        }
        ring[pos] = x;
        pos = pos + 1 == period ? 0 : pos + 1;
        if (seen >= period - 1) {
            value = (period * weighted - sumX * sum) / divisor;
        }
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return value;
    }

    @Override
    void clear() {
        pos = 0;
        sum = 0;
        weighted = 0;
        value = Double.NaN;
    }

    @Override
    void kernel(double[] in, int from, int to, double[][] out) {
        double[] o = out[0];
        double s = 0;
        double w = 0;
        for (int i = from; i < to; i++) {
            int k = i - from;
            double x = in[i];
            if (k < period) {
                s += x;
                w += k * x;
            } else {
                double rest = s - in[i - period];
                w = w - rest + (period - 1) * x;
                s = rest + x;
            }
            if (k >= period - 1) {
                o[i] = (period * w - sumX * s) / divisor;
            }
        }
    }
}
