package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.ensemble.StandardScaler;
import java.util.Arrays;

/**
 * What out-of-distribution gating needs from the training data: the standardisation of the
 * feature vector, a subsample of standardised training rows, how many nearest neighbours the
 * distance averages, and the threshold calibrated on the subsample's own leave-one-out distances.
 * The distance of a vector is the mean Euclidean distance of its standardised values to its
 * {@code neighbours} nearest rows in the subsample (a k-nearest-neighbour form of FreqAI's
 * dissimilarity index); a bar whose distance exceeds {@code threshold} is out of distribution.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scaler     the standardisation fitted on the training rows
 * @param samples    standardised training rows, each {@code scaler.featureCount()} finite values;
 *                   more than {@code neighbours}
 * @param neighbours nearest neighbours averaged, at least 1
 * @param quantile   the quantile of the leave-one-out distances the threshold is, in (0, 1]
 * @param threshold  the calibrated threshold, finite and non-negative
 */
public record OodReference(StandardScaler scaler, float[][] samples, int neighbours, double quantile, double threshold) {

    /** Validates and copies. */
    public OodReference {
        Checks.notNull(scaler, "scaler");
        Checks.notNull(samples, "samples");
        Checks.positive(neighbours, "neighbours");
        if (samples.length <= neighbours) {
            throw new IllegalArgumentException("samples must hold more rows than neighbours (" + neighbours + ") but held "
                    + samples.length);
        }
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1] but was " + quantile);
        }
        Checks.nonNegative(Checks.finite(threshold, "threshold"), "threshold");
        int d = scaler.featureCount();
        float[][] copy = new float[samples.length][];
        for (int i = 0; i < samples.length; i++) {
            Checks.notNull(samples[i], "samples[" + i + "]");
            if (samples[i].length != d) {
                throw new IllegalArgumentException("samples[" + i + "] has " + samples[i].length + " values but the scaler has "
                        + d + " features");
            }
            for (int j = 0; j < d; j++) {
                Checks.finite(samples[i][j], "samples[" + i + "][" + j + "]");
            }
            copy[i] = samples[i].clone();
        }
        samples = copy;
    }

    /**
     * Builds the reference from training rows: fits the scaler on all rows, keeps {@code samples}
     * evenly spaced rows (all when there are fewer), and sets the threshold to the
     * {@code quantile} of each kept row's distance to the other kept rows.
     *
     * @param rows       training rows, equal lengths, finite values; more than {@code neighbours + 1}
     * @param samples    rows to keep, more than {@code neighbours + 1}
     * @param neighbours nearest neighbours averaged
     * @param quantile   threshold quantile in (0, 1]
     * @throws IllegalArgumentException if there are too few rows or a value is not finite
     */
    public static OodReference fit(float[][] rows, int samples, int neighbours, double quantile) {
        Checks.notNull(rows, "rows");
        Checks.positive(neighbours, "neighbours");
        if (rows.length < neighbours + 2 || samples < neighbours + 2) {
            throw new IllegalArgumentException("out-of-distribution gating with " + neighbours + " neighbours needs at least "
                    + (neighbours + 2) + " training rows and samples but had " + rows.length + " rows and " + samples
                    + " samples");
        }
        StandardScaler scaler = StandardScaler.fit(rows);
        int m = Math.min(samples, rows.length);
        float[][] kept = new float[m][];
        for (int i = 0; i < m; i++) {
            float[] row = rows[(int) ((long) i * rows.length / m)];
            float[] z = new float[row.length];
            scaler.transform(row, z, 1);
            kept[i] = z;
        }
        OodReference provisional = new OodReference(scaler, kept, neighbours, quantile, 0);
        OutOfDistributionGate gate = new OutOfDistributionGate(provisional);
        double[] own = new double[m];
        for (int i = 0; i < m; i++) {
            own[i] = gate.scaledScore(kept[i], i);
        }
        Arrays.sort(own);
        double threshold = own[(int) Math.min(m - 1, Math.max(0, Math.ceil(quantile * m) - 1))];
        return new OodReference(scaler, kept, neighbours, quantile, threshold);
    }

    /** Number of features. */
    public int featureCount() {
        return scaler.featureCount();
    }

    /** The standardised training rows (a deep copy). */
    @Override
    public float[][] samples() {
        float[][] copy = new float[samples.length][];
        for (int i = 0; i < samples.length; i++) {
            copy[i] = samples[i].clone();
        }
        return copy;
    }

    /** Row {@code i}, column {@code j} of the samples, without copying. */
    float sample(int i, int j) {
        return samples[i][j];
    }

    /** Number of kept rows. */
    public int sampleCount() {
        return samples.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OodReference r && r.scaler.equals(scaler) && Arrays.deepEquals(r.samples, samples)
                && r.neighbours == neighbours && r.quantile == quantile && r.threshold == threshold;
    }

    @Override
    public int hashCode() {
        return 31 * scaler.hashCode() + Arrays.deepHashCode(samples) + Double.hashCode(threshold);
    }

    @Override
    public String toString() {
        return "OodReference[" + samples.length + " rows, " + neighbours + " neighbours, threshold " + threshold + " (q"
                + quantile + ")]";
    }
}
