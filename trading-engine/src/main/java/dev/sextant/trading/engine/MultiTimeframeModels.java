package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.linear.TimeframeLogisticRegression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training configuration for a multi-timeframe bundle: one reference model per time frame and a
 * meta-learner over their out-of-fold predictions, trained by {@link BundleTrainer} and written
 * as one ordinary bundle.
 *
 * <p>The bundle's feature spec is the base spec computed on every time frame
 * ({@link FeatureSpec#withTimeframes}): the input bars' features, then the same features on bars
 * resampled to each coarser time frame, each coarser group held between its bar closes by the
 * {@link dev.sextant.trading.features.FeatureEngine}. The reference model of time frame {@code k}
 * is a {@link TimeframeLogisticRegression} (model id {@code tf-<label>}, e.g. {@code tf-5m}) that
 * reads only group {@code k}, so its output too changes only when a bar of its time frame closes.
 * Labels are the input bars' fixed-horizon labels, the target the ensemble predicts. Stacking,
 * purging, embargo, calibration and the test part are {@link BundleTrainer}'s, so the
 * meta-learner sees only out-of-fold predictions; the result loads with
 * {@link dev.sextant.trading.models.bundle.ModelBundle#load} and streams with
 * {@link MultiTimeframePredictor}.
 *
 * <p>Stateless.
 */
public final class MultiTimeframeModels {

    /** The time frames of the reference design: 1m input bars, then 5m, 15m and 1h. */
    public static final List<TimeFrame> STANDARD_TIMEFRAMES = List.of(TimeFrame.M1, TimeFrame.M5, TimeFrame.M15, TimeFrame.H1);
    /** The prefix of each reference model's id, followed by the time frame label. */
    public static final String MODEL_ID_PREFIX = "tf-";

    private MultiTimeframeModels() {
    }

    /**
     * The multi-timeframe spec: {@code base} on every time frame in {@code timeframes}.
     *
     * @throws IllegalArgumentException if {@code base} already has time frames, or the time frames
     *                                  do not increase as whole multiples of the first
     */
    public static FeatureSpec spec(FeatureSpec base, List<TimeFrame> timeframes) {
        Checks.notNull(base, "base");
        Checks.notNull(timeframes, "timeframes");
        if (!base.timeframes().isEmpty()) {
            throw new IllegalArgumentException("feature spec " + base.name() + " already has time frames " + base.timeframes()
                    + "; give the spec of the input bars alone");
        }
        if (timeframes.isEmpty()) {
            throw new IllegalArgumentException("timeframes must name at least the input bars' time frame");
        }
        return base.withTimeframes(timeframes);
    }

    /**
     * The reference models, one {@value TimeframeLogisticRegression#TYPE} per time frame, reading
     * column groups of {@code base.size()} values in the order of {@code timeframes}.
     *
     * @param params extra trainer parameters for every reference model ({@code l2},
     *               {@code maxIterations}); empty for the defaults
     */
    public static List<TrainerSpec> referenceModels(FeatureSpec base, List<TimeFrame> timeframes, Map<String, String> params) {
        FeatureSpec spec = spec(base, timeframes);
        Checks.notNull(params, "params");
        int width = base.size();
        if (spec.size() != width * timeframes.size()) {
            throw new IllegalStateException("spec " + spec.name() + " has " + spec.size() + " columns, expected " + width
                    + " per time frame");
        }
        List<TrainerSpec> models = new ArrayList<>();
        for (int k = 0; k < timeframes.size(); k++) {
            Map<String, String> p = new LinkedHashMap<>(params);
            p.put("timeframe", timeframes.get(k).label());
            p.put("offset", Integer.toString(k * width));
            p.put("count", Integer.toString(width));
            models.add(new TrainerSpec(TimeframeLogisticRegression.TYPE, p, modelId(timeframes.get(k))));
        }
        return models;
    }

    /** The id of the reference model of {@code timeframe}: {@code tf-5m}. */
    public static String modelId(TimeFrame timeframe) {
        return MODEL_ID_PREFIX + Checks.notNull(timeframe, "timeframe").label();
    }

    /**
     * A {@link TrainingConfig} builder for the multi-timeframe spec with the reference models
     * added and stacking on even for a single time frame; set horizon, folds, calibration and so
     * on as for any bundle, and add no further models.
     */
    public static TrainingConfig.Builder builder(FeatureSpec base, List<TimeFrame> timeframes, Map<String, String> params) {
        TrainingConfig.Builder b = TrainingConfig.builder(spec(base, timeframes)).stackSingleModel(true);
        referenceModels(base, timeframes, params).forEach(b::model);
        return b;
    }
}
