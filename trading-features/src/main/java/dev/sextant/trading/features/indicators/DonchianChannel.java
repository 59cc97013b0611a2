package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Donchian channel: upper = highest high and lower = lowest low of the last {@code period} bars
 * (the current one included), middle = {@code (upper + lower) / 2}. Outputs
 * {@code donchian_upper_n}, {@code donchian_middle_n}, {@code donchian_lower_n}; warm-up
 * {@code period - 1}. Amortised O(1), allocation-free. Not thread-safe.
 */
public final class DonchianChannel extends AbstractBarIndicator {
    private final int period;
    private final RollingExtreme highest;
    private final RollingExtreme lowest;
    private double upper = Double.NaN;
    private double middle = Double.NaN;
    private double lower = Double.NaN;

    /**
     * Creates an instance with the given parameter.
     *
     * @param period the window, at least 1
     */
    public DonchianChannel(int period) {
        super("donchian_middle_" + Checks.positive(period, "period"), "donchian_upper_" + period,
                "donchian_middle_" + period, "donchian_lower_" + period);
        this.period = period;
        this.highest = new RollingExtreme(period, true);
        this.lowest = new RollingExtreme(period, false);
    }

    @Override
    public int warmUp(int output) {
        checkOutput(output);
        return period - 1;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        highest.writeState(out);
        lowest.writeState(out);
        out.writeDouble(upper);
        out.writeDouble(middle);
        out.writeDouble(lower);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        highest.readState(in, name());
        lowest.readState(in, name());
        upper = in.readDouble();
        middle = in.readDouble();
        lower = in.readDouble();
    }

    @Override
    void push(long time, double open, double high, double low, double close, double volume) {
        double hh = highest.push(high);
        double ll = lowest.push(low);
        if (seen >= period - 1) {
            upper = hh;
            lower = ll;
            middle = (hh + ll) / 2.0;
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
        highest.clear();
        lowest.clear();
        upper = Double.NaN;
        middle = Double.NaN;
        lower = Double.NaN;
    }

    @Override
    void kernel(BarColumns bars, double[][] out) {
        int n = bars.size();
        RollingExtreme.batch(bars.high(), 0, n, period, true, out[0]);
        RollingExtreme.batch(bars.low(), 0, n, period, false, out[2]);
        for (int i = period - 1; i < n; i++) {
            out[1][i] = (out[0][i] + out[2][i]) / 2.0;
        }
    }
}
