package dev.sextant.trading.models.internal;

/** Checks on flat {@code rows * 3} probability arrays shared by metrics, calibration and ensembles. */
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
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            double v = p[offset + c];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("probability " + c + " of " + where + " must be in [0, 1] but was " + v);
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("probabilities of " + where + " must sum to 1 but summed to " + sum);
        }
    }
}
