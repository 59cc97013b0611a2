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
        double[] o = out[0];
        int n = bars.size();
        double[] ll = new double[n];
        RollingExtreme.highestLowest(bars.high(), bars.low(), n, period, o, ll);
        fromExtremes(bars.close(), n, period, o, ll, o);
    }

    /**
     * Batch %R from the highest highs and lowest lows into {@code o} (which may be {@code hh});
     * writes every index from {@code period - 1} on. Shared with {@link StandardIndicators}.
     */
    static void fromExtremes(double[] c, int n, int period, double[] hh, double[] ll, double[] o) {
        for (int i = period - 1; i < n; i++) {
            o[i] = willr(c[i], hh[i], ll[i]);
        }
    }
}
