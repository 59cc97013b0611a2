package dev.sextant.trading.models.internal;

import dev.sextant.trading.models.ModelOutputException;

/**
 * The one check that a row of three values is a probability distribution (each finite and in
 * [0, 1], summing to 1 within {@link #SUM_TOLERANCE}), shared by metrics, calibration, ensembles,
 * bundles and every loaded adapter's output.
 */
public final class ProbabilityChecks {

    /** Tolerance on the sum of one row of probabilities. */
    public static final double SUM_TOLERANCE = 1e-6;

    private ProbabilityChecks() {
    }

    /**
     * Checks {@code probabilities} holds {@code labels.length} rows of three probabilities that
     * each sum to 1, and that every label is in [0, 2].
     *
     * @return the number of rows, positive
     * @throws IllegalArgumentException naming the first bad row or label
     */
    public static int rows(double[] probabilities, int[] labels) {
        if (probabilities == null || labels == null) {
            throw new NullPointerException("probabilities and labels must not be null");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("at least one row is needed but there were none");
        }
        if (probabilities.length != 3 * labels.length) {
            throw new IllegalArgumentException("probabilities must have 3 values per label: expected "
                    + 3 * labels.length + " but got " + probabilities.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 2) {
                throw new IllegalArgumentException("label at row " + i + " must be a class index in [0, 2] but was "
                        + labels[i]);
            }
        }
        distributions(probabilities);
        return labels.length;
    }

    /**
     * Checks every row of three values is a probability distribution.
     *
     * @throws IllegalArgumentException naming the first bad row
     */
    public static void distributions(double[] probabilities) {
        if (probabilities.length % 3 != 0) {
            throw new IllegalArgumentException("probabilities must hold rows of 3 values but had "
                    + probabilities.length + " values");
        }
        for (int i = 0; i < probabilities.length; i += 3) {
            distribution(probabilities, i, "row " + i / 3);
        }
    }

    /** Checks the three values at {@code offset} form a distribution; {@code where} names them in errors. */
    public static void distribution(double[] p, int offset, String where) {
        String problem = problem(p, offset);
        if (problem != null) {
            throw new IllegalArgumentException("probabilities of " + where + ": " + problem);
        }
    }

    /**
     * Checks a model's output row before anything uses it.
     *
     * @param model  the model's id, named in the error
     * @param p      the output
     * @param offset index of the row's first value
     * @param row    the row of a batch call, or {@link ModelOutputException#UNKNOWN_ROW}
     * @throws ModelOutputException naming the model, the row and the values
     */
    public static void output(String model, double[] p, int offset, long row) {
        String problem = problem(p, offset);
        if (problem != null) {
            throw new ModelOutputException(model, row, problem);
        }
    }

    /** Checks {@code rows} output rows of a batch call, naming the first bad one. */
    public static void outputs(String model, double[] p, int rows) {
        for (int i = 0; i < rows; i++) {
            output(model, p, 3 * i, i);
        }
    }

    /** What is wrong with the three values at {@code offset}, or null when they are a distribution. */
    private static String problem(double[] p, int offset) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            double v = p[offset + c];
            if (!(v >= 0 && v <= 1)) {
                return "probability " + c + " must be in [0, 1] but was " + v + " (row " + values(p, offset) + ")";
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            return "probabilities must sum to 1 but summed to " + sum + " (row " + values(p, offset) + ")";
        }
        return null;
    }

    private static String values(double[] p, int offset) {
        return "[" + p[offset] + ", " + p[offset + 1] + ", " + p[offset + 2] + "]";
    }
}
