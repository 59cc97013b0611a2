package dev.sextant.trading.models.internal;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainerParams;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.linear.LogisticRegressionSettings;
import dev.sextant.trading.models.linear.TimeframeLogisticRegression;
import java.util.Map;

/**
 * Trains {@link TimeframeLogisticRegression}; registered with ServiceLoader under type
 * {@code timeframe-logistic}. Parameters: {@code timeframe} (required, e.g. {@code 5m}),
 * {@code offset} (required, the first column) and {@code count} (required, the number of
 * columns), those of {@link LogisticRegressionSettings} ({@code l2}, {@code maxIterations}),
 * {@code id} (default {@code timeframe-logistic}) and {@code seed} (accepted; the fit is
 * deterministic).
 */
public final class TimeframeLogisticTrainer implements ModelTrainer {

    /** Creates the trainer (ServiceLoader). */
    public TimeframeLogisticTrainer() {
    }

    @Override
    public String type() {
        return TimeframeLogisticRegression.TYPE;
    }

    @Override
    public String artifact() {
        return "dev.sextant:trading-models";
    }

    @Override
    public TrainedModel train(TrainingSet data, Map<String, String> params) {
        TrainerParams p = new TrainerParams(params, TimeframeLogisticRegression.TYPE);
        String label = p.string("timeframe", null);
        long offset = p.longParam("offset", -1);
        int count = p.positiveInt("count", Integer.MAX_VALUE);
        double l2 = p.positiveDouble("l2", LogisticRegressionSettings.DEFAULT_L2);
        int maxIterations = p.positiveInt("maxIterations", LogisticRegressionSettings.DEFAULT_MAX_ITERATIONS);
        String id = p.string("id", TimeframeLogisticRegression.TYPE);
        p.longParam("seed", 42);
        p.checkAllUsed();
        if (label == null || offset < 0 || offset > Integer.MAX_VALUE || count == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(TimeframeLogisticRegression.TYPE + " needs the parameters 'timeframe', 'offset' "
                    + "(non-negative) and 'count' but got " + new java.util.TreeMap<>(params));
        }
        TimeFrame tf;
        try {
            tf = TimeFrame.parse(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TimeframeLogisticRegression.TYPE + " parameter 'timeframe' must be a time frame "
                    + "like 5m but was '" + label + "'", e);
        }
        return TimeframeLogisticRegression.train(data, id, tf, (int) offset, count, l2, maxIterations);
    }
}
