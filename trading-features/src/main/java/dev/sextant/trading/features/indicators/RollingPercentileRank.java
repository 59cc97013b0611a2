package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Percentile rank of the current value within the last {@code period} values (the current one
 * included): {@code (count(v < x) + count(v == x, other than x itself) / 2) / (period - 1)}, in
 * [0, 1] (0 = lowest of the window, 1 = highest). O(period) per value, allocation-free. Warm-up
 * {@code period - 1}. Not thread-safe.
 */
public final class RollingPercentileRank extends AbstractValueIndicator {
    private final int period;
    private final double[] ring;
    private int pos;
    private double value = Double.NaN;

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the window, at least 2
     * @param source the bar value
     */
    public RollingPercentileRank(int period, Source source) {
        super("pct_rank_" + Checks.positive(period, "period") + suffix(source), source,
                "pct_rank_" + period + suffix(source));
        if (period < 2) {
            throw new IllegalArgumentException("period must be at least 2 but was " + period);
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
        int self = pos;
        ring[pos] = x;
        pos = pos + 1 == period ? 0 : pos + 1;
        if (seen >= period - 1) {
            double below = 0;
            for (int k = 0; k < period; k++) {
                if (k != self) {
                    below += weight(ring[k], x);
                }
            }
            value = below / (period - 1);
        }
    }

    private static double weight(double v, double x) {
        return v < x ? 1.0 : v == x ? 0.5 : 0.0;
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
            double x = in[i];
            double below = 0;
            for (int j = i - period + 1; j < i; j++) {
                below += weight(in[j], x);
            }
            o[i] = below / (period - 1);
        }
    }
}
