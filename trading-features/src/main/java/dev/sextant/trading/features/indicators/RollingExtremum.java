package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The shared body of {@link RollingMax} and {@link RollingMin}: the extreme of the last
 * {@code period} values, the current one included, by a monotonic deque when streaming and by
 * van Herk / Gil-Werman in batch. Warm-up {@code period - 1}. Not thread-safe.
 */
abstract sealed class RollingExtremum extends AbstractValueIndicator permits RollingMax, RollingMin {
    private final int period;
    private final boolean max;
    private final RollingExtreme extreme;
    private double value = Double.NaN;

    RollingExtremum(String prefix, int period, Source source, boolean max) {
        super(prefix + "_" + Checks.positive(period, "period") + suffix(source), source, prefix + "_" + period + suffix(source));
        this.period = period;
        this.max = max;
        this.extreme = new RollingExtreme(period, max);
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period - 1;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        extreme.writeState(out);
        out.writeDouble(value);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        extreme.readState(in, name());
        value = in.readDouble();
    }

    @Override
    void push(double x) {
        double e = extreme.push(x);
        if (seen >= period - 1) {
            value = e;
        }
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return value;
    }

    @Override
    void clear() {
        extreme.clear();
        value = Double.NaN;
    }

    @Override
    void kernel(double[] in, int from, int to, double[][] out) {
        RollingExtreme.batch(in, from, to, period, max, out[0]);
    }
}
