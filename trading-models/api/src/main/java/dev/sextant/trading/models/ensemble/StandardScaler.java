package dev.sextant.trading.models.ensemble;

import dev.sextant.trading.core.Checks;
import java.util.Arrays;

/**
 * Per-feature standardisation {@code (x - mean) / scale}, fitted on training rows and stored in
 * bundles so that live inputs are scaled exactly as the training inputs were.
 *
 * <p>Immutable and thread-safe; {@link #transform} allocates nothing.
 *
 * @param mean  per-feature mean, finite
 * @param scale per-feature scale, finite and positive (the standard deviation, or 1 for a
 *              constant feature)
 */
public record StandardScaler(double[] mean, double[] scale) {

    /** Validates and copies. */
    public StandardScaler {
        Checks.notNull(mean, "mean");
        Checks.notNull(scale, "scale");
        Checks.positive(mean.length, "number of features");
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("mean and scale must have the same length but had " + mean.length
                    + " and " + scale.length);
        }
        for (int j = 0; j < mean.length; j++) {
            Checks.finite(mean[j], "mean[" + j + "]");
            Checks.positive(scale[j], "scale[" + j + "]");
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    /**
     * Fits mean and population standard deviation of each column of {@code rows}; a column with
     * zero spread gets scale 1.
     *
     * @param rows at least one row, all of equal length, finite values
     */
    public static StandardScaler fit(float[][] rows) {
        Checks.notNull(rows, "rows");
        Checks.positive(rows.length, "number of rows");
        int f = rows[0].length;
        double[] mean = new double[f];
        double[] m2 = new double[f];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != f) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values but row 0 has " + f);
            }
            for (int j = 0; j < f; j++) {
                double x = Checks.finite(rows[i][j], "row " + i + " feature " + j);
                double d = x - mean[j];
                mean[j] += d / (i + 1);
                m2[j] += d * (x - mean[j]);
            }
        }
        double[] scale = new double[f];
        for (int j = 0; j < f; j++) {
            double sd = Math.sqrt(m2[j] / rows.length);
            scale[j] = sd > 1e-12 ? sd : 1;
        }
        return new StandardScaler(mean, scale);
    }

    /** Number of features. */
    public int featureCount() {
        return mean.length;
    }

    /**
     * Scales {@code count} consecutive feature vectors from {@code in} into {@code out}
     * (may be the same array).
     */
    public void transform(float[] in, float[] out, int count) {
        int f = mean.length;
        for (int r = 0; r < count; r++) {
            int o = r * f;
            for (int j = 0; j < f; j++) {
                out[o + j] = (float) ((in[o + j] - mean[j]) / scale[j]);
            }
        }
    }

    /** A scaled copy of every row. */
    public float[][] transformRows(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != mean.length) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values but the scaler has "
                        + mean.length);
            }
            out[i] = new float[mean.length];
            transform(rows[i], out[i], 1);
        }
        return out;
    }

    /** The means (a copy). */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** The scales (a copy). */
    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardScaler s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "StandardScaler[features=" + mean.length + "]";
    }
}
