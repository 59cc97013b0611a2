package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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
        double[] tp = bars.column(Source.TYPICAL);
        double[] o = out[0];
        for (int i = period - 1; i < bars.size(); i++) {
            double s = 0;
            for (int j = i - period + 1; j <= i; j++) {
                s += tp[j];
            }
            double mean = s / period;
            double dev = 0;
            for (int j = i - period + 1; j <= i; j++) {
                dev += Math.abs(tp[j] - mean);
            }
            o[i] = cci(tp[i] - mean, dev / period);
        }
    }
}
