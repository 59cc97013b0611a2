package dev.sextant.trading.features.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * On-balance volume (TA-Lib {@code OBV}): starts at the first bar's volume, then adds the volume
 * when the close rises, subtracts it when the close falls and adds 0 when the close is unchanged.
 * Warm-up 0. O(1). Not thread-safe.
 */
public final class Obv extends AbstractBarIndicator {
    private double prevClose;
    private double obv = Double.NaN;

    /** On-balance volume. */
    public Obv() {
        super("obv", "obv");
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return 0;
    }

    static double step(double obv, double close, double prevClose, double volume) {
        return close > prevClose ? obv + volume : close < prevClose ? obv - volume : obv;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        out.writeDouble(prevClose);
        out.writeDouble(obv);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        prevClose = in.readDouble();
        obv = in.readDouble();
    }

    @Override
    void push(long time, double open, double high, double low, double close, double volume) {
        obv = seen == 0 ? volume : step(obv, close, prevClose, volume);
        prevClose = close;
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return obv;
    }

    @Override
    void clear() {
        prevClose = 0;
        obv = Double.NaN;
    }

    @Override
    void kernel(BarColumns bars, double[][] out) {
        kernel(bars.close(), bars.volume(), bars.size(), out[0]);
    }

    /** Batch OBV into {@code o}; writes every index. Shared with {@link StandardIndicators}. */
    static void kernel(double[] c, double[] v, int n, double[] o) {
        if (n == 0) {
            return;
        }
        double x = v[0];
        o[0] = x;
        for (int i = 1; i < n; i++) {
            // The same sums as step(), written so that the JIT selects instead of branching:
            // on prices the direction is a coin flip, and a mispredicted branch per bar costs
            // more than the whole update. x + -v is x - v exactly, and x + -0.0 is x (even for -0.0).
            double cur = c[i];
            double prev = c[i - 1];
            double signed = cur > prev ? v[i] : cur < prev ? -v[i] : -0.0;
            x += signed;
            o[i] = x;
        }
    }
}
