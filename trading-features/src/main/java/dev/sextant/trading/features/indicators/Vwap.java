package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.stats.RollingMoments;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rolling volume-weighted average price over the last {@code period} bars:
 * {@code sum(tp * v) / sum(v)} with typical price {@code tp = (h + l + c) / 3}; when the window
 * holds no volume at all, the plain average of the typical prices. Bands at
 * {@code vwap +- k * sd}, where {@code sd} is the population standard deviation of the window's
 * typical prices ({@link RollingStdDev}). Outputs {@code vwap_n}, {@code vwap_upper_n},
 * {@code vwap_lower_n}; warm-up {@code period - 1}. O(1) running sums (a window without volume is
 * detected exactly by counting, so no rounding residue is divided). Not thread-safe.
 */
public final class Vwap extends AbstractBarIndicator {
    private final int period;
    private final double k;
    private final double[] pv;
    private final double[] vol;
    private final double[] tps;
    private final RollingMoments moments;
    private int pos;
    private int withVolume;
    private double sumPv;
    private double sumV;
    private double sumTp;
    private double vwap = Double.NaN;
    private double upper = Double.NaN;
    private double lower = Double.NaN;

    /** Rolling VWAP over {@code period} bars with 2-standard-deviation bands. */
    public Vwap(int period) {
        this(period, 2.0);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the window in bars, at least 1
     * @param k      the band width in standard deviations, positive
     */
    public Vwap(int period, double k) {
        super(names(period, k)[0], names(period, k));
        this.period = Checks.positive(period, "period");
        this.k = Checks.positive(k, "k");
        this.pv = new double[period];
        this.vol = new double[period];
        this.tps = new double[period];
        this.moments = new RollingMoments(period);
    }

    private static String[] names(int period, double k) {
        String p = "_" + period + (k == 2.0 ? "" : "_" + format(k));
        return new String[] {"vwap" + p, "vwap_upper" + p, "vwap_lower" + p};
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period - 1;
    }

    static double vwap(int withVolume, double sumPv, double sumV, double sumTp, int n) {
        return withVolume > 0 && sumV > 0 ? sumPv / sumV : sumTp / n;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        writeDoubles(out, pv);
        writeDoubles(out, vol);
        writeDoubles(out, tps);
        moments.writeState(out);
        out.writeInt(pos);
        out.writeInt(withVolume);
        out.writeDouble(sumPv);
        out.writeDouble(sumV);
        out.writeDouble(sumTp);
        out.writeDouble(vwap);
        out.writeDouble(upper);
        out.writeDouble(lower);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        readDoubles(in, pv);
        readDoubles(in, vol);
        readDoubles(in, tps);
        moments.readState(in);
        pos = readIndex(in, period, "pos");
        withVolume = readIndex(in, Integer.MAX_VALUE, "withVolume");
        sumPv = in.readDouble();
        sumV = in.readDouble();
        sumTp = in.readDouble();
        vwap = in.readDouble();
        upper = in.readDouble();
        lower = in.readDouble();
    }

    @Override
    void push(long time, double open, double high, double low, double close, double volume) {
        double tp = (high + low + close) / 3.0;
        double x = tp * volume;
        if (seen >= period) {
            sumPv -= pv[pos];
            sumV -= vol[pos];
            sumTp -= tps[pos];
            if (vol[pos] > 0) {
                withVolume--;
            }
        }
        sumPv += x;
        sumV += volume;
        sumTp += tp;
        if (volume > 0) {
            withVolume++;
        }
        if (withVolume == 0) {
            sumPv = 0;
            sumV = 0;
        }
        pv[pos] = x;
        vol[pos] = volume;
        tps[pos] = tp;
        pos = pos + 1 == period ? 0 : pos + 1;
        moments.add(tp);
        if (seen >= period - 1) {
            vwap = vwap(withVolume, sumPv, sumV, sumTp, period);
            double sd = moments.populationStdDev();
            upper = vwap + k * sd;
            lower = vwap - k * sd;
        }
    }

    @Override
    public double value(int output) {
        return switch (checkOutput(output)) {
            case 0 -> vwap;
            case 1 -> upper;
            default -> lower;
        };
    }

    @Override
    void clear() {
        moments.reset();
        pos = 0;
        withVolume = 0;
        sumPv = 0;
        sumV = 0;
        sumTp = 0;
        vwap = Double.NaN;
        upper = Double.NaN;
        lower = Double.NaN;
    }

    @Override
    void kernel(BarColumns bars, double[][] out) {
        double[] tp = bars.column(Source.TYPICAL);
        double[] v = bars.volume();
        int n = bars.size();
        double[] w = out[0];
        double[] u = out[1];
        double[] l = out[2];
        RollingMoments.meanAndPopulationStdDev(tp, 0, n, period, l, u);
        double sp = 0;
        double sv = 0;
        double st = 0;
        int nz = 0;
        for (int i = 0; i < n; i++) {
            if (i >= period) {
                int j = i - period;
                sp -= tp[j] * v[j];
                sv -= v[j];
                st -= tp[j];
                if (v[j] > 0) {
                    nz--;
                }
            }
            sp += tp[i] * v[i];
            sv += v[i];
            st += tp[i];
            if (v[i] > 0) {
                nz++;
            }
            if (nz == 0) {
                sp = 0;
                sv = 0;
            }
            if (i >= period - 1) {
                double x = vwap(nz, sp, sv, st, period);
                double sd = u[i];
                w[i] = x;
                u[i] = x + k * sd;
                l[i] = x - k * sd;
            }
        }
    }
}
