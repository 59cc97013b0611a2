package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Relative strength index with Wilder smoothing (TA-Lib {@code RSI}): the average gain and loss
 * of the first {@code period} changes seed the averages, then
 * {@code avg = (avg * (period - 1) + x) / period}; {@code RSI = 100 * gain / (gain + loss)}, and
 * {@code 0} when both averages are zero. Range [0, 100]. Warm-up {@code period}. O(1). Not
 * thread-safe.
 */
public final class Rsi extends AbstractValueIndicator {
    private final int period;
    private double prev;
    private double gain;
    private double loss;
    private double value = Double.NaN;

    /** RSI of the close. */
    public Rsi(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the smoothing period, at least 1
     * @param source the bar value
     */
    public Rsi(int period, Source source) {
        super("rsi_" + Checks.positive(period, "period") + suffix(source), source, "rsi_" + period + suffix(source));
        this.period = period;
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        out.writeDouble(prev);
        out.writeDouble(gain);
        out.writeDouble(loss);
        out.writeDouble(value);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        prev = in.readDouble();
        gain = in.readDouble();
        loss = in.readDouble();
        value = in.readDouble();
    }

    @Override
    void push(double x) {
        if (seen > 0) {
            double d = x - prev;
            double up = d > 0 ? d : 0;
            double down = d < 0 ? -d : 0;
            if (seen <= period) {
                gain += up;
                loss += down;
                if (seen == period) {
                    gain /= period;
                    loss /= period;
                    value = rsi(gain, loss);
                }
            } else {
                gain = (gain * (period - 1) + up) / period;
                loss = (loss * (period - 1) + down) / period;
                value = rsi(gain, loss);
            }
        }
        prev = x;
    }

    static double rsi(double gain, double loss) {
        double total = gain + loss;
        return total == 0 ? 0 : 100.0 * (gain / total);
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return value;
    }

    @Override
    void clear() {
        prev = 0;
        gain = 0;
        loss = 0;
        value = Double.NaN;
    }

    @Override
    void kernel(double[] in, int from, int to, double[][] out) {
        kernel(in, from, to, period, out[0]);
    }

    /**
     * Batch RSI of {@code in[from, to)} into {@code o}; writes every index from
     * {@code from + period} on. Shared with {@link StandardIndicators}.
     */
    static void kernel(double[] in, int from, int to, int period, double[] o) {
        double g = 0;
        double l = 0;
        for (int i = from + 1; i < to; i++) {
            int k = i - from;
            double d = in[i] - in[i - 1];
            double up = d > 0 ? d : 0;
            double down = d < 0 ? -d : 0;
            if (k <= period) {
                g += up;
                l += down;
                if (k == period) {
                    g /= period;
                    l /= period;
                    o[i] = rsi(g, l);
                }
            } else {
                g = (g * (period - 1) + up) / period;
                l = (l * (period - 1) + down) / period;
                o[i] = rsi(g, l);
            }
        }
    }
}
