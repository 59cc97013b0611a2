package dev.sextant.trading.features.indicators;

import java.util.List;

/**
 * The bookkeeping every built-in indicator shares: its name and outputs, the count of inputs
 * seen since reset, readiness, output-index and batch-shape checks. Not thread-safe.
 */
abstract sealed class IndicatorCore implements Indicator permits AbstractBarIndicator, AbstractValueIndicator {
    private final String name;
    private final List<String> outputNames;
    /** outputNames.size(), kept as a field: value(k) checks it on the hot path. */
    private final int outputCount;
    /** Inputs seen since reset; the index of the next one. */
    long seen;

    IndicatorCore(String name, String... outputNames) {
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

    static void checkShape(double[][] out, int length, int outputs, String name) {
        if (out == null || out.length != outputs) {
            throw new IllegalArgumentException(name + ": out must hold " + outputs + " columns but held "
                    + (out == null ? "null" : out.length));
        }
        for (double[] column : out) {
            if (column == null || column.length < length) {
                throw new IllegalArgumentException(name + ": every out column must hold at least " + length + " values");
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** A compact decimal for indicator names: {@code 2.0 -> "2"}, {@code 2.5 -> "2.5"}. */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
