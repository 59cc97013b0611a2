package dev.sextant.trading.models.xgboost;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.TrainerSettings;
import dev.sextant.trading.models.TrainingSet;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains XGBoost {@code multi:softprob} models in Java through XGBoost4J: the {@code xgboost}
 * {@link ModelTrainer}, registered for {@link java.util.ServiceLoader}.
 *
 * <p>Early stopping: boosting stops once the weighted multi-class log loss on the validation rows
 * has not improved for {@link Params#earlyStoppingRounds()} rounds, and the model returned is the
 * one after the best round (later trees are not kept). The validation rows are the
 * {@link TrainingSet}'s own split when it has one; otherwise the last
 * {@link Params#validationFraction()} of the training rows, in their given (time) order, are held
 * out and not trained on. Class weights multiply each row's loss, in training and in the
 * validation loss.
 *
 * <p>Training is deterministic for a given set, parameters and seed with the default single
 * thread. Stateless and thread-safe.
 */
public final class XGBoostTrainer implements ModelTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(XGBoostTrainer.class);
    /** The XGBoost4J version this artifact is built against, recorded in provenance. */
    static final String XGBOOST4J_VERSION = "3.0.4";

    /** Creates the trainer (called by {@link java.util.ServiceLoader}). */
    public XGBoostTrainer() {
    }

    /**
     * XGBoost hyper-parameters with Sextant's defaults. Validated on construction.
     *
     * @param id                  model id; not blank
     * @param seed                random seed
     * @param rounds              maximum boosting rounds (trees per class), positive
     * @param maxDepth            maximum tree depth, positive
     * @param eta                 learning rate in (0, 1]
     * @param earlyStoppingRounds rounds without validation improvement before stopping; 0 disables
     *                            early stopping (all rounds are kept)
     * @param validationFraction  share of the training rows held out (the last ones) for early
     *                            stopping when the set has no validation split, in [0, 0.5]
     * @param subsample           row subsampling per tree in (0, 1]
     * @param colsampleByTree     feature subsampling per tree in (0, 1]
     * @param minChildWeight      minimum hessian weight in a leaf, at least 0
     * @param lambda              L2 regularisation on leaf weights, at least 0
     * @param alpha               L1 regularisation on leaf weights, at least 0
     * @param gamma               minimum loss reduction to split, at least 0
     * @param threads             XGBoost threads, positive (1 is deterministic)
     * @param maxBin              histogram bins per feature, at least 2
     * @param format              format of the trained model's bytes and default save format
     */
    public record Params(String id, long seed, int rounds, int maxDepth, double eta, int earlyStoppingRounds,
            double validationFraction, double subsample, double colsampleByTree, double minChildWeight,
            double lambda, double alpha, double gamma, int threads, int maxBin, XGBoostFormat format)
            implements TrainerSettings {

        /** The keys {@link #fromMap} accepts. */
        public static final Set<String> KEYS = Set.of("id", "seed", "rounds", "nTrees", "maxDepth", "eta",
                "earlyStoppingRounds", "validationFraction", "subsample", "colsampleByTree", "minChildWeight",
                "lambda", "alpha", "gamma", "threads", "maxBin", "format");

        /** Validates the parameters. */
        public Params {
            Checks.notBlank(id, "id");
            Checks.positive(rounds, "rounds");
            Checks.positive(maxDepth, "maxDepth");
            Checks.inRange(eta, Math.ulp(0.0), 1.0, "eta");
            Checks.nonNegative(earlyStoppingRounds, "earlyStoppingRounds");
            Checks.inRange(validationFraction, 0.0, 0.5, "validationFraction");
            Checks.inRange(subsample, Math.ulp(0.0), 1.0, "subsample");
            Checks.inRange(colsampleByTree, Math.ulp(0.0), 1.0, "colsampleByTree");
            Checks.nonNegative(minChildWeight, "minChildWeight");
            Checks.nonNegative(lambda, "lambda");
            Checks.nonNegative(alpha, "alpha");
            Checks.nonNegative(gamma, "gamma");
            Checks.positive(threads, "threads");
            Checks.inRange(maxBin, 2, Integer.MAX_VALUE, "maxBin");
            Checks.notNull(format, "format");
        }

        /**
         * Id {@code xgboost}, seed 42, 300 rounds, depth 4, eta 0.05, early stopping after 30
         * rounds on 20% held out, no subsampling, min child weight 1, lambda 1, alpha 0, gamma 0,
         * 1 thread, 256 bins, JSON.
         */
        public static Params defaults() {
            return new Params("xgboost", 42, 300, 4, 0.05, 30, 0.2, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1, 256,
                    XGBoostFormat.JSON);
        }

        /**
         * Parameters from strings, keys as the record components ({@code nTrees} is a synonym of
         * {@code rounds}; {@code format} is json or ubj). Missing keys keep {@link #defaults()}.
         *
         * @throws IllegalArgumentException naming an unknown key or an unparsable value
         */
        public static Params fromMap(Map<String, String> params) {
            Checks.notNull(params, "params");
            for (Map.Entry<String, String> e : params.entrySet()) {
                // Set.of().contains(null) throws: a null key is an unknown parameter, named as such.
                if (e.getKey() == null || !KEYS.contains(e.getKey())) {
                    throw new IllegalArgumentException("unknown xgboost parameter '" + e.getKey() + "'; known parameters: "
                            + new TreeSet<>(KEYS));
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("xgboost parameter '" + e.getKey() + "' has no value");
                }
            }
            if (params.containsKey("rounds") && params.containsKey("nTrees")) {
                throw new IllegalArgumentException("give either rounds or nTrees, not both");
            }
            Params d = defaults();
            String rounds = params.containsKey("nTrees") ? params.get("nTrees") : params.get("rounds");
            return new Params(
                    params.getOrDefault("id", d.id),
                    params.containsKey("seed") ? parseLong("seed", params.get("seed")) : d.seed,
                    rounds != null ? parseInt("rounds", rounds) : d.rounds,
                    intParam(params, "maxDepth", d.maxDepth),
                    doubleParam(params, "eta", d.eta),
                    intParam(params, "earlyStoppingRounds", d.earlyStoppingRounds),
                    doubleParam(params, "validationFraction", d.validationFraction),
                    doubleParam(params, "subsample", d.subsample),
                    doubleParam(params, "colsampleByTree", d.colsampleByTree),
                    doubleParam(params, "minChildWeight", d.minChildWeight),
                    doubleParam(params, "lambda", d.lambda),
                    doubleParam(params, "alpha", d.alpha),
                    doubleParam(params, "gamma", d.gamma),
                    intParam(params, "threads", d.threads),
                    intParam(params, "maxBin", d.maxBin),
                    params.containsKey("format") ? parseFormat(params.get("format")) : d.format);
        }

        private static int intParam(Map<String, String> p, String key, int fallback) {
            return p.containsKey(key) ? parseInt(key, p.get(key)) : fallback;
        }

        private static double doubleParam(Map<String, String> p, String key, double fallback) {
            if (!p.containsKey(key)) {
                return fallback;
            }
            try {
                return Double.parseDouble(p.get(key).strip());
            } catch (NumberFormatException | NullPointerException e) {
                throw new IllegalArgumentException("xgboost parameter " + key + " must be a number but was "
                        + p.get(key), e);
            }
        }

        private static int parseInt(String key, String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException | NullPointerException e) {
                throw new IllegalArgumentException("xgboost parameter " + key + " must be an integer but was " + value,
                        e);
            }
        }

        private static long parseLong(String key, String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException | NullPointerException e) {
                throw new IllegalArgumentException("xgboost parameter " + key + " must be an integer but was " + value,
                        e);
            }
        }

        private static XGBoostFormat parseFormat(String value) {
            return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> XGBoostFormat.JSON;
                case "ubj" -> XGBoostFormat.UBJ;
                default -> throw new IllegalArgumentException("xgboost parameter format must be json or ubj but was "
                        + value);
            };
        }

        /** A builder starting from {@link #defaults()}. */
        public static Builder builder() {
            return new Builder(defaults());
        }

        /** A builder starting from these parameters. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** {@code xgboost}. */
        @Override
        public String type() {
            return XGBoostModel.TYPE;
        }

        /**
         * Every parameter but {@code id} and {@code seed} as {@link #fromMap} reads it: the
         * trainer that uses these settings (for example the bundle trainer) assigns both.
         */
        @Override
        public Map<String, String> toParams() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("rounds", Integer.toString(rounds));
            p.put("maxDepth", Integer.toString(maxDepth));
            p.put("eta", Double.toString(eta));
            p.put("earlyStoppingRounds", Integer.toString(earlyStoppingRounds));
            p.put("validationFraction", Double.toString(validationFraction));
            p.put("subsample", Double.toString(subsample));
            p.put("colsampleByTree", Double.toString(colsampleByTree));
            p.put("minChildWeight", Double.toString(minChildWeight));
            p.put("lambda", Double.toString(lambda));
            p.put("alpha", Double.toString(alpha));
            p.put("gamma", Double.toString(gamma));
            p.put("threads", Integer.toString(threads));
            p.put("maxBin", Integer.toString(maxBin));
            p.put("format", format.extension());
            return p;
        }

        /**
         * Builder of {@link Params} with named, defaulted settings (those of {@link #defaults()});
         * {@link #build()} validates. Not thread-safe.
         */
        public static final class Builder {
            private String id;
            private long seed;
            private int rounds;
            private int maxDepth;
            private double eta;
            private int earlyStoppingRounds;
            private double validationFraction;
            private double subsample;
            private double colsampleByTree;
            private double minChildWeight;
            private double lambda;
            private double alpha;
            private double gamma;
            private int threads;
            private int maxBin;
            private XGBoostFormat format;

            private Builder(Params p) {
                id = p.id;
                seed = p.seed;
                rounds = p.rounds;
                maxDepth = p.maxDepth;
                eta = p.eta;
                earlyStoppingRounds = p.earlyStoppingRounds;
                validationFraction = p.validationFraction;
                subsample = p.subsample;
                colsampleByTree = p.colsampleByTree;
                minChildWeight = p.minChildWeight;
                lambda = p.lambda;
                alpha = p.alpha;
                gamma = p.gamma;
                threads = p.threads;
                maxBin = p.maxBin;
                format = p.format;
            }

            /** Model id (default {@code xgboost}). */
            public Builder id(String value) {
                this.id = value;
                return this;
            }

            /** Random seed (default 42). */
            public Builder seed(long value) {
                this.seed = value;
                return this;
            }

            /** Maximum boosting rounds (default 300). */
            public Builder rounds(int value) {
                this.rounds = value;
                return this;
            }

            /** Maximum tree depth (default 4). */
            public Builder maxDepth(int value) {
                this.maxDepth = value;
                return this;
            }

            /** Learning rate in (0, 1] (default 0.05). */
            public Builder eta(double value) {
                this.eta = value;
                return this;
            }

            /** Rounds without validation improvement before stopping, 0 for none (default 30). */
            public Builder earlyStoppingRounds(int value) {
                this.earlyStoppingRounds = value;
                return this;
            }

            /** Share of training rows held out for early stopping, in [0, 0.5] (default 0.2). */
            public Builder validationFraction(double value) {
                this.validationFraction = value;
                return this;
            }

            /** Row subsampling per tree in (0, 1] (default 1). */
            public Builder subsample(double value) {
                this.subsample = value;
                return this;
            }

            /** Feature subsampling per tree in (0, 1] (default 1). */
            public Builder colsampleByTree(double value) {
                this.colsampleByTree = value;
                return this;
            }

            /** Minimum hessian weight in a leaf (default 1). */
            public Builder minChildWeight(double value) {
                this.minChildWeight = value;
                return this;
            }

            /** L2 regularisation on leaf weights (default 1). */
            public Builder lambda(double value) {
                this.lambda = value;
                return this;
            }

            /** L1 regularisation on leaf weights (default 0). */
            public Builder alpha(double value) {
                this.alpha = value;
                return this;
            }

            /** Minimum loss reduction to split (default 0). */
            public Builder gamma(double value) {
                this.gamma = value;
                return this;
            }

            /** XGBoost threads; 1 (default) is deterministic. */
            public Builder threads(int value) {
                this.threads = value;
                return this;
            }

            /** Histogram bins per feature, at least 2 (default 256). */
            public Builder maxBin(int value) {
                this.maxBin = value;
                return this;
            }

            /** Format of the trained model's bytes (default JSON). */
            public Builder format(XGBoostFormat value) {
                this.format = value;
                return this;
            }

            /**
             * Builds and validates.
             *
             * @throws IllegalArgumentException naming the first setting out of range
             */
            public Params build() {
                return new Params(id, seed, rounds, maxDepth, eta, earlyStoppingRounds, validationFraction, subsample,
                        colsampleByTree, minChildWeight, lambda, alpha, gamma, threads, maxBin, format);
            }
        }

        /** The parameters as XGBoost names them. */
        Map<String, Object> toXGBoost() {
            Map<String, Object> p = new HashMap<>();
            p.put("objective", "multi:softprob");
            p.put("num_class", XGBoostTrees.CLASSES);
            p.put("eval_metric", "mlogloss");
            p.put("tree_method", "hist");
            p.put("max_depth", maxDepth);
            p.put("eta", eta);
            p.put("subsample", subsample);
            p.put("colsample_bytree", colsampleByTree);
            p.put("min_child_weight", minChildWeight);
            p.put("lambda", lambda);
            p.put("alpha", alpha);
            p.put("gamma", gamma);
            p.put("nthread", threads);
            p.put("max_bin", maxBin);
            p.put("seed", seed);
            p.put("verbosity", 0);
            return p;
        }
    }

    /** {@code xgboost}. */
    @Override
    public String type() {
        return XGBoostModel.TYPE;
    }

    /** {@code dev.sextant:trading-models-xgboost}. */
    @Override
    public String artifact() {
        return "dev.sextant:trading-models-xgboost";
    }

    /** False: tree splits do not change under standardisation, so the model reads raw features. */
    @Override
    public boolean standardizesInputs() {
        return false;
    }

    /**
     * Trains with {@link Params#fromMap(Map)} of {@code params}.
     *
     * @throws IllegalArgumentException for a bad parameter, or too few rows to hold out a validation fold
     */
    @Override
    public XGBoostModel train(TrainingSet data, Map<String, String> params) {
        return train(data, Params.fromMap(params));
    }

    /**
     * Trains a model.
     *
     * @return the trained model (Java engine), its bytes in {@link Params#format()}; provenance
     *         attributes record the parameters, the best round and the validation log loss
     * @throws IllegalArgumentException if a validation fold must be held out but the set has
     *                                  fewer than 2 rows, or early stopping is on with no rows to hold out
     * @throws IllegalStateException    if XGBoost4J fails
     */
    public XGBoostModel train(TrainingSet data, Params params) {
        Checks.notNull(data, "data");
        Checks.notNull(params, "params");
        float[][] trainX = data.features();
        int[] trainY = data.labels();
        float[][] validX = data.validationFeatures();
        int[] validY = data.validationLabels();
        String validationSource = "the set's validation split";
        if (validX == null && params.earlyStoppingRounds() > 0 && params.validationFraction() > 0) {
            int hold = (int) Math.floor(trainX.length * params.validationFraction());
            if (hold < 1 || hold >= trainX.length) {
                throw new IllegalArgumentException("cannot hold out " + params.validationFraction() + " of "
                        + trainX.length + " rows for early stopping; give a validation split or set "
                        + "earlyStoppingRounds=0");
            }
            int cut = trainX.length - hold;
            validX = Arrays.copyOfRange(trainX, cut, trainX.length);
            validY = Arrays.copyOfRange(trainY, cut, trainY.length);
            trainX = Arrays.copyOf(trainX, cut);
            trainY = Arrays.copyOf(trainY, cut);
            validationSource = "the last " + hold + " training rows";
        }
        boolean earlyStopping = validX != null && params.earlyStoppingRounds() > 0;
        double[] classWeights = data.classWeights();

        DMatrix dtrain = null;
        DMatrix dvalid = null;
        Booster booster = null;
        Booster best = null;
        try {
            dtrain = matrix(trainX, trainY, classWeights);
            dvalid = validX == null ? null : matrix(validX, validY, classWeights);
            Map<String, DMatrix> watches = new HashMap<>();
            booster = XGBoost.train(dtrain, params.toXGBoost(), 0, watches, null, null);
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestRound = -1;
            byte[] bestModel = null;
            int roundsRun = 0;
            for (int round = 0; round < params.rounds(); round++) {
                booster.update(dtrain, round);
                roundsRun = round + 1;
                if (dvalid == null) {
                    continue;
                }
                double loss = validationLoss(booster, dvalid, round);
                if (loss < bestLoss) {
                    bestLoss = loss;
                    bestRound = round;
                    if (earlyStopping) {
                        bestModel = booster.toByteArray("ubj");
                    }
                } else if (earlyStopping && round - bestRound >= params.earlyStoppingRounds()) {
                    break;
                }
            }
            Booster finalBooster = booster;
            if (earlyStopping && bestModel != null && bestRound + 1 < roundsRun) {
                best = XGBoost.loadModel(bestModel);
                finalBooster = best;
            }
            int keptRounds = earlyStopping ? bestRound + 1 : roundsRun;
            Map<String, String> attrs = new HashMap<>();
            attrs.put(XGBoostModel.MODEL_ID_ATTRIBUTE, params.id());
            attrs.put(XGBoostModel.TRAINER_ATTRIBUTE, "xgboost4j " + XGBOOST4J_VERSION);
            attrs.put(XGBoostModel.DATA_ATTRIBUTE, data.size() + " rows x " + data.featureCount()
                    + " features; validation: " + (validX == null ? "none" : validX.length + " rows, "
                    + validationSource));
            attrs.put(XGBoostModel.SEED_ATTRIBUTE, Long.toString(params.seed()));
            attrs.put(XGBoostModel.CREATED_ATTRIBUTE, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            attrs.put("sextant.params", params.toString());
            attrs.put("sextant.class_weights", Arrays.toString(classWeights));
            attrs.put("sextant.rounds_run", Integer.toString(roundsRun));
            attrs.put("sextant.rounds_kept", Integer.toString(keptRounds));
            if (dvalid != null) {
                attrs.put("sextant.validation_mlogloss", Double.toString(bestLoss));
                attrs.put("best_iteration", Integer.toString(bestRound));
            }
            finalBooster.setAttrs(attrs);
            byte[] bytes = finalBooster.toByteArray(params.format().extension());
            LOG.debug("trained xgboost model {}: {} rounds run, {} kept, validation mlogloss {}", params.id(),
                    roundsRun, keptRounds, bestLoss);
            return XGBoostModel.load(bytes, params.id(), XGBoostOptions.defaults());
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost4J training failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("XGBoost4J could not reload the best model: " + e.getMessage(), e);
        } finally {
            dispose(best);
            dispose(booster);
            if (dtrain != null) {
                dtrain.dispose();
            }
            if (dvalid != null) {
                dvalid.dispose();
            }
        }
    }

    private static void dispose(Booster b) {
        if (b != null) {
            b.dispose();
        }
    }

    private static DMatrix matrix(float[][] x, int[] y, double[] classWeights) throws XGBoostError {
        int f = x[0].length;
        float[] flat = new float[x.length * f];
        float[] labels = new float[x.length];
        float[] weights = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * f, f);
            labels[i] = y[i];
            weights[i] = (float) classWeights[y[i]];
        }
        DMatrix m = new DMatrix(flat, x.length, f, Float.NaN);
        m.setLabel(labels);
        m.setWeight(weights);
        return m;
    }

    /** Parses XGBoost's evaluation line, e.g. {@code "[12]\tvalid-mlogloss:0.98123"}. */
    private static double validationLoss(Booster booster, DMatrix valid, int round) throws XGBoostError {
        String line = booster.evalSet(new DMatrix[] {valid}, new String[] {"valid"}, round);
        int at = line.indexOf("valid-mlogloss:");
        if (at < 0) {
            throw new IllegalStateException("unexpected XGBoost evaluation output: " + line);
        }
        String number = line.substring(at + "valid-mlogloss:".length()).strip().split("\\s+")[0];
        return Double.parseDouble(number);
    }
}
