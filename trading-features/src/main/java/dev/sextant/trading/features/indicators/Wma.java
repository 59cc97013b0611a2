package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Linearly weighted moving average (TA-Lib {@code WMA}): weights {@code 1..period}, the newest
 * value weighted {@code period}, divided by {@code period (period + 1) / 2}. O(1) with a running
 * sum and a running weighted sum. Warm-up {@code period - 1}. Not thread-safe.
 */
public final class Wma extends AbstractValueIndicator {
    private final int period;
    private final double divisor;
    private final double[] ring;
    private int pos;
    private double sum;
    private double weighted;
    private double value = Double.NaN;

    /** WMA of the close. */
    public Wma(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the number of values, at least 1
     * @param source the bar value averaged
     */
    public Wma(int period, Source source) {
        super("wma_" + Checks.positive(period, "period") + suffix(source), source, "wma_" + period + suffix(source));
        this.period = period;
        this.divisor = period * (period + 1) / 2.0;
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
            weighted += (seen + 1) * x;
        } else {
            // Every weight drops by one (subtract the window sum), the new value enters at weight period.
            weighted = weighted - sum + period * x;
            sum = sum - ring[pos] + x;
        }
        ring[pos] = x;
        pos = pos + 1 == period ? 0 : pos + 1;
        if (seen >= period - 1) {
            value = weighted / divisor;
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
                w += (k + 1) * x;
            } else {
                w = w - s + period * x;
                s = s - in[i - period] + x;
            }
            if (k >= period - 1) {
                o[i] = w / divisor;
            }
        }
    }
}
