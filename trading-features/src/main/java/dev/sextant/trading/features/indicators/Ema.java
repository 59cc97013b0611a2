package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Exponential moving average (TA-Lib {@code EMA}): {@code alpha = 2 / (period + 1)}, seeded with
 * the simple average of the first {@code period} values, then
 * {@code ema = ema + alpha * (x - ema)}. Warm-up {@code period - 1}. O(1). Not thread-safe.
 */
public final class Ema extends AbstractValueIndicator {
    private final int period;
    private final double alpha;
    private double sum;
    private double ema = Double.NaN;

    /** EMA of the close. */
    public Ema(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the period, at least 1
     * @param source the bar value averaged
     */
    public Ema(int period, Source source) {
        super("ema_" + Checks.positive(period, "period") + suffix(source), source, "ema_" + period + suffix(source));
        this.period = period;
        this.alpha = 2.0 / (period + 1);
    }

    /** The period. */
    public int period() {
        return period;
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period - 1;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        out.writeDouble(sum);
        out.writeDouble(ema);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        sum = in.readDouble();
        ema = in.readDouble();
    }

    @Override
    void push(double x) {
        if (seen < period) {
            sum += x;
            if (seen == period - 1) {
                ema = sum / period;
            }
        } else {
            ema = (x - ema) * alpha + ema;
        }
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return ema;
    }

    @Override
    void clear() {
        sum = 0;
        ema = Double.NaN;
    }

    @Override
    void kernel(double[] in, int from, int to, double[][] out) {
        kernel(in, from, to, period, out[0]);
    }

    /** Batch EMA of {@code in[from, to)} into {@code o}; shared by indicators built on EMAs. */
    static void kernel(double[] in, int from, int to, int period, double[] o) {
        double a = 2.0 / (period + 1);
        int seedEnd = from + period - 1;
        if (seedEnd >= to) {
            return;
        }
        double s = 0;
        for (int i = from; i <= seedEnd; i++) {
            s += in[i];
        }
        double e = s / period;
        o[seedEnd] = e;
        for (int i = seedEnd + 1; i < to; i++) {
            e = (in[i] - e) * a + e;
            o[i] = e;
        }
    }
}
