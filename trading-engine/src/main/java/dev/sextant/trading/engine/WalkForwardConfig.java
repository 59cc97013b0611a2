package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.TrainerSettings;
import dev.sextant.trading.models.calibration.CalibrationMethod;
import java.util.List;
import java.util.Map;

/**
 * How a walk-forward evaluation trains and tests. Build with {@link #builder(FeatureSpec)}; every
 * option has a default.
 *
 * @param training  how each fold trains (the {@link BundleTrainer} settings): models,
 *                  pretrained models, labels, inner stacking folds, embargo, calibration. A
 *                  fold has no test part of its own ({@code testFraction} 0): its test window is
 *                  the walk-forward's.
 * @param trainBars training window in bars (default 20,000)
 * @param testBars  test window in bars (default 5,000)
 * @param expanding expanding (true) or rolling (false, default) training window
 * @param trials    configurations tried so far, counted by the deflated Sharpe ratio (default 1)
 */
public record WalkForwardConfig(TrainingConfig training, int trainBars, int testBars, boolean expanding, int trials) {

    /** Validates. */
    public WalkForwardConfig {
        Checks.notNull(training, "training");
        if (training.testFraction() != 0) {
            throw new IllegalArgumentException("a walk-forward fold tests on the next window: training.testFraction must be 0 "
                    + "but was " + training.testFraction());
        }
        Checks.inRange(training.folds(), 2, 100, "innerFolds");
        Checks.inRange(training.calibrationFraction(), 0.05, 0.5, "calibrationFraction");
        Checks.positive(trainBars, "trainBars");
        Checks.positive(testBars, "testBars");
        Checks.positive(trials, "trials");
    }

    /** The features every model reads. */
    public FeatureSpec spec() {
        return training.spec();
    }

    /** The trainable models' type ids. */
    public List<String> models() {
        return training.models().stream().map(TrainerSpec::type).toList();
    }

    /** The pretrained models. */
    public List<PretrainedModel> pretrained() {
        return training.pretrained();
    }

    /** Label horizon in bars. */
    public int horizon() {
        return training.horizon();
    }

    /** Bars left out between training and test after purging. */
    public int embargo() {
        return training.embargo();
    }

    /** A builder with every default set, for {@code spec}. */
    public static Builder builder(FeatureSpec spec) {
        return new Builder(spec);
    }

    /** Builder of {@link WalkForwardConfig}; not thread-safe. */
    public static final class Builder {
        private final TrainingConfig.Builder training;
        private int trainBars = 20_000;
        private int testBars = 5_000;
        private boolean expanding;
        private int trials = 1;

        private Builder(FeatureSpec spec) {
            this.training = TrainingConfig.builder(spec).horizon(1).calibrationFraction(0.2).testFraction(0).folds(4)
                    .bundleId("walk-forward");
        }

        /** Adds trainer type ids or aliases ({@code rf} for {@code smile-rf}). */
        public Builder models(String... types) {
            training.models(types);
            return this;
        }

        /** Adds a model as a trainer spec (with its own id, e.g. from {@link MultiTimeframeModels#referenceModels}). */
        public Builder model(TrainerSpec model) {
            training.model(model);
            return this;
        }

        /** Adds a model with typed settings. */
        public Builder model(TrainerSettings settings) {
            training.model(settings);
            return this;
        }

        /** Sets string hyper-parameters for one trainer type (an alias works). */
        public Builder params(String type, Map<String, String> values) {
            training.params(type, values);
            return this;
        }

        /** Adds a pretrained model. */
        public Builder pretrained(PretrainedModel model) {
            training.pretrained(model);
            return this;
        }

        /** Label horizon in bars (default 1). */
        public Builder horizon(int bars) {
            training.horizon(bars);
            return this;
        }

        /** Label threshold multiplier k (default 0.5). */
        public Builder labelThreshold(double k) {
            training.labelThreshold(k);
            return this;
        }

        /** Bars in the label threshold's rolling volatility (default 60). */
        public Builder volatilityWindow(int bars) {
            training.volatilityWindow(bars);
            return this;
        }

        /** Training window in bars (default 20,000). */
        public Builder trainBars(int bars) {
            this.trainBars = bars;
            return this;
        }

        /** Test window in bars (default 5,000). */
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
            training.embargo(bars);
            return this;
        }

        /** Inner folds for stacking (default 4, at least 2). */
        public Builder innerFolds(int folds) {
            training.folds(folds);
            return this;
        }

        /** Latest share of the training window held out for calibration (default 0.2, in [0.05, 0.5]). */
        public Builder calibrationFraction(double fraction) {
            training.calibrationFraction(fraction);
            return this;
        }

        /** Calibration method (default temperature). */
        public Builder calibration(CalibrationMethod method) {
            training.calibration(method);
            return this;
        }

        /**
         * Calibration method by name: {@code temperature}, {@code platt}, {@code isotonic} or {@code none}.
         *
         * @throws IllegalArgumentException for another name
         */
        public Builder calibration(String method) {
            return calibration(CalibrationMethod.parse(method));
        }

        /** Seed for every trainer (default 42). */
        public Builder seed(long value) {
            training.seed(value);
            return this;
        }

        /** Configurations tried so far (for the deflated Sharpe ratio; default 1). */
        public Builder trials(int count) {
            this.trials = count;
            return this;
        }

        /** Builds and validates. */
        public WalkForwardConfig build() {
            return new WalkForwardConfig(training.build(), trainBars, testBars, expanding, trials);
        }
    }
}
