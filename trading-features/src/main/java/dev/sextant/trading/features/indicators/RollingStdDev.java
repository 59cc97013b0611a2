package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.stats.RollingMoments;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rolling population standard deviation (divisor {@code period}, TA-Lib {@code STDDEV} with
 * {@code nbDev = 1}) of the last {@code period} values, updated with a rolling Welford
 * recurrence in O(1); a window of identical values gives exactly 0. Warm-up {@code period - 1}.
 * Not thread-safe.
 */
public final class RollingStdDev extends AbstractValueIndicator {
    private final int period;
    private final RollingMoments moments;
    private double value = Double.NaN;

    /** Standard deviation of the close. */
    public RollingStdDev(int period) {
        this(period, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param period the window, at least 1
     * @param source the bar value
     */
    public RollingStdDev(int period, Source source) {
        super("stddev_" + Checks.positive(period, "period") + suffix(source), source,
                "stddev_" + period + suffix(source));
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
            value = moments.populationStdDev();
        }
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
        double[] mean = new double[to];
        RollingMoments.meanAndPopulationStdDev(in, from, to, period, mean, out[0]);
    }
}
