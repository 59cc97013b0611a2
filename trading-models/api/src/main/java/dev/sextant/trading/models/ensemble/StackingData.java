package dev.sextant.trading.models.ensemble;

import dev.sextant.trading.core.Checks;

/**
 * Time-ordered feature rows to train a stacking ensemble on.
 *
 * <p>Rows {@code [0, contextRows)} are context only: window models read them as history, but they
 * are never sample rows. Rows {@code [contextRows, n)} are the samples: each has a label in
 * [0, 2] and a label end {@code labelEnds[i] >= i} (the last row whose price decided the label;
 * it may lie past the last row), which the splitter uses to purge. Arrays are copied; immutable
 * and thread-safe.
 *
 * @param features    {@code [n][featureCount]} finite values (already scaled if the models expect it)
 * @param labels      per row; values in context rows are ignored
 * @param labelEnds   per row; values in context rows are ignored
 * @param keys        strictly increasing row keys (bar open times in epoch ms, or indices)
 * @param contextRows rows at the start used only as window history, non-negative, less than n
 */
public record StackingData(float[][] features, int[] labels, int[] labelEnds, long[] keys, int contextRows) {

    /** Validates and copies. */
    public StackingData {
        Checks.notNull(features, "features");
        int n = features.length;
        Checks.nonNegative(contextRows, "contextRows");
        if (contextRows >= n) {
            throw new IllegalArgumentException("contextRows must be less than the number of rows " + n + " but was "
                    + contextRows);
        }
        Checks.notNull(labels, "labels");
        Checks.notNull(labelEnds, "labelEnds");
        Checks.notNull(keys, "keys");
        if (labels.length != n || labelEnds.length != n || keys.length != n) {
            throw new IllegalArgumentException("features, labels, labelEnds and keys must have one entry per row but had "
                    + n + ", " + labels.length + ", " + labelEnds.length + ", " + keys.length);
        }
        float[][] copy = new float[n][];
        int f = Checks.notNull(features[0], "features[0]").length;
        Checks.positive(f, "featureCount");
        for (int i = 0; i < n; i++) {
            float[] row = Checks.notNull(features[i], "features[" + i + "]");
            if (row.length != f) {
                throw new IllegalArgumentException("row " + i + " has " + row.length + " features but row 0 has " + f);
            }
            for (int j = 0; j < f; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("row " + i + " feature " + j + " must be finite but was " + row[j]);
                }
            }
            copy[i] = row.clone();
            if (i > 0 && keys[i] <= keys[i - 1]) {
                throw new IllegalArgumentException("keys must be strictly increasing but row " + i + " has key " + keys[i]
                        + " after " + keys[i - 1]);
            }
            if (i >= contextRows) {
                if (labels[i] < 0 || labels[i] > 2) {
                    throw new IllegalArgumentException("label of row " + i + " must be in [0, 2] but was " + labels[i]);
                }
                if (labelEnds[i] < i) {
                    throw new IllegalArgumentException("label of row " + i + " ends at " + labelEnds[i] + ", before its row");
                }
            }
        }
        features = copy;
        labels = labels.clone();
        labelEnds = labelEnds.clone();
        keys = keys.clone();
    }

    /** All rows, no context rows. */
    public static StackingData of(float[][] features, int[] labels, int[] labelEnds, long[] keys) {
        return new StackingData(features, labels, labelEnds, keys, 0);
    }

    /** Number of rows including context rows. */
    public int rows() {
        return features.length;
    }

    /** Number of sample rows. */
    public int samples() {
        return features.length - contextRows;
    }

    /** Values per row. */
    public int featureCount() {
        return features[0].length;
    }

    /** Row {@code i} without copying; callers must not modify it. */
    public float[] row(int i) {
        return features[i];
    }

    /** The label of row {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The label end of row {@code i}. */
    public int labelEnd(int i) {
        return labelEnds[i];
    }

    /** The key of row {@code i}. */
    public long key(int i) {
        return keys[i];
    }

    /**
     * The window of {@code length} rows ending at row {@code i}, flattened oldest first, into
     * {@code out}.
     *
     * @throws IllegalArgumentException if the window would start before row 0
     */
    public void window(int i, int length, float[] out) {
        int start = i - length + 1;
        if (start < 0) {
            throw new IllegalArgumentException("a window of " + length + " rows ending at row " + i
                    + " starts before the first row; give at least " + (length - 1) + " context rows");
        }
        int f = featureCount();
        for (int r = 0; r < length; r++) {
            System.arraycopy(features[start + r], 0, out, r * f, f);
        }
    }

    /** A copy of the features. */
    @Override
    public float[][] features() {
        float[][] copy = new float[features.length][];
        for (int i = 0; i < features.length; i++) {
            copy[i] = features[i].clone();
        }
        return copy;
    }

    /** A copy of the labels. */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of the label ends. */
    @Override
    public int[] labelEnds() {
        return labelEnds.clone();
    }

    /** A copy of the keys. */
    @Override
    public long[] keys() {
        return keys.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StackingData d && contextRows == d.contextRows
                && java.util.Arrays.deepEquals(features, d.features) && java.util.Arrays.equals(labels, d.labels)
                && java.util.Arrays.equals(labelEnds, d.labelEnds) && java.util.Arrays.equals(keys, d.keys);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(keys) * 31 + contextRows;
    }

    @Override
    public String toString() {
        return "StackingData[rows=" + features.length + ", features=" + features[0].length + ", contextRows="
                + contextRows + "]";
    }
}
