package dev.sextant.trading.models;

import dev.sextant.trading.core.Checks;
import java.util.Arrays;

/**
 * Rows to train a vector model on: features, class labels and, optionally, a validation split
 * (used by trainers for early stopping) and per-class weights.
 *
 * <p>Labels are class indices in the fixed order 0 SELL, 1 HOLD, 2 BUY. Every feature value is
 * finite: drop warm-up rows before building a set. Arrays are copied on construction and the
 * accessors return copies, so a set is immutable and thread-safe.
 *
 * @param features           {@code [rows][featureCount]}, at least one row, all rows of equal length
 * @param labels             one label in [0, 2] per row
 * @param validationFeatures validation rows of the same feature count, or {@code null} for none
 * @param validationLabels   one label per validation row, or {@code null} exactly when
 *                           {@code validationFeatures} is null
 * @param classWeights       three positive weights in SELL, HOLD, BUY order; a row's loss is
 *                           multiplied by the weight of its class
 */
public record TrainingSet(float[][] features, int[] labels, float[][] validationFeatures,
        int[] validationLabels, double[] classWeights) {

    /** Number of classes: SELL, HOLD, BUY. */
    public static final int CLASSES = 3;

    /** Validates and copies every array. */
    public TrainingSet {
        features = copyRows(Checks.notNull(features, "features"), "features", -1);
        Checks.positive(features.length, "number of training rows");
        labels = checkLabels(Checks.notNull(labels, "labels"), features.length, "labels");
        if ((validationFeatures == null) != (validationLabels == null)) {
            throw new IllegalArgumentException(
                    "validationFeatures and validationLabels must both be given or both be null");
        }
        if (validationFeatures != null) {
            validationFeatures = copyRows(validationFeatures, "validationFeatures", features[0].length);
            Checks.positive(validationFeatures.length, "number of validation rows");
            validationLabels = checkLabels(validationLabels, validationFeatures.length, "validationLabels");
        }
        Checks.notNull(classWeights, "classWeights");
        if (classWeights.length != CLASSES) {
            throw new IllegalArgumentException("classWeights must have 3 values (SELL, HOLD, BUY) but had "
                    + classWeights.length);
        }
        classWeights = classWeights.clone();
        for (int c = 0; c < CLASSES; c++) {
            Checks.positive(classWeights[c], "classWeights[" + c + "]");
        }
    }

    /** A set without validation rows and with unit class weights. */
    public static TrainingSet of(float[][] features, int[] labels) {
        return new TrainingSet(features, labels, null, null, new double[] {1, 1, 1});
    }

    /** This set with the given validation split. */
    public TrainingSet withValidation(float[][] validationFeatures, int[] validationLabels) {
        return new TrainingSet(features, labels, Checks.notNull(validationFeatures, "validationFeatures"),
                Checks.notNull(validationLabels, "validationLabels"), classWeights);
    }

    /** This set with the given class weights (SELL, HOLD, BUY). */
    public TrainingSet withClassWeights(double[] weights) {
        return new TrainingSet(features, labels, validationFeatures, validationLabels, weights);
    }

    /**
     * This set with weights inversely proportional to class frequency in the training rows,
     * {@code n / (3 * count[c])}, so that each class contributes equally to the loss. A class
     * with no rows gets weight 1.
     */
    public TrainingSet withBalancedClassWeights() {
        int[] counts = classCounts();
        double[] w = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            w[c] = counts[c] == 0 ? 1.0 : (double) labels.length / (CLASSES * counts[c]);
        }
        return withClassWeights(w);
    }

    /** Number of training rows. */
    public int size() {
        return features.length;
    }

    /** Values per row. */
    public int featureCount() {
        return features[0].length;
    }

    /** Whether a validation split is present. */
    public boolean hasValidation() {
        return validationFeatures != null;
    }

    /** Training rows per class, SELL, HOLD, BUY. */
    public int[] classCounts() {
        int[] counts = new int[CLASSES];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The weight of each training row: the weight of its class. */
    public double[] rowWeights() {
        double[] w = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            w[i] = classWeights[labels[i]];
        }
        return w;
    }

    /** A copy of the training features. */
    @Override
    public float[][] features() {
        return copyRows(features, "features", -1);
    }

    /** A copy of the training labels. */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of the validation features, or null. */
    @Override
    public float[][] validationFeatures() {
        return validationFeatures == null ? null : copyRows(validationFeatures, "validationFeatures", -1);
    }

    /** A copy of the validation labels, or null. */
    @Override
    public int[] validationLabels() {
        return validationLabels == null ? null : validationLabels.clone();
    }

    /** A copy of the class weights. */
    @Override
    public double[] classWeights() {
        return classWeights.clone();
    }

    /** Training row {@code i} without copying the whole matrix; the caller must not modify it. */
    public float[] row(int i) {
        return features[i];
    }

    /** Training label {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingSet t && Arrays.deepEquals(features, t.features)
                && Arrays.equals(labels, t.labels) && Arrays.deepEquals(validationFeatures, t.validationFeatures)
                && Arrays.equals(validationLabels, t.validationLabels) && Arrays.equals(classWeights, t.classWeights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(features) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "TrainingSet[rows=" + features.length + ", features=" + features[0].length
                + ", validationRows=" + (validationFeatures == null ? 0 : validationFeatures.length)
                + ", classWeights=" + Arrays.toString(classWeights) + "]";
    }

    private static float[][] copyRows(float[][] rows, String name, int expectedWidth) {
        float[][] copy = new float[rows.length][];
        int width = expectedWidth;
        for (int i = 0; i < rows.length; i++) {
            float[] row = Checks.notNull(rows[i], name + "[" + i + "]");
            if (width < 0) {
                width = Checks.positive(row.length, name + "[0].length");
            }
            if (row.length != width) {
                throw new IllegalArgumentException(name + " row " + i + " has " + row.length
                        + " values but " + width + " were expected");
            }
            for (int j = 0; j < row.length; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException(name + " row " + i + " feature " + j
                            + " must be finite but was " + row[j]);
                }
            }
            copy[i] = row.clone();
        }
        return copy;
    }

    private static int[] checkLabels(int[] labels, int rows, String name) {
        Checks.notNull(labels, name);
        if (labels.length != rows) {
            throw new IllegalArgumentException(name + " has " + labels.length + " values but there are "
                    + rows + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= CLASSES) {
                throw new IllegalArgumentException(name + "[" + i + "] must be a class index in [0, 2] but was "
                        + labels[i]);
            }
        }
        return labels.clone();
    }
}
