package dev.sextant.trading.models.validation;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.internal.ProbabilityChecks;
import java.util.Arrays;

/**
 * Predicted probabilities with their true labels and row keys, in time order: the input to
 * calibration fitting, calibration evaluation and metrics.
 *
 * <p>Each row has a key that identifies it, strictly increasing: a bar's open time in epoch
 * milliseconds, or a row index. Keys let the API refuse to evaluate a calibrator on the rows it
 * was fitted on (see {@link dev.sextant.trading.models.calibration.CalibrationEvaluation}).
 * Arrays are copied; the set is immutable and thread-safe.
 *
 * @param keys          strictly increasing row keys
 * @param probabilities {@code keys.length * 3} values, SELL, HOLD, BUY per row, each row a distribution
 * @param labels        one class index in [0, 2] per row
 */
public record LabelledPredictions(long[] keys, double[] probabilities, int[] labels) {

    /** Validates and copies. */
    public LabelledPredictions {
        Checks.notNull(keys, "keys");
        ProbabilityChecks.rows(probabilities, labels);
        if (keys.length != labels.length) {
            throw new IllegalArgumentException("keys has " + keys.length + " values but there are "
                    + labels.length + " labels");
        }
        for (int i = 1; i < keys.length; i++) {
            if (keys[i] <= keys[i - 1]) {
                throw new IllegalArgumentException("keys must be strictly increasing but key at row " + i
                        + " (" + keys[i] + ") is not after row " + (i - 1) + " (" + keys[i - 1] + ")");
            }
        }
        keys = keys.clone();
        probabilities = probabilities.clone();
        labels = labels.clone();
    }

    /** Rows keyed by their index 0..n-1. */
    public static LabelledPredictions indexed(double[] probabilities, int[] labels) {
        long[] keys = new long[labels.length];
        Arrays.setAll(keys, i -> i);
        return new LabelledPredictions(keys, probabilities, labels);
    }

    /** Number of rows. */
    public int size() {
        return labels.length;
    }

    /** The first key. */
    public long firstKey() {
        return keys[0];
    }

    /** The last key. */
    public long lastKey() {
        return keys[keys.length - 1];
    }

    /** Metrics of these predictions against their labels. */
    public ClassificationMetrics metrics() {
        return ClassificationMetrics.of(probabilities, labels);
    }

    /** Rows {@code [from, to)} as a new set. */
    public LabelledPredictions slice(int from, int to) {
        Checks.inRange(from, 0, size() - 1, "from");
        Checks.inRange(to, from + 1, size(), "to");
        return new LabelledPredictions(Arrays.copyOfRange(keys, from, to),
                Arrays.copyOfRange(probabilities, 3 * from, 3 * to), Arrays.copyOfRange(labels, from, to));
    }

    /** The same keys and labels with other probabilities (used for calibrated outputs). */
    public LabelledPredictions withProbabilities(double[] other) {
        return new LabelledPredictions(keys, other, labels);
    }

    /** A copy of the keys. */
    @Override
    public long[] keys() {
        return keys.clone();
    }

    /** A copy of the probabilities. */
    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** A copy of the labels. */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** Probability of class {@code c} at row {@code i}. */
    public double probability(int i, int c) {
        return probabilities[3 * i + c];
    }

    /** The label of row {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The key of row {@code i}. */
    public long key(int i) {
        return keys[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelledPredictions p && Arrays.equals(keys, p.keys)
                && Arrays.equals(probabilities, p.probabilities) && Arrays.equals(labels, p.labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keys) * 31 + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "LabelledPredictions[rows=" + labels.length + ", keys=" + keys[0] + ".." + keys[keys.length - 1] + "]";
    }
}
