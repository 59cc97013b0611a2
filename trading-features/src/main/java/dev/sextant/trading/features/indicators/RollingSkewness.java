package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rolling population skewness {@code m3 / m2^1.5} of the last {@code period} values, from exact
 * central moments of the window (two passes over the window: O(period) per value, allocation
 * free); {@code 0} when the window is constant. Warm-up {@code period - 1}. Not thread-safe.
 */
public final class RollingSkewness extends AbstractValueIndicator {
    private final int period;
    private final double[] ring;
    private int pos;
    private double value = Double.NaN;

    /** Skewness of the close. */
    public RollingSkewness(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the window, at least 3
     * @param source the bar value
     */
    public RollingSkewness(int period, Source source) {
        super("skew_" + Checks.positive(period, "period") + suffix(source), source, "skew_" + period + suffix(source));
        if (period < 3) {
            throw new IllegalArgumentException("period must be at least 3 but was " + period);
        }
        this.period = period;
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
        out.writeDouble(value);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        readDoubles(in, ring);
        pos = readIndex(in, period, "pos");
        value = in.readDouble();
    }

    @Override
    void push(double x) {
        ring[pos] = x;
        pos = pos + 1 == period ? 0 : pos + 1;
        if (seen >= period - 1) {
            // pos is now the oldest value: read the window in time order, as the batch does.
            double s = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int j = 0, k = pos; j < period; j++, k = k + 1 == period ? 0 : k + 1) {
                double v = ring[k];
                s += v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double mean = s / period;
            double m2 = 0;
            double m3 = 0;
            for (int j = 0, k = pos; j < period; j++, k = k + 1 == period ? 0 : k + 1) {
                double d = ring[k] - mean;
                double d2 = d * d;
                m2 += d2;
                m3 += d2 * d;
            }
            value = skew(lo, hi, m2 / period, m3 / period);
        }
    }

    static double skew(double lo, double hi, double m2, double m3) {
        return lo == hi || !(m2 > 0) ? 0.0 : m3 / (m2 * Math.sqrt(m2));
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return value;
    }

    @Override
    void clear() {
        pos = 0;
        value = Double.NaN;
    }

    @Override
    void kernel(double[] in, int from, int to, double[][] out) {
        double[] o = out[0];
        for (int i = from + period - 1; i < to; i++) {
            double s = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int j = i - period + 1; j <= i; j++) {
                double v = in[j];
                s += v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double mean = s / period;
            double m2 = 0;
            double m3 = 0;
            for (int j = i - period + 1; j <= i; j++) {
                double d = in[j] - mean;
                double d2 = d * d;
                m2 += d2;
                m3 += d2 * d;
            }
            o[i] = skew(lo, hi, m2 / period, m3 / period);
        }
    }
}
