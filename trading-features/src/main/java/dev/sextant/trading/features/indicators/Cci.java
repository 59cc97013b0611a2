package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Commodity channel index (TA-Lib {@code CCI}): with typical price {@code tp = (h + l + c) / 3},
 * {@code CCI = (tp - mean) / (0.015 * meanAbsDev)} over the last {@code period} typical prices;
 * {@code 0} when the deviation or the mean absolute deviation is zero (as TA-Lib). Warm-up
 * {@code period - 1}. The mean absolute deviation has no exact running update, so each bar costs
 * O(period) arithmetic (a fixed 2 x period loop, no allocation). Not thread-safe.
 */
public final class Cci extends AbstractBarIndicator {
    private final int period;
    private final double[] ring;
    private int pos;
    private double value = Double.NaN;

    /** CCI(20). */
    public Cci() {
        this(20);
    }

    /**
     * Creates an instance with the given parameter.
     *
     * @param period the window, at least 1
     */
    public Cci(int period) {
        super("cci_" + Checks.positive(period, "period"), "cci_" + period);
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
    void push(long time, double open, double high, double low, double close, double volume) {
        double tp = (high + low + close) / 3.0;
        ring[pos] = tp;
        pos = pos + 1 == period ? 0 : pos + 1;
        if (seen >= period - 1) {
            double s = 0;
            for (int j = 0, k = pos; j < period; j++, k = k + 1 == period ? 0 : k + 1) {
                s += ring[k];
            }
            double mean = s / period;
            double dev = 0;
            for (int j = 0, k = pos; j < period; j++, k = k + 1 == period ? 0 : k + 1) {
                dev += Math.abs(ring[k] - mean);
            }
            value = cci(tp - mean, dev / period);
        }
    }

    static double cci(double deviation, double meanAbsDev) {
        return deviation != 0 && meanAbsDev != 0 ? deviation / (0.015 * meanAbsDev) : 0.0;
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
    void kernel(BarColumns bars, double[][] out) {
        kernel(bars.high(), bars.low(), bars.close(), bars.size(), period, out[0]);
    }

    /**
     * Batch CCI into {@code o} with no scratch memory: the typical prices are written into
     * {@code o} first, then each bar's value is computed from last to first, so that the window
     * a bar reads (itself and earlier bars) is still typical prices. The sums run in the same
     * order as {@link #push}'s, so the values are the streaming ones bit for bit. Writes every
     * index, NaN before {@code period - 1}; shared with {@link StandardIndicators}.
     */
    static void kernel(double[] h, double[] l, double[] c, int n, int period, double[] o) {
        if (n < period) {
            return;
        }
        for (int i = 0; i < n; i++) {
            o[i] = (h[i] + l[i] + c[i]) / 3.0;
        }
        for (int i = n - 1; i >= period - 1; i--) {
            int first = i - period + 1;
            double s = 0;
            for (int j = first; j <= i; j++) {
                s += o[j];
            }
            double mean = s / period;
            double dev = 0;
            for (int j = first; j <= i; j++) {
                dev += Math.abs(o[j] - mean);
            }
            o[i] = cci(o[i] - mean, dev / period);
        }
        Arrays.fill(o, 0, period - 1, Double.NaN);
    }
}
