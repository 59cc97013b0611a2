package dev.sextant.trading.models.smile.internal;

import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainerParams;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.smile.SmileModels;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the three Smile trainers share: common parameters, data conversion and provenance. */
abstract class SmileTrainer implements ModelTrainer {

    @Override
    public final String artifact() {
        return SmileModels.ARTIFACT;
    }

    @Override
    public final TrainedModel train(TrainingSet data, Map<String, String> params) {
        TrainerParams p = new TrainerParams(params, type());
        String id = p.string("id", type());
        long seed = p.longParam("seed", 42);
        Map<String, String> used = new LinkedHashMap<>();
        Object classifier = fit(data, p, seed, used);
        p.checkAllUsed();
        used.put("smileVersion", SmileModel.smileVersion());
        used.put("classWeights", Arrays.toString(data.classWeights()));
        Provenance provenance = new Provenance("smile " + SmileModel.smileVersion() + " " + type(),
                data.size() + " rows x " + data.featureCount() + " features", seed, Instant.now(), used);
        return new SmileModel(type(), id, classifier, data.featureCount(), provenance);
    }

    /**
     * Fits the Smile classifier.
     *
     * @param used receives the hyper-parameters actually used, for provenance
     */
    abstract Object fit(TrainingSet data, TrainerParams params, long seed, Map<String, String> used);

    static double[][] toDoubles(TrainingSet data) {
        double[][] x = new double[data.size()][data.featureCount()];
        for (int i = 0; i < x.length; i++) {
            float[] row = data.row(i);
            for (int j = 0; j < row.length; j++) {
                x[i][j] = row[j];
            }
        }
        return x;
    }

    static int distinctClasses(TrainingSet data) {
        int n = 0;
        for (int c : data.classCounts()) {
            if (c > 0) {
                n++;
            }
        }
        return n;
    }

    void requireClasses(TrainingSet data, int min) {
        if (distinctClasses(data) < min) {
            throw new IllegalArgumentException(type() + " needs rows of at least " + min + " classes but the training set has "
                    + "class counts " + Arrays.toString(data.classCounts()) + " (SELL, HOLD, BUY)");
        }
    }

    void requireEqualClassWeights(TrainingSet data) {
        double[] w = data.classWeights();
        if (w[0] != w[1] || w[1] != w[2]) {
            throw new IllegalArgumentException(type() + " does not support class weights but got " + Arrays.toString(w)
                    + "; use smile-rf or logistic, or balance the rows");
        }
    }
}
