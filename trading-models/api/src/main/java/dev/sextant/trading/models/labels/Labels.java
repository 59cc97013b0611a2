package dev.sextant.trading.models.labels;

import dev.sextant.trading.core.Checks;
import java.util.Arrays;

/**
 * Class labels for a series of bars, with the bar that resolves each label.
 *
 * <p>{@code label(i)} is the class of bar {@code i} (0 SELL, 1 HOLD, 2 BUY) or {@link #UNDEFINED}
 * where it cannot be known: during the volatility warm-up and at the end of the series where the
 * outcome lies beyond the last bar. {@code end(i)} is the index of the last bar whose price the
 * label looked at; the label interval {@code [i, end(i)]} is what a splitter purges around a test
 * block. Immutable and thread-safe.
 *
 * @param classes one class index or {@link #UNDEFINED} per bar
 * @param ends    one end index ({@code >= i}) per defined bar, {@link #UNDEFINED} elsewhere
 */
public record Labels(int[] classes, int[] ends) {

    /** Marks a bar without a label. */
    public static final int UNDEFINED = -1;

    /** Validates and copies. */
    public Labels {
        Checks.notNull(classes, "classes");
        Checks.notNull(ends, "ends");
        if (classes.length != ends.length) {
            throw new IllegalArgumentException("classes and ends must have the same length but had "
                    + classes.length + " and " + ends.length);
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == UNDEFINED) {
                if (ends[i] != UNDEFINED) {
                    throw new IllegalArgumentException("bar " + i + " has no label but an end index " + ends[i]);
                }
            } else {
                if (classes[i] < 0 || classes[i] > 2) {
                    throw new IllegalArgumentException("label of bar " + i + " must be in [0, 2] or -1 but was "
                            + classes[i]);
                }
                if (ends[i] < i || ends[i] >= classes.length) {
                    throw new IllegalArgumentException("end of bar " + i + " must be in [" + i + ", "
                            + (classes.length - 1) + "] but was " + ends[i]);
                }
            }
        }
        classes = classes.clone();
        ends = ends.clone();
    }

    /** Number of bars, labelled or not. */
    public int size() {
        return classes.length;
    }

    /** Whether bar {@code i} has a label. */
    public boolean isDefined(int i) {
        return classes[i] != UNDEFINED;
    }

    /** The class of bar {@code i}, or {@link #UNDEFINED}. */
    public int label(int i) {
        return classes[i];
    }

    /** The index of the last bar the label of bar {@code i} depends on, or {@link #UNDEFINED}. */
    public int end(int i) {
        return ends[i];
    }

    /** Number of labelled bars. */
    public int definedCount() {
        int n = 0;
        for (int c : classes) {
            if (c != UNDEFINED) {
                n++;
            }
        }
        return n;
    }

    /** Labelled bars per class, SELL, HOLD, BUY. */
    public int[] classCounts() {
        int[] counts = new int[3];
        for (int c : classes) {
            if (c != UNDEFINED) {
                counts[c]++;
            }
        }
        return counts;
    }

    /** A copy of the classes. */
    @Override
    public int[] classes() {
        return classes.clone();
    }

    /** A copy of the end indices. */
    @Override
    public int[] ends() {
        return ends.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && Arrays.equals(classes, l.classes) && Arrays.equals(ends, l.ends);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(classes) * 31 + Arrays.hashCode(ends);
    }

    @Override
    public String toString() {
        return "Labels[bars=" + classes.length + ", defined=" + definedCount() + ", counts="
                + Arrays.toString(classCounts()) + "]";
    }
}
