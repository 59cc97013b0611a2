package dev.sextant.trading.models.validation;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.internal.ProbabilityChecks;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality of three-class probabilistic predictions (SELL, HOLD, BUY) against true labels.
 *
 * <ul>
 *   <li>accuracy: share of rows whose most probable class (ties to HOLD, then the lower index,
 *       as {@link dev.sextant.trading.core.ClassProbabilities#argmax()}) is the label;</li>
 *   <li>per-class precision, recall and F1 (0 where undefined: no predictions or no rows of the
 *       class);</li>
 *   <li>confusion matrix {@code [true][predicted]};</li>
 *   <li>log loss: mean of {@code -ln p[label]}, probabilities clipped to [1e-15, 1];</li>
 *   <li>Brier score: mean over rows of {@code sum_c (p_c - y_c)^2}, in [0, 2];</li>
 *   <li>expected calibration error: top-label confidence in {@value #ECE_BINS} equal-width bins on
 *       [0, 1], {@code sum_b (n_b / n) |accuracy_b - confidence_b|}, in [0, 1].</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows      number of rows evaluated, positive
 * @param accuracy  in [0, 1]
 * @param precision per class, SELL, HOLD, BUY
 * @param recall    per class
 * @param f1        per class
 * @param confusion {@code [true class][predicted class]} counts
 * @param logLoss   non-negative
 * @param brier     in [0, 2]
 * @param ece       in [0, 1], with {@value #ECE_BINS} bins
 */
public record ClassificationMetrics(int rows, double accuracy, double[] precision, double[] recall,
        double[] f1, int[][] confusion, double logLoss, double brier, double ece) {

    /** Number of equal-width confidence bins used for the expected calibration error. */
    public static final int ECE_BINS = 15;

    private static final double LOG_LOSS_EPS = 1e-15;

    /** Validates and copies. */
    public ClassificationMetrics {
        Checks.positive(rows, "rows");
        Checks.inRange(accuracy, 0, 1, "accuracy");
        precision = three(precision, "precision");
        recall = three(recall, "recall");
        f1 = three(f1, "f1");
        Checks.notNull(confusion, "confusion");
        if (confusion.length != 3) {
            throw new IllegalArgumentException("confusion must be 3 x 3 but had " + confusion.length + " rows");
        }
        int[][] c = new int[3][];
        for (int i = 0; i < 3; i++) {
            if (confusion[i] == null || confusion[i].length != 3) {
                throw new IllegalArgumentException("confusion row " + i + " must have 3 values");
            }
            c[i] = confusion[i].clone();
        }
        confusion = c;
        Checks.nonNegative(logLoss, "logLoss");
        Checks.inRange(brier, 0, 2, "brier");
        Checks.inRange(ece, 0, 1, "ece");
    }

    /**
     * Computes every metric.
     *
     * @param probabilities {@code rows * 3} values, row i at {@code [3i..3i+2]} in SELL, HOLD, BUY
     *                      order, each in [0, 1] and summing to 1 within 1e-6
     * @param labels        one label in [0, 2] per row
     * @throws IllegalArgumentException on lengths that do not match, no rows, a label out of range,
     *                                  or a row of probabilities that is not a distribution (naming the row)
     */
    public static ClassificationMetrics of(double[] probabilities, int[] labels) {
        int n = ProbabilityChecks.rows(probabilities, labels);
        int[][] confusion = new int[3][3];
        double logLoss = 0;
        double brier = 0;
        int[] binCount = new int[ECE_BINS];
        double[] binConfidence = new double[ECE_BINS];
        int[] binCorrect = new int[ECE_BINS];
        for (int i = 0; i < n; i++) {
            int o = 3 * i;
            int y = labels[i];
            int predicted = argmax(probabilities, o);
            confusion[y][predicted]++;
            logLoss += logLoss(probabilities, o, y);
            brier += brier(probabilities, o, y);
            double confidence = probabilities[o + predicted];
            int bin = Math.min(ECE_BINS - 1, (int) (confidence * ECE_BINS));
            binCount[bin]++;
            binConfidence[bin] += confidence;
            if (predicted == y) {
                binCorrect[bin]++;
            }
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (binCount[b] > 0) {
                ece += Math.abs(binCorrect[b] - binConfidence[b]) / n;
            }
        }
        int correct = 0;
        double[] precision = new double[3];
        double[] recall = new double[3];
        double[] f1 = new double[3];
        for (int c = 0; c < 3; c++) {
            correct += confusion[c][c];
            int predictedC = confusion[0][c] + confusion[1][c] + confusion[2][c];
            int actualC = confusion[c][0] + confusion[c][1] + confusion[c][2];
            precision[c] = predictedC == 0 ? 0 : (double) confusion[c][c] / predictedC;
            recall[c] = actualC == 0 ? 0 : (double) confusion[c][c] / actualC;
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
        }
        return new ClassificationMetrics(n, (double) correct / n, precision, recall, f1, confusion,
                logLoss / n, Math.min(2, brier / n), Math.min(1, ece));
    }

    /**
     * The log loss of one prediction, {@code -ln p[label]} with the probability clipped to
     * [1e-15, 1]: the per-row term whose mean is {@link #logLoss()}.
     *
     * @param probabilities SELL, HOLD, BUY probabilities at {@code offset} (not checked here)
     * @param offset        index of the SELL probability
     * @param label         the realised class, 0 to 2
     * @return the loss in nats, from 0 to about 34.5
     */
    public static double logLoss(double[] probabilities, int offset, int label) {
        return -Math.log(Math.max(probabilities[offset + label], LOG_LOSS_EPS));
    }

    /**
     * The Brier score of one prediction, {@code sum_c (p_c - y_c)^2}: the per-row term whose mean
     * is {@link #brier()}.
     *
     * @param probabilities SELL, HOLD, BUY probabilities at {@code offset} (not checked here)
     * @param offset        index of the SELL probability
     * @param label         the realised class, 0 to 2
     * @return the score, in [0, 2] for a probability distribution
     */
    public static double brier(double[] probabilities, int offset, int label) {
        double brier = 0;
        for (int c = 0; c < 3; c++) {
            double d = probabilities[offset + c] - (c == label ? 1 : 0);
            brier += d * d;
        }
        return brier;
    }

    /** The class predicted for the row at {@code offset}: argmax with ties to HOLD, then the lower index. */
    static int argmax(double[] p, int offset) {
        double s = p[offset];
        double h = p[offset + 1];
        double b = p[offset + 2];
        if (h >= s && h >= b) {
            return 1;
        }
        return s >= b ? 0 : 2;
    }

    /** Macro-averaged F1 over the three classes. */
    public double macroF1() {
        return (f1[0] + f1[1] + f1[2]) / 3;
    }

    /** Precision of each class, SELL, HOLD, BUY (a copy). */
    @Override
    public double[] precision() {
        return precision.clone();
    }

    /** Recall of each class (a copy). */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** F1 of each class (a copy). */
    @Override
    public double[] f1() {
        return f1.clone();
    }

    /** Confusion counts {@code [true][predicted]} (a copy). */
    @Override
    public int[][] confusion() {
        return new int[][] {confusion[0].clone(), confusion[1].clone(), confusion[2].clone()};
    }

    /**
     * The metrics as an ordered map of plain values (numbers, lists), ready to be written as JSON:
     * keys {@code rows, accuracy, logLoss, brier, ece, macroF1, precision, recall, f1, confusion}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("accuracy", accuracy);
        m.put("logLoss", logLoss);
        m.put("brier", brier);
        m.put("ece", ece);
        m.put("macroF1", macroF1());
        m.put("precision", java.util.List.of(precision[0], precision[1], precision[2]));
        m.put("recall", java.util.List.of(recall[0], recall[1], recall[2]));
        m.put("f1", java.util.List.of(f1[0], f1[1], f1[2]));
        m.put("confusion", java.util.List.of(
                java.util.List.of(confusion[0][0], confusion[0][1], confusion[0][2]),
                java.util.List.of(confusion[1][0], confusion[1][1], confusion[1][2]),
                java.util.List.of(confusion[2][0], confusion[2][1], confusion[2][2])));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassificationMetrics m && rows == m.rows
                && Double.compare(accuracy, m.accuracy) == 0 && Arrays.equals(precision, m.precision)
                && Arrays.equals(recall, m.recall) && Arrays.equals(f1, m.f1)
                && Arrays.deepEquals(confusion, m.confusion) && Double.compare(logLoss, m.logLoss) == 0
                && Double.compare(brier, m.brier) == 0 && Double.compare(ece, m.ece) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(confusion) * 31 + Double.hashCode(logLoss);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "rows=%d accuracy=%.4f macroF1=%.4f logLoss=%.4f brier=%.4f ece=%.4f confusion=%s",
                rows, accuracy, macroF1(), logLoss, brier, ece, Arrays.deepToString(confusion));
    }

    private static double[] three(double[] v, String name) {
        Checks.notNull(v, name);
        if (v.length != 3) {
            throw new IllegalArgumentException(name + " must have 3 values (SELL, HOLD, BUY) but had " + v.length);
        }
        for (int c = 0; c < 3; c++) {
            Checks.inRange(v[c], 0, 1, name + "[" + c + "]");
        }
        return v.clone();
    }
}
