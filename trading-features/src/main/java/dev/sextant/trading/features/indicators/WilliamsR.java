package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Williams %R (TA-Lib {@code WILLR}): {@code -100 * (HH - close) / (HH - LL)} over the last
 * {@code period} bars including the current one, in [-100, 0]; {@code 0} when the range is zero
 * (as TA-Lib). Warm-up {@code period - 1}. Amortised O(1), allocation-free. Not thread-safe.
 */
public final class WilliamsR extends AbstractBarIndicator {
    private final int period;
    private final RollingExtreme highest;
    private final RollingExtreme lowest;
    private double value = Double.NaN;

    /** Williams %R(14). */
    public WilliamsR() {
        this(14);
    }

    /**
     * Creates an instance with the given parameter.
     *
     * @param period the window, at least 1
     */
    public WilliamsR(int period) {
        super("willr_" + Checks.positive(period, "period"), "willr_" + period);
        this.period = period;
        this.highest = new RollingExtreme(period, true);
        this.lowest = new RollingExtreme(period, false);
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period - 1;
    }

    static double willr(double close, double hh, double ll) {
        double range = hh - ll;
        return range > 0 ? -100.0 * ((hh - close) / range) : 0.0;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        highest.writeState(out);
        lowest.writeState(out);
        out.writeDouble(value);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        highest.readState(in, name());
        lowest.readState(in, name());
        value = in.readDouble();
    }

    @Override
    void push(long time, double open, double high, double low, double close, double volume) {
        double hh = highest.push(high);
        double ll = lowest.push(low);
        if (seen >= period - 1) {
            value = willr(close, hh, ll);
        }
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return value;
    }

    @Override
    void clear() {
        highest.clear();
        lowest.clear();
        value = Double.NaN;
    }

    @Override
    void kernel(BarColumns bars, double[][] out) {
        double[] h = bars.high();
        double[] l = bars.low();
        double[] c = bars.close();
        double[] o = out[0];
        int n = bars.size();
        double[] ll = new double[n];
        RollingExtreme.batch(h, 0, n, period, true, o);
        RollingExtreme.batch(l, 0, n, period, false, ll);
        for (int i = period - 1; i < n; i++) {
            o[i] = willr(c[i], o[i], ll[i]);
        }
    }
}
