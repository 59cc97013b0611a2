package dev.sextant.trading.features.internal;

import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.features.FeatureDefinition;
import dev.sextant.trading.features.indicators.BarColumns;
import dev.sextant.trading.features.indicators.Indicator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The features of one time frame: the distinct indicators they read and the kernels that turn
 * indicator outputs into feature columns. Streaming updates every indicator once per bar and
 * evaluates the kernels into a caller buffer; batch computes each indicator's columns once and
 * evaluates the same kernels row by row. Not thread-safe.
 */
public final class FeaturePlan {
    private final Indicator[] indicators;
    private final FeatureKernel[] kernels;
    private final List<String> columns;
    private final int warmUp;
    private final double[] args;
    private final double[] batchArgs;
    private long bars;

    /** Builds the plan of {@code features}, in order. */
    public FeaturePlan(List<FeatureDefinition> features) {
        IndicatorPool pool = new IndicatorPool();
        kernels = new FeatureKernel[features.size()];
        List<String> cols = new ArrayList<>();
        int w = 0;
        int maxArgs = 1;
        for (int f = 0; f < kernels.length; f++) {
            kernels[f] = FeatureKinds.build(features.get(f), pool);
            cols.addAll(kernels[f].columns);
            w = Math.max(w, kernels[f].warmUp());
            maxArgs = Math.max(maxArgs, kernels[f].deps.length);
        }
        indicators = pool.indicators().toArray(new Indicator[0]);
        for (FeatureKernel k : kernels) {
            for (int j = 0; j < k.deps.length; j++) {
                k.depIndex[j] = indexOf(k.deps[j]);
            }
        }
        columns = List.copyOf(cols);
        warmUp = w;
        args = new double[maxArgs];
        batchArgs = new double[maxArgs];
    }

    private int indexOf(Indicator dep) {
        for (int i = 0; i < indicators.length; i++) {
            if (indicators[i] == dep) {
                return i;
            }
        }
        throw new IllegalStateException("indicator " + dep.name() + " is not pooled");
    }

    /** The column names, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The number of columns. */
    public int width() {
        return columns.size();
    }

    /** Bars before the first fully defined vector. */
    public int warmUp() {
        return warmUp;
    }

    /** The distinct indicators, in the order they are updated. */
    public List<Indicator> indicators() {
        return List.of(indicators);
    }

    /**
     * Streaming: feeds one bar to every indicator; if the vector is defined, writes it into
     * {@code out[offset, offset + width())} and returns true. Allocation-free.
     */
    public boolean onBar(long time, double open, double high, double low, double close, double volume, double[] out, int offset) {
        for (Indicator ind : indicators) {
            ind.update(time, open, high, low, close, volume);
        }
        bars++;
        if (bars <= warmUp) {
            return false;
        }
        int col = offset;
        for (FeatureKernel k : kernels) {
            for (int j = 0; j < k.deps.length; j++) {
                args[j] = k.deps[j].value(k.outputs[j]);
            }
            k.emit(args, open, high, low, close, volume, out, col);
            col += k.width();
        }
        return true;
    }

    /** Forgets all bars. */
    public void reset() {
        for (Indicator ind : indicators) {
            ind.reset();
        }
        bars = 0;
    }

    /** Writes the streaming state: the bar count, then every indicator's state in update order. */
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(bars);
        for (Indicator ind : indicators) {
            IndicatorStates.write(ind, out);
        }
    }

    /**
     * Replaces the streaming state with one written by {@link #writeState} of a plan of the same
     * features.
     *
     * @throws StateFormatException if the state is impossible
     */
    public void readState(DataInput in) throws IOException {
        long b = in.readLong();
        if (b < 0) {
            throw new StateFormatException("feature plan state", StateFormatException.Problem.CORRUPT,
                    "bar count " + b + " is negative");
        }
        bars = b;
        for (Indicator ind : indicators) {
            IndicatorStates.read(ind, in);
        }
    }

    /** Batch: the output columns of every indicator over {@code bars}, indexed like {@link #indicators()}. */
    public double[][][] computeIndicators(BarColumns bars) {
        double[][][] cols = new double[indicators.length][][];
        for (int i = 0; i < indicators.length; i++) {
            cols[i] = new double[indicators[i].outputs()][bars.size()];
            indicators[i].compute(bars, cols[i]);
        }
        return cols;
    }

    /** Batch: writes row {@code i} (which must be at or after {@link #warmUp()}) into {@code out[offset..]}. */
    public void row(double[][][] indicatorColumns, BarColumns bars, int i, double[] out, int offset) {
        double o = bars.open()[i];
        double h = bars.high()[i];
        double l = bars.low()[i];
        double c = bars.close()[i];
        double v = bars.volume()[i];
        int col = offset;
        double[] a = batchArgs;
        for (FeatureKernel k : kernels) {
            for (int j = 0; j < k.deps.length; j++) {
                a[j] = indicatorColumns[k.depIndex[j]][k.outputs[j]][i];
            }
            k.emit(a, o, h, l, c, v, out, col);
            col += k.width();
        }
    }
}
