package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.features.internal.IndicatorStates;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The bookkeeping every built-in indicator shares: its name and outputs, the count of inputs
 * seen since reset, readiness, output-index and batch-shape checks. Not thread-safe.
 */
abstract sealed class IndicatorCore implements Indicator permits AbstractBarIndicator, AbstractValueIndicator {
    static {
        // The feature engine (another package) saves and restores indicators through this codec.
        IndicatorStates.register(new IndicatorStateCodec());
    }

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

    /**
     * Writes the streaming state other than {@link #seen} (parameters excluded: the reader is an
     * indicator of the same parameters), exactly enough for {@link #readFields} to continue bit
     * for bit.
     */
    abstract void writeFields(DataOutput out) throws IOException;

    /**
     * Replaces the streaming state other than {@link #seen} with one written by
     * {@link #writeFields} of an indicator of the same parameters.
     *
     * @throws StateFormatException if a position or count is impossible
     */
    abstract void readFields(DataInput in) throws IOException;

    static void writeNested(IndicatorCore inner, DataOutput out) throws IOException {
        out.writeLong(inner.seen);
        inner.writeFields(out);
    }

    static void readNested(IndicatorCore inner, DataInput in) throws IOException {
        inner.seen = inner.readCount(in, "seen");
        inner.readFields(in);
    }

    static void writeDoubles(DataOutput out, double[] values) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static void readDoubles(DataInput in, double[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
    }

    /** Reads an int that must lie in {@code [0, bound)}. */
    final int readIndex(DataInput in, int bound, String field) throws IOException {
        return checkIndex(in.readInt(), bound, name(), field);
    }

    /** Reads a non-negative long. */
    final long readCount(DataInput in, String field) throws IOException {
        long v = in.readLong();
        if (v < 0) {
            throw new StateFormatException("indicator state", StateFormatException.Problem.CORRUPT,
                    name() + " " + field + " " + v + " is negative");
        }
        return v;
    }

    static int checkIndex(int value, int bound, String indicator, String field) {
        if (value < 0 || value >= bound) {
            throw new StateFormatException("indicator state", StateFormatException.Problem.CORRUPT,
                    indicator + " " + field + " " + value + " outside [0, " + bound + ")");
        }
        return value;
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
