package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.stats.RollingMoments;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Bollinger Bands (TA-Lib {@code BBANDS} with a simple average): middle = mean of the last
 * {@code period} values, upper/lower = middle &plusmn; {@code k} population standard deviations.
 * Outputs {@code bb_upper}, {@code bb_middle}, {@code bb_lower}; warm-up {@code period - 1}.
 * The middle band is computed exactly as {@link Sma} (so it equals {@code sma_n} bit for bit);
 * the deviation with a rolling Welford recurrence, O(1) and free of the cancellation of
 * sum-of-squares formulas (see {@link RollingStdDev}). Not thread-safe.
 */
public final class BollingerBands extends AbstractValueIndicator {
    private final int period;
    private final double k;
    private final RollingMoments moments;
    private final Sma sma;
    private double upper = Double.NaN;
    private double middle = Double.NaN;
    private double lower = Double.NaN;

    /** Bollinger Bands (20, 2) of the close. */
    public BollingerBands() {
        this(20, 2.0, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the window, at least 1
     * @param k      the band width in standard deviations, positive
     * @param source the bar value
     */
    public BollingerBands(int period, double k, Source source) {
        super(names(period, k, source)[1], source, names(period, k, source));
        this.period = Checks.positive(period, "period");
        this.k = Checks.positive(k, "k");
        this.moments = new RollingMoments(period);
        this.sma = new Sma(period);
    }

    private static String[] names(int period, double k, Source source) {
        String p = period == 20 && k == 2.0 ? "" : "_" + period + "_" + format(k);
        String s = suffix(source);
        return new String[] {"bb_upper" + p + s, "bb_middle" + p + s, "bb_lower" + p + s};
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period - 1;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        moments.writeState(out);
        writeNested(sma, out);
        out.writeDouble(upper);
        out.writeDouble(middle);
        out.writeDouble(lower);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        moments.readState(in);
        readNested(sma, in);
        upper = in.readDouble();
        middle = in.readDouble();
        lower = in.readDouble();
    }

    @Override
    void push(double x) {
        moments.add(x);
        sma.accept(x);
        if (seen >= period - 1) {
            middle = sma.value(0);
            double sd = moments.populationStdDev();
            upper = middle + k * sd;
            lower = middle - k * sd;
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
        moments.reset();
        sma.reset();
        upper = Double.NaN;
        middle = Double.NaN;
        lower = Double.NaN;
    }

    @Override
    void kernel(double[] in, int from, int to, double[][] out) {
        kernel(in, from, to, period, k, out[0], out[1], out[2]);
    }

    /**
     * Batch bands of {@code in[from, to)}, allocation-free; writes every index from
     * {@code from + period - 1} on. Shared with {@link StandardIndicators}.
     */
    static void kernel(double[] in, int from, int to, int period, double k, double[] u, double[] m, double[] l) {
        RollingMoments.meanAndPopulationStdDev(in, from, to, period, m, u);
        Sma.kernel(in, from, to, period, m);
        for (int i = from + period - 1; i < to; i++) {
            double sd = u[i];
            u[i] = m[i] + k * sd;
            l[i] = m[i] - k * sd;
        }
    }
}
