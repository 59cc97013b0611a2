package dev.sextant.trading.models.smile;

import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainerSettings;
import dev.sextant.trading.models.TrainingSet;
import java.util.Map;

/** A small separable three-class set: class c lies around c on both features. */
final class SmileData {
    private SmileData() {
    }

    static TrainingSet threeClasses() {
        float[][] x = new float[90][2];
        int[] y = new int[90];
        for (int i = 0; i < 90; i++) {
            y[i] = i % 3;
            x[i][0] = y[i] + (i % 7) * 0.05f;
            x[i][1] = y[i] - (i % 5) * 0.04f;
        }
        return TrainingSet.of(x, y);
    }

    /** The BUY probability of {@code settings}' model for the point (1, 1), and of the trainer's defaults. */
    static double[] buyWithAndWithoutSettings(TrainerSettings settings) {
        ModelTrainer t = Models.trainer(settings.type());
        double[] a = new double[3];
        double[] b = new double[3];
        t.train(threeClasses(), settings.toParams()).predict(new float[] {1.2f, 1.2f}, a);
        t.train(threeClasses(), Map.of()).predict(new float[] {1.2f, 1.2f}, b);
        return new double[] {a[2], b[2]};
    }
}
