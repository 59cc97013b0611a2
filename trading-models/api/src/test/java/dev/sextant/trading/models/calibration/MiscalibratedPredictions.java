package dev.sextant.trading.models.calibration;

import dev.sextant.trading.models.validation.LabelledPredictions;
import java.util.Random;

/**
 * A documented synthetic miscalibrated data set for calibration tests.
 *
 * <p>Each row draws true logits {@code z ~ N(0, 1)} per class; the label is drawn from
 * {@code softmax(z)}, so {@code softmax(z)} is perfectly calibrated. The "model" reports
 * {@code softmax(sharpness * z)}: with sharpness 3 it is over-confident (the true temperature
 * is 3), with 0.4 under-confident. Keys are row indices.
 */
final class MiscalibratedPredictions {

    private MiscalibratedPredictions() {
    }

    static LabelledPredictions generate(long seed, int rows, double sharpness) {
        Random rnd = new Random(seed);
        double[] p = new double[3 * rows];
        int[] y = new int[rows];
        double[] z = new double[3];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < 3; c++) {
                z[c] = rnd.nextGaussian();
            }
            double[] truth = softmax(z, 1);
            double u = rnd.nextDouble();
            y[i] = u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
            double[] reported = softmax(z, sharpness);
            System.arraycopy(reported, 0, p, 3 * i, 3);
        }
        return LabelledPredictions.indexed(p, y);
    }

    private static double[] softmax(double[] z, double scale) {
        double m = Math.max(z[0], Math.max(z[1], z[2])) * scale;
        double e0 = Math.exp(scale * z[0] - m);
        double e1 = Math.exp(scale * z[1] - m);
        double e2 = Math.exp(scale * z[2] - m);
        double s = e0 + e1 + e2;
        return new double[] {e0 / s, e1 / s, 1 - e0 / s - e1 / s};
    }
}
