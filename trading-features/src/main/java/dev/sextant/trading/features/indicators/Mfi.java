package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Money flow index: with typical price {@code tp} and raw flow {@code tp * volume}, a bar's flow
 * is positive when {@code tp} rose against the previous bar, negative when it fell, and neither
 * when unchanged; {@code MFI = 100 * pos / (pos + neg)} over the last {@code period} flows, in
 * [0, 100], {@code 0} when both sums are zero. Warm-up {@code period}. O(1) running sums; a sum
 * whose window holds no flow of its sign is exactly zero (counted, not subtracted to a residue).
 *
 * <p>TA-Lib returns 0 whenever {@code pos + neg < 1}; here only an exact zero does, so that
 * instruments traded in small quantities are not zeroed. Not thread-safe.
 */
public final class Mfi extends AbstractBarIndicator {
    private final int period;
    private final double[] posRing;
    private final double[] negRing;
    private int pos;
    private int posCount;
    private int negCount;
    private double posSum;
    private double negSum;
    private double prevTp;
    private double value = Double.NaN;

    /** MFI(14). */
    public Mfi() {
        this(14);
    }

    /**
     * Creates an instance with the given parameter.
     *
     * @param period the number of flows summed, at least 1
     */
    public Mfi(int period) {
        super("mfi_" + Checks.positive(period, "period"), "mfi_" + period);
        this.period = period;
        this.posRing = new double[period];
        this.negRing = new double[period];
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period;
    }

    static double mfi(double pos, double neg) {
        double total = pos + neg;
        return total > 0 ? 100.0 * (pos / total) : 0.0;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        writeDoubles(out, posRing);
        writeDoubles(out, negRing);
        out.writeInt(pos);
        out.writeInt(posCount);
        out.writeInt(negCount);
        out.writeDouble(posSum);
        out.writeDouble(negSum);
        out.writeDouble(prevTp);
        out.writeDouble(value);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        readDoubles(in, posRing);
        readDoubles(in, negRing);
        pos = readIndex(in, period, "pos");
        posCount = readIndex(in, Integer.MAX_VALUE, "posCount");
        negCount = readIndex(in, Integer.MAX_VALUE, "negCount");
        posSum = in.readDouble();
        negSum = in.readDouble();
        prevTp = in.readDouble();
        value = in.readDouble();
    }

    @Override
    void push(long time, double open, double high, double low, double close, double volume) {
        double tp = (high + low + close) / 3.0;
        if (seen > 0) {
            double flow = tp * volume;
            double p = tp > prevTp ? flow : 0.0;
            double m = tp < prevTp ? flow : 0.0;
            if (seen > period) {
                posSum -= posRing[pos];
                negSum -= negRing[pos];
                if (posRing[pos] > 0) {
                    posCount--;
                }
                if (negRing[pos] > 0) {
                    negCount--;
                }
            }
            posSum += p;
            negSum += m;
            if (p > 0) {
                posCount++;
            }
            if (m > 0) {
                negCount++;
            }
            if (posCount == 0) {
                posSum = 0;
            }
            if (negCount == 0) {
                negSum = 0;
            }
            posRing[pos] = p;
            negRing[pos] = m;
            pos = pos + 1 == period ? 0 : pos + 1;
            if (seen >= period) {
                value = mfi(posSum, negSum);
            }
        }
        prevTp = tp;
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return value;
    }

    @Override
    void clear() {
        java.util.Arrays.fill(posRing, 0);
        java.util.Arrays.fill(negRing, 0);
        pos = 0;
        posCount = 0;
        negCount = 0;
        posSum = 0;
        negSum = 0;
        prevTp = 0;
        value = Double.NaN;
    }

    @Override
    void kernel(BarColumns bars, double[][] out) {
        double[] tp = bars.column(Source.TYPICAL);
        double[] v = bars.volume();
        double[] o = out[0];
        int n = bars.size();
        double[] pf = new double[n];
        double[] nf = new double[n];
        double ps = 0;
        double ns = 0;
        int pc = 0;
        int nc = 0;
        for (int i = 1; i < n; i++) {
            double flow = tp[i] * v[i];
            pf[i] = tp[i] > tp[i - 1] ? flow : 0.0;
            nf[i] = tp[i] < tp[i - 1] ? flow : 0.0;
            if (i > period) {
                int j = i - period;
                ps -= pf[j];
                ns -= nf[j];
                if (pf[j] > 0) {
                    pc--;
                }
                if (nf[j] > 0) {
                    nc--;
                }
            }
            ps += pf[i];
            ns += nf[i];
            if (pf[i] > 0) {
                pc++;
            }
            if (nf[i] > 0) {
                nc++;
            }
            if (pc == 0) {
                ps = 0;
            }
            if (nc == 0) {
                ns = 0;
            }
            if (i >= period) {
                o[i] = mfi(ps, ns);
            }
        }
    }
}
