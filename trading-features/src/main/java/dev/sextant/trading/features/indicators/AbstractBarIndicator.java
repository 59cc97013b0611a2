package dev.sextant.trading.features.indicators;

import java.util.Arrays;
import java.util.List;

/** Common bookkeeping of indicators that read whole bars. */
abstract sealed class AbstractBarIndicator implements Indicator
        permits Stochastic, WilliamsR, Cci, Adx, Atr, Obv, Vwap, SessionVwap, Mfi, KeltnerChannel, DonchianChannel {
    private final String name;
    private final List<String> outputNames;
    /** outputNames.size(), kept as a field: value(k) checks it on the hot path. */
    private final int outputCount;
    /** Bars seen since reset; the index of the next bar. */
    long seen;

    AbstractBarIndicator(String name, String... outputNames) {
        this.name = name;
        this.outputNames = List.of(outputNames);
        this.outputCount = outputNames.length;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> outputNames() {
        return outputNames;
    }

    @Override
    public final int outputs() {
        return outputCount;
    }

    @Override
    public final long barCount() {
        return seen;
    }

    @Override
    public final boolean isReady() {
        return seen > warmUp();
    }

    @Override
    public final void update(long time, double open, double high, double low, double close, double volume) {
        push(time, open, high, low, close, volume);
        seen++;
    }

    /** Adds a bar; {@link #seen} is its 0-based index. */
    abstract void push(long time, double open, double high, double low, double close, double volume);

    @Override
    public final void reset() {
        seen = 0;
        clear();
    }

    /** Resets the state other than {@link #seen}. */
    abstract void clear();

    final int checkOutput(int output) {
        if (output < 0 || output >= outputCount) {
            throw new IndexOutOfBoundsException("output " + output + " outside [0, " + outputCount + ") of " + name);
        }
        return output;
    }

    @Override
    public final void compute(BarColumns bars, double[][] out) {
        AbstractValueIndicator.checkShape(out, bars.size(), outputs(), name);
        for (double[] column : out) {
            Arrays.fill(column, 0, bars.size(), Double.NaN);
        }
        kernel(bars, out);
    }

    /** Batch kernel; {@code out} is pre-filled with NaN. */
    abstract void kernel(BarColumns bars, double[][] out);

    @Override
    public String toString() {
        return name;
    }
}
