package dev.sextant.trading.models.internal;

import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainerParams;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.linear.LogisticRegression;
import java.util.Map;

/**
 * Trains {@link LogisticRegression}; registered with ServiceLoader under type {@code logistic}.
 * Parameters: {@code l2} (default 0.01), {@code maxIterations} (default 500), {@code id}
 * (default {@code logistic}), {@code seed} (accepted; the fit is deterministic).
 */
public final class LogisticRegressionTrainer implements ModelTrainer {

    /** Creates the trainer (ServiceLoader). */
    public LogisticRegressionTrainer() {
    }

    @Override
    public String type() {
        return LogisticRegression.TYPE;
    }

    @Override
    public String artifact() {
        return "dev.sextant:trading-models";
    }

    @Override
    public TrainedModel train(TrainingSet data, Map<String, String> params) {
        TrainerParams p = new TrainerParams(params, "logistic");
        double l2 = p.positiveDouble("l2", 0.01);
        int maxIterations = p.positiveInt("maxIterations", 500);
        String id = p.string("id", LogisticRegression.TYPE);
        p.longParam("seed", 42);
        p.checkAllUsed();
        return LogisticRegression.train(data, id, l2, maxIterations);
    }
}
