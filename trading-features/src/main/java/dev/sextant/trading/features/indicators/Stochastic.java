package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Fast stochastic oscillator (TA-Lib {@code STOCHF}): {@code %K = 100 * (close - LL) / (HH - LL)}
 * over the last {@code kPeriod} bars including the current one, {@code 0} when the range is zero
 * (as TA-Lib); {@code %D} = simple average of the last {@code dPeriod} %K values. Both in
 * [0, 100]. Outputs {@code stoch_k} (warm-up {@code kPeriod - 1}) and {@code stoch_d} (warm-up
 * {@code kPeriod + dPeriod - 2}). Amortised O(1), allocation-free. Not thread-safe.
 */
public final class Stochastic extends AbstractBarIndicator {
    private final int kPeriod;
    private final int dPeriod;
    private final RollingExtreme highest;
    private final RollingExtreme lowest;
    private final double[] ring;
    private int pos;
    private double sum;
    private long ks;
    private double k = Double.NaN;
    private double d = Double.NaN;

    /** Stochastic(14, 3). */
    public Stochastic() {
        this(14, 3);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param kPeriod the %K window, at least 1
     * @param dPeriod the %D averaging period, at least 1
     */
    public Stochastic(int kPeriod, int dPeriod) {
        super(names(kPeriod, dPeriod)[0], names(kPeriod, dPeriod));
        this.kPeriod = Checks.positive(kPeriod, "kPeriod");
        this.dPeriod = Checks.positive(dPeriod, "dPeriod");
        this.highest = new RollingExtreme(kPeriod, true);
        this.lowest = new RollingExtreme(kPeriod, false);
        this.ring = new double[dPeriod];
    }

    private static String[] names(int kPeriod, int dPeriod) {
        String p = kPeriod == 14 && dPeriod == 3 ? "" : "_" + kPeriod + "_" + dPeriod;
        return new String[] {"stoch_k" + p, "stoch_d" + p};
    }

    @Override
    public int warmUp(int output) {
        return checkOutput(output) == 0 ? kPeriod - 1 : kPeriod + dPeriod - 2;
    }

    static double percentK(double close, double hh, double ll) {
        double range = hh - ll;
        return range > 0 ? 100.0 * ((close - ll) / range) : 0.0;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        highest.writeState(out);
        lowest.writeState(out);
        writeDoubles(out, ring);
        out.writeInt(pos);
        out.writeDouble(sum);
        out.writeLong(ks);
        out.writeDouble(k);
        out.writeDouble(d);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        highest.readState(in, name());
        lowest.readState(in, name());
        readDoubles(in, ring);
        pos = readIndex(in, dPeriod, "pos");
        sum = in.readDouble();
        ks = readCount(in, "ks");
        k = in.readDouble();
        d = in.readDouble();
    }

    @Override
    void push(long time, double open, double high, double low, double close, double volume) {
        double hh = highest.push(high);
        double ll = lowest.push(low);
        if (seen >= kPeriod - 1) {
            k = percentK(close, hh, ll);
            sum += k;
            if (ks >= dPeriod) {
                sum -= ring[pos];
            }
            ring[pos] = k;
            pos = pos + 1 == dPeriod ? 0 : pos + 1;
            if (ks >= dPeriod - 1) {
                d = sum / dPeriod;
            }
            ks++;
        }
    }

    @Override
    public double value(int output) {
        return checkOutput(output) == 0 ? k : d;
    }

    @Override
    void clear() {
        highest.clear();
        lowest.clear();
        pos = 0;
        sum = 0;
        ks = 0;
        k = Double.NaN;
        d = Double.NaN;
    }

    @Override
    void kernel(BarColumns bars, double[][] out) {
        int n = bars.size();
        RollingExtreme.highestLowest(bars.high(), bars.low(), n, kPeriod, out[0], out[1]);
        fromExtremes(bars.close(), n, kPeriod, dPeriod, out[0], out[0], out[1]);
    }

    /**
     * Batch %K and %D from the highest highs {@code hh} and lowest lows, with no scratch memory:
     * {@code d} holds the lowest lows on entry (from index {@code kPeriod - 1}) and receives %D;
     * {@code k} receives %K and may be {@code hh} itself. Writes every index from
     * {@code kPeriod - 1} on, NaN during %D's warm-up; shared with {@link StandardIndicators}.
     */
    static void fromExtremes(double[] c, int n, int kPeriod, int dPeriod, double[] hh, double[] k, double[] d) {
        int dFirst = kPeriod + dPeriod - 2;
        double s = 0;
        for (int i = kPeriod - 1; i < n; i++) {
            double kv = percentK(c[i], hh[i], d[i]);
            k[i] = kv;
            s += kv;
            if (i > dFirst) {
                s -= k[i - dPeriod];
                d[i] = s / dPeriod;
            } else {
                d[i] = i == dFirst ? s / dPeriod : Double.NaN;
            }
        }
    }
}
