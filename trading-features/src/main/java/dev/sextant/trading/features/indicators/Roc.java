package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rate of change in percent (TA-Lib {@code ROC}): {@code 100 * (x[t] / x[t - period] - 1)},
 * {@code 0} when {@code x[t - period]} is zero. Warm-up {@code period}. O(1). Not thread-safe.
 */
public final class Roc extends AbstractValueIndicator {
    private final int period;
    private final double[] ring;
    private int pos;
    private double value = Double.NaN;

    /** ROC of the close. */
    public Roc(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the horizon in values, at least 1
     * @param source the bar value
     */
    public Roc(int period, Source source) {
        super("roc_" + Checks.positive(period, "period") + suffix(source), source, "roc_" + period + suffix(source));
        this.period = period;
        this.ring = new double[period];
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period;
    }

    static double roc(double x, double prev) {
        return prev != 0 ? (x / prev - 1.0) * 100.0 : 0.0;
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
        if (seen >= period) {
            value = roc(x, ring[pos]);
        }
        ring[pos] = x;
        pos = pos + 1 == period ? 0 : pos + 1;
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
        for (int i = from + period; i < to; i++) {
            o[i] = roc(in[i], in[i - period]);
        }
    }
}
