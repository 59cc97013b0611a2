package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Simple moving average of the last {@code period} values (TA-Lib {@code SMA}): a running sum,
 * O(1) per value. Warm-up {@code period - 1}. Not thread-safe.
 */
public final class Sma extends AbstractValueIndicator {
    private final int period;
    private final double[] ring;
    private int pos;
    private double sum;
    private double value = Double.NaN;

    /** SMA of the close. */
    public Sma(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period number of values averaged, at least 1
     * @param source the bar value averaged
     */
    public Sma(int period, Source source) {
        super("sma_" + Checks.positive(period, "period") + suffix(source), source,
                "sma_" + period + suffix(source));
        this.period = period;
        this.ring = new double[period];
    }

    /** The averaging period. */
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
        writeDoubles(out, ring);
        out.writeInt(pos);
        out.writeDouble(sum);
        out.writeDouble(value);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        readDoubles(in, ring);
        pos = readIndex(in, period, "pos");
        sum = in.readDouble();
        value = in.readDouble();
    }

    @Override
    void push(double x) {
        sum += x;
        if (seen >= period) {
            sum -= ring[pos];
        }
        ring[pos] = x;
        pos = pos + 1 == period ? 0 : pos + 1;
        if (seen >= period - 1) {
            value = sum / period;
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
        value = Double.NaN;
    }

    @Override
    void kernel(double[] in, int from, int to, double[][] out) {
        kernel(in, from, to, period, out[0]);
    }

    /** Batch SMA of {@code in[from, to)} into {@code o}; shared with {@link BollingerBands}. */
    static void kernel(double[] in, int from, int to, int period, double[] o) {
        int seed = from + period - 1;
        double s = 0;
        for (int i = from; i < Math.min(seed, to); i++) {
            s += in[i];
        }
        if (seed >= to) {
            return;
        }
        s += in[seed];
        o[seed] = s / period;
        for (int i = seed + 1; i < to; i++) {
            s += in[i];
            s -= in[i - period];
            o[i] = s / period;
        }
    }
}
