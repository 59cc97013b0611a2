package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Average true range with Wilder smoothing (TA-Lib {@code ATR}): the true range
 * {@code max(h - l, |h - prevClose|, |l - prevClose|)} is defined from the second bar; the first
 * {@code period} true ranges are averaged, then {@code atr = (atr * (period - 1) + tr) / period}.
 * Warm-up {@code period}. O(1). Not thread-safe.
 */
public final class Atr extends AbstractBarIndicator {
    private final int period;
    private double prevClose;
    private double atr = Double.NaN;
    private double sum;

    /** ATR(14). */
    public Atr() {
        this(14);
    }

    /**
     * Creates an instance with the given parameter.
     *
     * @param period the smoothing period, at least 1
     */
    public Atr(int period) {
        super("atr_" + Checks.positive(period, "period"), "atr_" + period);
        this.period = period;
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period;
    }

    static double trueRange(double high, double low, double prevClose) {
        return Math.max(high - low, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        out.writeDouble(prevClose);
        out.writeDouble(atr);
        out.writeDouble(sum);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        prevClose = in.readDouble();
        atr = in.readDouble();
        sum = in.readDouble();
    }

    @Override
    void push(long time, double open, double high, double low, double close, double volume) {
        if (seen > 0) {
            double tr = trueRange(high, low, prevClose);
            if (seen <= period) {
                sum += tr;
                if (seen == period) {
                    atr = sum / period;
                }
            } else {
                atr = (atr * (period - 1) + tr) / period;
            }
        }
        prevClose = close;
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return atr;
    }

    @Override
    void clear() {
        prevClose = 0;
        sum = 0;
        atr = Double.NaN;
    }

    @Override
    void kernel(BarColumns bars, double[][] out) {
        kernel(bars.high(), bars.low(), bars.close(), bars.size(), period, out[0]);
    }

    /**
     * Batch ATR into {@code o}; writes every index from {@code period} on. Shared with
     * {@link KeltnerChannel} and {@link StandardIndicators}.
     */
    static void kernel(double[] h, double[] l, double[] c, int n, int period, double[] o) {
        double s = 0;
        double a = 0;
        for (int i = 1; i < n; i++) {
            double tr = trueRange(h[i], l[i], c[i - 1]);
            if (i <= period) {
                s += tr;
                if (i == period) {
                    a = s / period;
                    o[i] = a;
                }
            } else {
                a = (a * (period - 1) + tr) / period;
                o[i] = a;
            }
        }
    }
}
