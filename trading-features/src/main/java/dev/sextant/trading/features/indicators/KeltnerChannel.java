package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Keltner channel: middle = {@link Ema} of the typical price over {@code emaPeriod} (as Ta4j's
 * {@code KeltnerChannelMiddleIndicator}), upper/lower = middle &plusmn; {@code multiplier} x
 * {@link Atr} over {@code atrPeriod}. Outputs {@code keltner_upper}, {@code keltner_middle},
 * {@code keltner_lower}; warm-up {@code max(emaPeriod - 1, atrPeriod)}. O(1). Not thread-safe.
 */
public final class KeltnerChannel extends AbstractBarIndicator {
    private final int emaPeriod;
    private final double multiplier;
    private final int atrPeriod;
    private final Ema ema;
    private final Atr atr;
    private double upper = Double.NaN;
    private double middle = Double.NaN;
    private double lower = Double.NaN;

    /** Keltner channel (20, 2, 10). */
    public KeltnerChannel() {
        this(20, 2.0, 10);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param emaPeriod  the EMA period of the middle line, at least 1
     * @param multiplier the band width in ATRs, positive
     * @param atrPeriod  the ATR period, at least 1
     */
    public KeltnerChannel(int emaPeriod, double multiplier, int atrPeriod) {
        super(names(emaPeriod, multiplier, atrPeriod)[1], names(emaPeriod, multiplier, atrPeriod));
        this.emaPeriod = Checks.positive(emaPeriod, "emaPeriod");
        this.multiplier = Checks.positive(multiplier, "multiplier");
        this.atrPeriod = Checks.positive(atrPeriod, "atrPeriod");
        this.ema = new Ema(emaPeriod, Source.TYPICAL);
        this.atr = new Atr(atrPeriod);
    }

    private static String[] names(int emaPeriod, double multiplier, int atrPeriod) {
        String p = emaPeriod == 20 && multiplier == 2.0 && atrPeriod == 10 ? ""
                : "_" + emaPeriod + "_" + format(multiplier) + "_" + atrPeriod;
        return new String[] {"keltner_upper" + p, "keltner_middle" + p, "keltner_lower" + p};
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return Math.max(emaPeriod - 1, atrPeriod);
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        writeNested(ema, out);
        writeNested(atr, out);
        out.writeDouble(upper);
        out.writeDouble(middle);
        out.writeDouble(lower);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        readNested(ema, in);
        readNested(atr, in);
        upper = in.readDouble();
        middle = in.readDouble();
        lower = in.readDouble();
    }

    @Override
    void push(long time, double open, double high, double low, double close, double volume) {
        ema.update(time, open, high, low, close, volume);
        atr.update(time, open, high, low, close, volume);
        if (seen >= warmUp(0)) {
            middle = ema.value(0);
            double a = atr.value(0);
            upper = middle + multiplier * a;
            lower = middle - multiplier * a;
        }
    }

    @Override
    public double value(int output) {
        return switch (checkOutput(output)) {
            case 0 -> upper;
            case 1 -> middle;
            default -> lower;
        };
    }

    @Override
    void clear() {
        ema.reset();
        atr.reset();
        upper = Double.NaN;
        middle = Double.NaN;
        lower = Double.NaN;
    }

    @Override
    void kernel(BarColumns bars, double[][] out) {
        int n = bars.size();
        double[] u = out[0];
        double[] m = out[1];
        double[] l = out[2];
        double[] mid = new double[n];
        double[] range = new double[n];
        Ema.kernel(bars.column(Source.TYPICAL), 0, n, emaPeriod, mid);
        Atr.kernel(bars.high(), bars.low(), bars.close(), n, atrPeriod, range);
        for (int i = warmUp(0); i < n; i++) {
            double a = range[i];
            m[i] = mid[i];
            u[i] = mid[i] + multiplier * a;
            l[i] = mid[i] - multiplier * a;
        }
    }
}
