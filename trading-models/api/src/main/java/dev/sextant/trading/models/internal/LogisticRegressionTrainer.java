package dev.sextant.trading.models.internal;

import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainerParams;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.linear.LogisticRegression;
import dev.sextant.trading.models.linear.LogisticRegressionSettings;
import java.util.Map;

/**
 * Trains {@link LogisticRegression}; registered with ServiceLoader under type {@code logistic}.
 * Parameters: those of {@link LogisticRegressionSettings} ({@code l2}, {@code maxIterations}),
 * {@code id} (default {@code logistic}) and {@code seed} (accepted; the fit is deterministic).
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
        double l2 = p.positiveDouble("l2", LogisticRegressionSettings.DEFAULT_L2);
        int maxIterations = p.positiveInt("maxIterations", LogisticRegressionSettings.DEFAULT_MAX_ITERATIONS);
        String id = p.string("id", LogisticRegression.TYPE);
        p.longParam("seed", 42);
        p.checkAllUsed();
        return LogisticRegression.train(data, id, l2, maxIterations);
    }
}
