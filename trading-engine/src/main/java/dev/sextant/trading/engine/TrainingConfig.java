package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainerSettings;
import dev.sextant.trading.models.calibration.CalibrationMethod;
import dev.sextant.trading.models.linear.LogisticRegression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@link BundleTrainer} trains and how. Build with {@link #builder(FeatureSpec)}; every
 * setting has a default. Immutable and thread-safe.
 *
 * @param spec                the features every base model reads
 * @param models              the trainable base models, distinct ids, in bundle order
 * @param pretrained          models trained elsewhere, added as bases after {@code models}
 * @param horizon             label horizon in bars (default 10)
 * @param labelThreshold      k: a move counts as BUY/SELL when larger than k · volatility · √horizon
 *                            (default 0.5)
 * @param volatilityWindow    bars in the rolling volatility of the label threshold (default 60)
 * @param folds               purged, embargoed walk-forward folds whose out-of-fold predictions
 *                            train the stacking meta-learner (default 4)
 * @param embargo             rows dropped before each fold's test block (default: the horizon)
 * @param meta                the stacking meta-learner (default {@code logistic})
 * @param calibration         fitted on the calibration rows (default {@link CalibrationMethod#TEMPERATURE})
 * @param calibrationFraction share of the labelled rows, after the fit rows, to calibrate on
 *                            (default 0.15)
 * @param testFraction        share of the labelled rows, at the end, held out for the bundle's
 *                            validation metrics (default 0.15; 0 for none)
 * @param seed                seed passed to every trainer (default 42)
 * @param stackSingleModel    with exactly one trainable model and no pretrained one: train a
 *                            meta-learner over it anyway (true) or use the model alone (false,
 *                            default); with several bases the trainer always stacks
 * @param bundleId            the bundle id, also the ensemble's model id (default {@code sextant})
 * @param bundleVersion       the bundle version (default {@code 1})
 */
public record TrainingConfig(FeatureSpec spec, List<TrainerSpec> models, List<PretrainedModel> pretrained, int horizon,
        double labelThreshold, int volatilityWindow, int folds, int embargo, TrainerSpec meta,
        CalibrationMethod calibration, double calibrationFraction, double testFraction, long seed,
        boolean stackSingleModel, String bundleId, String bundleVersion) {

    /** Validates and copies. */
    public TrainingConfig {
        Checks.notNull(spec, "spec");
        models = List.copyOf(Checks.notNull(models, "models"));
        pretrained = List.copyOf(Checks.notNull(pretrained, "pretrained"));
        if (models.isEmpty() && pretrained.isEmpty()) {
            throw new IllegalArgumentException("models must name at least one trainer, or give a pretrained model");
        }
        Set<String> seen = new HashSet<>();
        for (TrainerSpec m : models) {
            if (!seen.add(m.id())) {
                throw new IllegalArgumentException("model " + m.id() + " appears twice in " + models.stream()
                        .map(TrainerSpec::id).toList());
            }
        }
        for (PretrainedModel p : pretrained) {
            if (!seen.add(p.model().metadata().id())) {
                throw new IllegalArgumentException("pretrained model id " + p.model().metadata().id()
                        + " is already the id of another base model");
            }
        }
        Checks.positive(horizon, "horizon");
        Checks.nonNegative(labelThreshold, "labelThreshold");
        Checks.inRange(volatilityWindow, 2, 1_000_000, "volatilityWindow");
        Checks.inRange(folds, 1, 100, "folds");
        Checks.nonNegative(embargo, "embargo");
        Checks.notNull(meta, "meta");
        Checks.notNull(calibration, "calibration");
        Checks.inRange(calibrationFraction, 0.01, 0.5, "calibrationFraction");
        Checks.inRange(testFraction, 0, 0.5, "testFraction");
        if (calibrationFraction + testFraction >= 0.8) {
            throw new IllegalArgumentException("calibrationFraction and testFraction must sum to less than 0.8 but were "
                    + calibrationFraction + " and " + testFraction);
        }
        Checks.notBlank(bundleId, "bundleId");
        Checks.notBlank(bundleVersion, "bundleVersion");
    }

    /** Whether the trainer combines the bases with a meta-learner (see {@link #stackSingleModel}). */
    public boolean stacks() {
        return stacks(pretrained.size());
    }

    /** Whether training with {@code pretrainedCount} of the pretrained models (a fold may use fewer) stacks. */
    boolean stacks(int pretrainedCount) {
        return models.size() != 1 || pretrainedCount > 0 || stackSingleModel;
    }

    /** A builder with every default set, for {@code spec}. */
    public static Builder builder(FeatureSpec spec) {
        return new Builder(spec);
    }

    /** A builder holding this config's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(spec);
        models.forEach(b::model);
        pretrained.forEach(b::pretrained);
        return b.horizon(horizon).labelThreshold(labelThreshold).volatilityWindow(volatilityWindow).folds(folds)
                .embargo(embargo).meta(meta).calibration(calibration).calibrationFraction(calibrationFraction)
                .testFraction(testFraction).seed(seed).stackSingleModel(stackSingleModel).bundleId(bundleId)
                .bundleVersion(bundleVersion);
    }

    /** Builder of {@link TrainingConfig}; not thread-safe. Each setter documents its default. */
    public static final class Builder {
        private final FeatureSpec spec;
        private final List<TrainerSpec> models = new ArrayList<>();
        private final Map<String, Map<String, String>> params = new LinkedHashMap<>();
        private final List<PretrainedModel> pretrained = new ArrayList<>();
        private int horizon = 10;
        private double labelThreshold = 0.5;
        private int volatilityWindow = 60;
        private int folds = 4;
        private Integer embargo;
        private TrainerSpec meta = TrainerSpec.of(LogisticRegression.TYPE);
        private CalibrationMethod calibration = CalibrationMethod.TEMPERATURE;
        private double calibrationFraction = 0.15;
        private double testFraction = 0.15;
        private long seed = 42;
        private boolean stackSingleModel;
        private String bundleId = "sextant";
        private String bundleVersion = "1";

        private Builder(FeatureSpec spec) {
            this.spec = Checks.notNull(spec, "spec");
        }

        /** Adds trainable models with their trainers' defaults, by type id or alias ({@code rf}). */
        public Builder models(String... types) {
            for (String t : types) {
                models.add(TrainerSpec.of(t));
            }
            return this;
        }

        /** Adds a trainable model. */
        public Builder model(TrainerSpec model) {
            models.add(Checks.notNull(model, "model"));
            return this;
        }

        /** Adds a trainable model with typed settings. */
        public Builder model(TrainerSettings settings) {
            return model(TrainerSpec.of(settings));
        }

        /**
         * Adds string parameters to the model of {@code type} (an alias works), applied on
         * {@link #build()}; the escape hatch for trainers without typed settings.
         */
        public Builder params(String type, Map<String, String> values) {
            params.computeIfAbsent(Models.typeOf(type), k -> new LinkedHashMap<>()).putAll(Checks.notNull(values, "values"));
            return this;
        }

        /** Adds a pretrained model (none by default). */
        public Builder pretrained(PretrainedModel model) {
            pretrained.add(Checks.notNull(model, "model"));
            return this;
        }

        /** Label horizon in bars (default 10). */
        public Builder horizon(int bars) {
            this.horizon = bars;
            return this;
        }

        /** Label threshold multiplier k (default 0.5). */
        public Builder labelThreshold(double k) {
            this.labelThreshold = k;
            return this;
        }

        /** Bars in the label threshold's rolling volatility (default 60). */
        public Builder volatilityWindow(int bars) {
            this.volatilityWindow = bars;
            return this;
        }

        /** Walk-forward folds for the meta-learner's out-of-fold predictions (default 4). */
        public Builder folds(int count) {
            this.folds = count;
            return this;
        }

        /** Embargo in rows before each fold's test block (default: the horizon). */
        public Builder embargo(int rows) {
            this.embargo = rows;
            return this;
        }

        /** The stacking meta-learner (default {@code logistic}). */
        public Builder meta(TrainerSpec trainer) {
            this.meta = Checks.notNull(trainer, "meta");
            return this;
        }

        /** Calibration method (default temperature). */
        public Builder calibration(CalibrationMethod method) {
            this.calibration = Checks.notNull(method, "calibration");
            return this;
        }

        /** Share of labelled rows to calibrate on (default 0.15). */
        public Builder calibrationFraction(double fraction) {
            this.calibrationFraction = fraction;
            return this;
        }

        /** Share of labelled rows held out for validation metrics (default 0.15; 0 for none). */
        public Builder testFraction(double fraction) {
            this.testFraction = fraction;
            return this;
        }

        /** Seed for every trainer (default 42). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Stack a single trainable model with a meta-learner (default false: use it alone). */
        public Builder stackSingleModel(boolean value) {
            this.stackSingleModel = value;
            return this;
        }

        /** Bundle id, also the ensemble's model id (default {@code sextant}). */
        public Builder bundleId(String id) {
            this.bundleId = id;
            return this;
        }

        /** Bundle version (default {@code 1}). */
        public Builder bundleVersion(String version) {
            this.bundleVersion = version;
            return this;
        }

        /**
         * Builds and validates.
         *
         * @throws IllegalArgumentException if a setting is out of range, or parameters were given
         *                                  for a type that is not one of the models
         */
        public TrainingConfig build() {
            List<TrainerSpec> withParams = new ArrayList<>();
            Set<String> applied = new HashSet<>();
            for (TrainerSpec m : models) {
                Map<String, String> extra = params.get(m.type());
                withParams.add(extra == null ? m : m.withParams(extra));
                if (extra != null) {
                    applied.add(m.type());
                }
            }
            for (String type : params.keySet()) {
                if (!applied.contains(type)) {
                    throw new IllegalArgumentException("parameters were given for '" + type + "', which is not one of the models "
                            + models.stream().map(TrainerSpec::type).toList());
                }
            }
            return new TrainingConfig(spec, withParams, pretrained, horizon, labelThreshold, volatilityWindow, folds,
                    embargo == null ? horizon : embargo, meta, calibration, calibrationFraction, testFraction, seed,
                    stackSingleModel, bundleId, bundleVersion);
        }
    }
}
