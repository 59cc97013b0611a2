package dev.sextant.trading.models.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic references for tests: Gaussian features and well-calibrated predictions. */
final class References {

    private References() {
    }

    static List<String> names(int d) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        return names;
    }

    static float[][] gaussianRows(int n, int d, long seed) {
        Random rnd = new Random(seed);
        float[][] rows = new float[n][d];
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (10 + 2 * rnd.nextGaussian());
            }
        }
        return rows;
    }

    /** A reference of {@code d} N(10, 2^2) features and a calibrated 3-class prediction stream. */
    static DriftReference gaussian(int n, int d, long seed) {
        Random rnd = new Random(seed + 1);
        int m = 2000;
        double[] p = new double[3 * m];
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            prediction(rnd, p, 3 * i);
            y[i] = draw(rnd, p, 3 * i);
        }
        return DriftReference.build(names(d), gaussianRows(n, d, seed), p, y, ReferenceSettings.defaults());
    }

    /** Writes a random 3-class distribution at {@code p[o..o+2]}. */
    static void prediction(Random rnd, double[] p, int o) {
        double a = Math.exp(rnd.nextGaussian());
        double b = Math.exp(rnd.nextGaussian());
        double c = Math.exp(rnd.nextGaussian());
        double s = a + b + c;
        p[o] = a / s;
        p[o + 1] = b / s;
        p[o + 2] = c / s;
    }

    /** A class drawn from the distribution at {@code p[o..o+2]}. */
    static int draw(Random rnd, double[] p, int o) {
        double u = rnd.nextDouble();
        return u < p[o] ? 0 : u < p[o] + p[o + 1] ? 1 : 2;
    }
}
