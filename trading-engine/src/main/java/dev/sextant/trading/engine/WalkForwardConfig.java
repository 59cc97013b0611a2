package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.FeatureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a walk-forward evaluation trains and tests. Build with {@link #builder(FeatureSpec)}; every
 * option has a default.
 *
 * @param spec                the features every model reads
 * @param models              trainer type ids found by ServiceLoader ({@code logistic} built in;
 *                            {@code xgboost}, {@code smile-rf}, ... from adapter artifacts)
 * @param modelParams         hyper-parameters per type id (missing types use the trainer's defaults)
 * @param pretrained          models trained elsewhere, each used only after its training data ends
 * @param horizon             label horizon in bars (default 1)
 * @param labelThreshold      k: a move counts as BUY/SELL when larger than k · volatility · √horizon
 *                            (default 0.5)
 * @param volatilityWindow    bars in the rolling volatility of the label threshold (default 60)
 * @param trainBars           training window in bars (default 20,000)
 * @param testBars            test window in bars (default 5,000)
 * @param expanding           expanding (true) or rolling (false, default) training window
 * @param embargo             bars left out between training and test after purging (default =
 *                            horizon)
 * @param innerFolds          purged walk-forward folds inside the training window for the
 *                            stacking meta-learner (default 4; unused with one model)
 * @param calibrationFraction latest share of the training window held out to fit calibration
 *                            (default 0.2), purged from the rows the models train on
 * @param calibration         {@code temperature} (default), {@code platt}, {@code isotonic} or {@code none}
 * @param trials              configurations tried so far, counted by the deflated Sharpe ratio (default 1)
 */
public record WalkForwardConfig(FeatureSpec spec, List<String> models, Map<String, Map<String, String>> modelParams,
        List<PretrainedModel> pretrained, int horizon, double labelThreshold, int volatilityWindow, int trainBars,
        int testBars, boolean expanding, int embargo, int innerFolds, double calibrationFraction, String calibration,
        int trials) {

    /** The calibration methods. */
    public static final List<String> CALIBRATIONS = List.of("temperature", "platt", "isotonic", "none");

    /** Validates and copies. */
    public WalkForwardConfig {
        Checks.notNull(spec, "spec");
        models = List.copyOf(Checks.notNull(models, "models"));
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        Checks.notNull(modelParams, "modelParams").forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        modelParams = Map.copyOf(copy);
        pretrained = List.copyOf(Checks.notNull(pretrained, "pretrained"));
        if (models.isEmpty() && pretrained.isEmpty()) {
            throw new IllegalArgumentException("models must name at least one trainer, or give a pretrained model");
        }
        Checks.positive(horizon, "horizon");
        Checks.nonNegative(labelThreshold, "labelThreshold");
        Checks.inRange(volatilityWindow, 2, 1_000_000, "volatilityWindow");
        Checks.positive(trainBars, "trainBars");
        Checks.positive(testBars, "testBars");
        Checks.nonNegative(embargo, "embargo");
        Checks.inRange(innerFolds, 2, 100, "innerFolds");
        Checks.inRange(calibrationFraction, 0.05, 0.5, "calibrationFraction");
        Checks.notNull(calibration, "calibration");
        if (!CALIBRATIONS.contains(calibration)) {
            throw new IllegalArgumentException("calibration must be one of " + CALIBRATIONS + " but was '" + calibration + "'");
        }
        Checks.positive(trials, "trials");
    }

    /** A builder with every default set, for {@code spec}. */
    public static Builder builder(FeatureSpec spec) {
        return new Builder(spec);
    }

    /** Builder of {@link WalkForwardConfig}; not thread-safe. */
    public static final class Builder {
        private final FeatureSpec spec;
        private final List<String> models = new ArrayList<>();
        private final Map<String, Map<String, String>> params = new LinkedHashMap<>();
        private final List<PretrainedModel> pretrained = new ArrayList<>();
        private int horizon = 1;
        private double labelThreshold = 0.5;
        private int volatilityWindow = 60;
        private int trainBars = 20_000;
        private int testBars = 5_000;
        private boolean expanding;
        private Integer embargo;
        private int innerFolds = 4;
        private double calibrationFraction = 0.2;
        private String calibration = "temperature";
        private int trials = 1;

        private Builder(FeatureSpec spec) {
            this.spec = Checks.notNull(spec, "spec");
        }

        /** Adds trainer type ids (lower-cased). */
        public Builder models(String... types) {
            for (String t : types) {
                models.add(Checks.notBlank(t, "model type").strip().toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** Sets hyper-parameters for one trainer type. */
        public Builder params(String type, Map<String, String> values) {
            params.put(type, values);
            return this;
        }

        /** Adds a pretrained model. */
        public Builder pretrained(PretrainedModel model) {
            pretrained.add(model);
            return this;
        }

        /** Label horizon in bars. */
        public Builder horizon(int bars) {
            this.horizon = bars;
            return this;
        }

        /** Label threshold multiplier k. */
        public Builder labelThreshold(double k) {
            this.labelThreshold = k;
            return this;
        }

        /** Bars in the label threshold's rolling volatility. */
        public Builder volatilityWindow(int bars) {
            this.volatilityWindow = bars;
            return this;
        }

        /** Training window in bars. */
        public Builder trainBars(int bars) {
            this.trainBars = bars;
            return this;
        }

        /** Test window in bars. */
        public Builder testBars(int bars) {
            this.testBars = bars;
            return this;
        }

        /** Expanding instead of rolling training windows. */
        public Builder expanding(boolean value) {
            this.expanding = value;
            return this;
        }

        /** Embargo in bars (default: the horizon). */
        public Builder embargo(int bars) {
            this.embargo = bars;
            return this;
        }

        /** Inner folds for stacking. */
        public Builder innerFolds(int folds) {
            this.innerFolds = folds;
            return this;
        }

        /** Share of the training window held out for calibration. */
        public Builder calibrationFraction(double fraction) {
            this.calibrationFraction = fraction;
            return this;
        }

        /** Calibration method. */
        public Builder calibration(String method) {
            this.calibration = method;
            return this;
        }

        /** Configurations tried so far (for the deflated Sharpe ratio). */
        public Builder trials(int count) {
            this.trials = count;
            return this;
        }

        /** Builds and validates. */
        public WalkForwardConfig build() {
            return new WalkForwardConfig(spec, models, params, pretrained, horizon, labelThreshold, volatilityWindow,
                    trainBars, testBars, expanding, embargo == null ? horizon : embargo, innerFolds, calibrationFraction,
                    calibration, trials);
        }
    }
}
