package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.stats.RollingMoments;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rolling z-score {@code (x - mean) / sd} of the current value against the last {@code period}
 * values (the current one included), with the population standard deviation of
 * {@link RollingStdDev}; {@code 0} when the window is constant. Warm-up {@code period - 1}. O(1).
 * Not thread-safe.
 */
public final class ZScore extends AbstractValueIndicator {
    private final int period;
    private final RollingMoments moments;
    private double value = Double.NaN;

    /** Z-score of the close. */
    public ZScore(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the window, at least 2
     * @param source the bar value
     */
    public ZScore(int period, Source source) {
        super("zscore_" + Checks.positive(period, "period") + suffix(source), source,
                "zscore_" + period + suffix(source));
        if (period < 2) {
            throw new IllegalArgumentException("period must be at least 2 but was " + period);
        }
        this.period = period;
        this.moments = new RollingMoments(period);
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period - 1;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        moments.writeState(out);
        out.writeDouble(value);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        moments.readState(in);
        value = in.readDouble();
    }

    @Override
    void push(double x) {
        moments.add(x);
        if (seen >= period - 1) {
            value = z(x, moments.mean(), moments.populationStdDev());
        }
    }

    static double z(double x, double mean, double sd) {
        return sd > 0 ? (x - mean) / sd : 0.0;
    }

    @Override
    public double value(int output) {
        checkOutput(output);
        return value;
    }

    @Override
    void clear() {
        moments.reset();
        value = Double.NaN;
    }

    @Override
    void kernel(double[] in, int from, int to, double[][] out) {
        double[] o = out[0];
        double[] mean = new double[to];
        RollingMoments.meanAndPopulationStdDev(in, from, to, period, mean, o);
        for (int i = from + period - 1; i < to; i++) {
            o[i] = z(in[i], mean[i], o[i]);
        }
    }
}
