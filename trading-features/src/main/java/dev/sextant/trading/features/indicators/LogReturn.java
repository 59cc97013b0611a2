package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Log return over {@code period} values: {@code ln(x[t] / x[t - period])}. Inputs must be
 * positive. Warm-up {@code period}. O(1). Not thread-safe.
 */
public final class LogReturn extends AbstractValueIndicator {
    private final int period;
    private final double[] ring;
    private int pos;
    private double value = Double.NaN;

    /** One-bar log return of the close. */
    public LogReturn() {
        this(1, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the horizon in values, at least 1
     * @param source the bar value (positive)
     */
    public LogReturn(int period, Source source) {
        super("log_return_" + Checks.positive(period, "period") + suffix(source), source,
                "log_return_" + period + suffix(source));
        this.period = period;
        this.ring = new double[period];
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period;
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
        if (!(x > 0)) {
            throw new IllegalArgumentException(name() + ": input must be positive but was " + x + " at value " + seen);
        }
        if (seen >= period) {
            value = Math.log(x / ring[pos]);
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
        for (int i = from; i < to; i++) {
            if (!(in[i] > 0)) {
                throw new IllegalArgumentException(name() + ": input must be positive but was " + in[i] + " at index " + i);
            }
            if (i - from >= period) {
                o[i] = Math.log(in[i] / in[i - period]);
            }
        }
    }
}
