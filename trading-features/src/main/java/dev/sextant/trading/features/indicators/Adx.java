package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Average directional index with +DI and -DI (Wilder; TA-Lib {@code ADX}, {@code PLUS_DI},
 * {@code MINUS_DI}). From the second bar: {@code up = h - prevH}, {@code down = prevL - l};
 * {@code +DM = up} if {@code up > down} and {@code up > 0}, else 0; {@code -DM} symmetric; true
 * range as {@link Atr}. +DM, -DM and TR are Wilder-smoothed (first {@code period} values
 * averaged, then {@code s = (s * (period - 1) + x) / period});
 * {@code +DI = 100 * +DM_s / TR_s}, {@code -DI} likewise (0 when {@code TR_s = 0});
 * {@code DX = 100 * |+DI - -DI| / (+DI + -DI)} (0 when the sum is 0); ADX is the Wilder
 * smoothing of DX seeded with the average of the first {@code period} DX values.
 *
 * <p>Outputs {@code adx} (warm-up {@code 2 * period - 1}, 27 for 14 as TA-Lib),
 * {@code plus_di} and {@code minus_di} (warm-up {@code period}). TA-Lib seeds the smoothed DM and
 * TR with the sum of the first {@code period - 1} values; here they are seeded with the average
 * of the first {@code period} (the same rule as every other Wilder smoothing); the difference
 * decays geometrically. O(1). Not thread-safe.
 */
public final class Adx extends AbstractBarIndicator {
    private final int period;
    private double prevHigh;
    private double prevLow;
    private double prevClose;
    private double plusDm;
    private double minusDm;
    private double tr;
    private double dxSum;
    private double adx = Double.NaN;
    private double plusDi = Double.NaN;
    private double minusDi = Double.NaN;

    /** ADX(14). */
    public Adx() {
        this(14);
    }

    /**
     * Creates an instance with the given parameter.
     *
     * @param period the smoothing period, at least 1
     */
    public Adx(int period) {
        super("adx_" + Checks.positive(period, "period"), "adx_" + period, "plus_di_" + period, "minus_di_" + period);
        this.period = period;
    }

    @Override
    public int warmUp(int output) {
        return checkOutput(output) == 0 ? 2 * period - 1 : period;
    }

    static double plusDm(double high, double low, double prevHigh, double prevLow) {
        double up = high - prevHigh;
        double down = prevLow - low;
        return up > down && up > 0 ? up : 0.0;
    }

    static double minusDm(double high, double low, double prevHigh, double prevLow) {
        double up = high - prevHigh;
        double down = prevLow - low;
        return down > up && down > 0 ? down : 0.0;
    }

    static double di(double dm, double trueRange) {
        return trueRange > 0 ? 100.0 * (dm / trueRange) : 0.0;
    }

    static double dx(double plus, double minus) {
        double s = plus + minus;
        return s > 0 ? 100.0 * (Math.abs(plus - minus) / s) : 0.0;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        out.writeDouble(prevHigh);
        out.writeDouble(prevLow);
        out.writeDouble(prevClose);
        out.writeDouble(plusDm);
        out.writeDouble(minusDm);
        out.writeDouble(tr);
        out.writeDouble(dxSum);
        out.writeDouble(adx);
        out.writeDouble(plusDi);
        out.writeDouble(minusDi);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        prevHigh = in.readDouble();
        prevLow = in.readDouble();
        prevClose = in.readDouble();
        plusDm = in.readDouble();
        minusDm = in.readDouble();
        tr = in.readDouble();
        dxSum = in.readDouble();
        adx = in.readDouble();
        plusDi = in.readDouble();
        minusDi = in.readDouble();
    }

    @Override
    void push(long time, double open, double high, double low, double close, double volume) {
        if (seen > 0) {
            double p = plusDm(high, low, prevHigh, prevLow);
            double m = minusDm(high, low, prevHigh, prevLow);
            double t = Atr.trueRange(high, low, prevClose);
            if (seen <= period) {
                plusDm += p;
                minusDm += m;
                tr += t;
                if (seen == period) {
                    plusDm /= period;
                    minusDm /= period;
                    tr /= period;
                }
            } else {
                plusDm = (plusDm * (period - 1) + p) / period;
                minusDm = (minusDm * (period - 1) + m) / period;
                tr = (tr * (period - 1) + t) / period;
            }
            if (seen >= period) {
                plusDi = di(plusDm, tr);
                minusDi = di(minusDm, tr);
                double dx = dx(plusDi, minusDi);
                long j = seen - period;
                if (j < period) {
                    dxSum += dx;
                    if (j == period - 1) {
                        adx = dxSum / period;
                    }
                } else {
                    adx = (adx * (period - 1) + dx) / period;
                }
            }
        }
        prevHigh = high;
        prevLow = low;
        prevClose = close;
    }

    @Override
    public double value(int output) {
        return switch (checkOutput(output)) {
            case 0 -> adx;
            case 1 -> plusDi;
            default -> minusDi;
        };
    }

    @Override
    void clear() {
        prevHigh = 0;
        prevLow = 0;
        prevClose = 0;
        plusDm = 0;
        minusDm = 0;
        tr = 0;
        dxSum = 0;
        adx = Double.NaN;
        plusDi = Double.NaN;
        minusDi = Double.NaN;
    }

    @Override
    void kernel(BarColumns bars, double[][] out) {
        kernel(bars.high(), bars.low(), bars.close(), bars.size(), period, out[0], out[1], out[2]);
    }

    /**
     * Batch ADX, +DI and -DI into the three columns; writes the DIs from {@code period} and the
     * ADX from {@code 2 * period - 1} on. Shared with {@link StandardIndicators}.
     */
    static void kernel(double[] h, double[] l, double[] c, int n, int period,
                       double[] adxOut, double[] plusOut, double[] minusOut) {
        double sp = 0;
        double sm = 0;
        double st = 0;
        double ds = 0;
        double a = 0;
        for (int i = 1; i < n; i++) {
            double p = plusDm(h[i], l[i], h[i - 1], l[i - 1]);
            double m = minusDm(h[i], l[i], h[i - 1], l[i - 1]);
            double t = Atr.trueRange(h[i], l[i], c[i - 1]);
            if (i <= period) {
                sp += p;
                sm += m;
                st += t;
                if (i == period) {
                    sp /= period;
                    sm /= period;
                    st /= period;
                }
            } else {
                sp = (sp * (period - 1) + p) / period;
                sm = (sm * (period - 1) + m) / period;
                st = (st * (period - 1) + t) / period;
            }
            if (i >= period) {
                double pd = di(sp, st);
                double md = di(sm, st);
                plusOut[i] = pd;
                minusOut[i] = md;
                double dx = dx(pd, md);
                int j = i - period;
                if (j < period) {
                    ds += dx;
                    if (j == period - 1) {
                        a = ds / period;
                        adxOut[i] = a;
                    }
                } else {
                    a = (a * (period - 1) + dx) / period;
                    adxOut[i] = a;
                }
            }
        }
    }
}
