package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;

/**
 * Scores a feature vector's distance to the training data and says whether it lies out of
 * distribution ({@link OodReference}): the vector is standardised, its squared distances to every
 * kept training row are accumulated feature by feature (a loop the JIT vectorises), and the mean
 * Euclidean distance to the {@code neighbours} nearest rows is compared with the threshold.
 *
 * <p>Allocates nothing per call. Not thread-safe: one instance per thread (it holds scratch arrays).
 */
public final class OutOfDistributionGate {

    private final OodReference reference;
    private final double[] mean;
    private final double[] scale;
    /** The samples feature-major: {@code columns[j][i]} is feature j of row i. */
    private final float[][] columns;
    private final float[] distances;
    private final double[] nearest;
    private final float[] scaled;
    private final double threshold;

    /** A gate for {@code reference}. */
    public OutOfDistributionGate(OodReference reference) {
        this.reference = Checks.notNull(reference, "reference");
        int d = reference.featureCount();
        int m = reference.sampleCount();
        this.mean = reference.scaler().mean();
        this.scale = reference.scaler().scale();
        this.columns = new float[d][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                columns[j][i] = reference.sample(i, j);
            }
        }
        this.distances = new float[m];
        this.nearest = new double[reference.neighbours()];
        this.scaled = new float[d];
        this.threshold = reference.threshold();
    }

    /** The reference. */
    public OodReference reference() {
        return reference;
    }

    /** The calibrated threshold. */
    public double threshold() {
        return threshold;
    }

    /**
     * The distance of a raw (unscaled) feature vector to the training data.
     *
     * @param features {@code reference().featureCount()} finite values in the bundle's feature order
     * @return the mean Euclidean distance to the nearest kept training rows, in standard deviations
     * @throws IllegalArgumentException if the length differs
     */
    public double score(double[] features) {
        if (features.length != scaled.length) {
            throw new IllegalArgumentException("the gate reads " + scaled.length + " features but got " + features.length);
        }
        for (int j = 0; j < scaled.length; j++) {
            scaled[j] = (float) ((features[j] - mean[j]) / scale[j]);
        }
        return scaledScore(scaled, -1);
    }

    /** Whether {@code score} exceeds the threshold. */
    public boolean isOutOfDistribution(double score) {
        return score > threshold;
    }

    /** The distance of an already standardised vector, leaving out kept row {@code skip} (or none when negative). */
    double scaledScore(float[] z, int skip) {
        float[] dist = distances;
        // The first feature's squares start the sums (0f + x is x exactly), sparing a pass that zeroes them.
        float z0 = z[0];
        float[] first = columns[0];
        for (int i = 0; i < dist.length; i++) {
            float diff = z0 - first[i];
            dist[i] = diff * diff;
        }
        for (int j = 1; j < z.length; j++) {
            float zj = z[j];
            float[] col = columns[j];
            for (int i = 0; i < dist.length; i++) {
                float diff = zj - col[i];
                dist[i] += diff * diff;
            }
        }
        int k = nearest.length;
        int found = 0;
        for (int i = 0; i < dist.length; i++) {
            if (i == skip) {
                continue;
            }
            double v = dist[i];
            if (found < k) {
                int p = found++;
                while (p > 0 && nearest[p - 1] > v) {
                    nearest[p] = nearest[p - 1];
                    p--;
                }
                nearest[p] = v;
            } else if (v < nearest[k - 1]) {
                int p = k - 1;
                while (p > 0 && nearest[p - 1] > v) {
                    nearest[p] = nearest[p - 1];
                    p--;
                }
                nearest[p] = v;
            }
        }
        double sum = 0;
        for (int p = 0; p < found; p++) {
            sum += Math.sqrt(nearest[p]);
        }
        return sum / found;
    }
}
