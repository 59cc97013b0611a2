package dev.sextant.trading.models.smile.internal;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.TrainingSet;
import java.util.Random;

/** Synthetic three-class Gaussian clusters for adapter tests (not for claims about markets). */
final class Clusters {

    private Clusters() {
    }

    /** Class c is centred at +1.5 on feature c (features beyond 3 are noise). */
    static TrainingSet of(long seed, int rows, int features) {
        Random rnd = new Random(seed);
        float[][] x = new float[rows][features];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = rnd.nextInt(3);
            for (int j = 0; j < features; j++) {
                x[i][j] = (float) (rnd.nextGaussian() + (j == y[i] ? 1.5 : 0));
            }
        }
        return TrainingSet.of(x, y);
    }

    static double accuracy(Model m, TrainingSet test) {
        double[] p = new double[3];
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            m.predict(test.row(i), p);
            int arg = p[1] >= p[0] && p[1] >= p[2] ? 1 : p[0] >= p[2] ? 0 : 2;
            if (arg == test.label(i)) {
                correct++;
            }
        }
        return (double) correct / test.size();
    }
}
