package dev.sextant.trading.features.internal;

import dev.sextant.trading.features.indicators.Indicator;
import java.util.List;

/**
 * One feature bound to its pooled indicators: which outputs it reads, its formula and, for a
 * categorical feature, its category codes and whether they are written one-hot.
 */
public final class FeatureKernel {
    final List<String> columns;
    final Indicator[] deps;
    final int[] outputs;
    final int[] depIndex;
    final Formula formula;
    final double[] codes;
    final boolean oneHot;

    FeatureKernel(List<String> columns, Indicator[] deps, int[] outputs, Formula formula, double[] codes, boolean oneHot) {
        this.columns = List.copyOf(columns);
        this.deps = deps;
        this.outputs = outputs;
        this.depIndex = new int[deps.length];
        this.formula = formula;
        this.codes = codes;
        this.oneHot = oneHot;
    }

    /** The number of bars before every input of this feature is defined. */
    int warmUp() {
        int w = 0;
        for (int j = 0; j < deps.length; j++) {
            w = Math.max(w, deps[j].warmUp(outputs[j]));
        }
        return w;
    }

    int width() {
        return columns.size();
    }

    /** Writes this feature's column(s) for the arguments in {@code a}. */
    void emit(double[] a, double open, double high, double low, double close, double volume, double[] out, int offset) {
        double v = formula.apply(a, open, high, low, close, volume);
        if (oneHot) {
            for (int c = 0; c < codes.length; c++) {
                out[offset + c] = v == codes[c] ? 1.0 : 0.0;
            }
        } else {
            out[offset] = v;
        }
    }
}
