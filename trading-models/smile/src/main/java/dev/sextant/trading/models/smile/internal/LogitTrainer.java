package dev.sextant.trading.models.smile.internal;

import dev.sextant.trading.models.TrainerParams;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.smile.SmileModels;
import java.util.Map;
import smile.classification.LogisticRegression;

/** Trains Smile logistic regression (type {@code smile-logit}); see {@link SmileModels} for parameters. */
public final class LogitTrainer extends SmileTrainer {

    /** Creates the trainer (ServiceLoader). */
    public LogitTrainer() {
    }

    @Override
    public String type() {
        return SmileModels.LOGISTIC;
    }

    @Override
    Object fit(TrainingSet data, TrainerParams p, long seed, Map<String, String> used) {
        double lambda = p.doubleIn("lambda", 0.1, 0, Double.MAX_VALUE);
        double tol = p.positiveDouble("tol", 1e-5);
        int maxIterations = p.positiveInt("maxIterations", 500);
        requireClasses(data, 2);
        requireEqualClassWeights(data);
        used.put("lambda", Double.toString(lambda));
        used.put("tol", Double.toString(tol));
        used.put("maxIterations", Integer.toString(maxIterations));
        return LogisticRegression.fit(toDoubles(data), data.labels(), new LogisticRegression.Options(lambda, tol, maxIterations));
    }
}
