package dev.sextant.trading.models.ensemble;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.validation.LabelledPredictions;
import dev.sextant.trading.models.validation.WalkForwardSplit;
import dev.sextant.trading.models.validation.WalkForwardSplitter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link StackingEnsemble} so that the meta-learner only ever sees out-of-fold base
 * predictions.
 *
 * <p>The sample rows of {@link StackingData} are split by a {@link WalkForwardSplitter} (purged
 * and embargoed). For each fold, every trainable base learner is trained on the fold's training
 * rows only and predicts the fold's test block; pretrained models (for example ONNX networks
 * trained offline) predict the test block as they are. The meta-learner's training set is built
 * from these test-block predictions and nothing else: a row that lies in no test block (the first
 * block of a walk-forward split) never reaches it. Finally every trainable base is retrained on
 * all sample rows, and the ensemble combines those final bases with the meta-learner.
 *
 * <p>Pretrained models are assumed not to have been trained on these rows; the trainer cannot
 * check that, so their provenance should say what they were trained on.
 *
 * <p>Stateless; {@link #train} is thread-safe if the trainers are.
 */
public final class StackingTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(StackingTrainer.class);

    private StackingTrainer() {
    }

    /**
     * A base model trained by this trainer.
     *
     * @param id          model id, unique in the ensemble; passed to the trainer as parameter {@code id}
     * @param trainer     the trainer (e.g. from {@link dev.sextant.trading.models.Models#trainer})
     * @param params      its hyper-parameters (without {@code id})
     * @param standardize whether to standardise its inputs: a {@link StandardScaler} is fitted on
     *                    each fold's training rows only (and, for the final model, on all sample
     *                    rows), so scaling statistics never come from the rows being predicted
     */
    public record BaseLearner(String id, ModelTrainer trainer, Map<String, String> params, boolean standardize) {
        /** Validates and copies. */
        public BaseLearner {
            Checks.notBlank(id, "id");
            Checks.notNull(trainer, "trainer");
            params = Map.copyOf(Checks.notNull(params, "params"));
            if (params.containsKey("id")) {
                throw new IllegalArgumentException("give the model id as BaseLearner.id, not as parameter 'id'");
            }
        }

        /** A learner that reads the features as they are. */
        public BaseLearner(String id, ModelTrainer trainer, Map<String, String> params) {
            this(id, trainer, params, false);
        }

        Map<String, String> paramsWithId() {
            Map<String, String> p = new HashMap<>(params);
            p.put("id", id);
            return p;
        }
    }

    /**
     * How to train.
     *
     * @param ensembleId           id of the resulting ensemble
     * @param splitter             folds for out-of-fold predictions
     * @param metaTrainer          trains the meta-learner (the built-in {@code logistic}, or
     *                             {@code xgboost} from its adapter)
     * @param metaParams           the meta-learner's parameters (without {@code id})
     * @param balancedClassWeights weight classes inversely to their frequency in each training set
     * @param validationFraction   in [0, 0.5): the latest part of each base training set given to the
     *                             trainer as a validation split (for early stopping), purged by
     *                             label end; 0 for none
     */
    public record Config(String ensembleId, WalkForwardSplitter splitter, ModelTrainer metaTrainer,
            Map<String, String> metaParams, boolean balancedClassWeights, double validationFraction) {
        /** Validates and copies. */
        public Config {
            Checks.notBlank(ensembleId, "ensembleId");
            Checks.notNull(splitter, "splitter");
            Checks.notNull(metaTrainer, "metaTrainer");
            metaParams = Map.copyOf(Checks.notNull(metaParams, "metaParams"));
            Checks.inRange(validationFraction, 0, 0.4999, "validationFraction");
        }
    }

    /**
     * What training produced.
     *
     * @param ensemble       the final ensemble: trained bases (wrapped in {@link ScaledModel} when
     *                       standardised), then pretrained models, then the meta-learner
     * @param trainedBases   the final trainable bases, retrained on all sample rows, reading scaled
     *                       inputs where their learner standardises (for saving)
     * @param scalers        per trained base id that standardises, the scaler fitted on all sample rows
     * @param meta           the meta-learner
     * @param outOfFold      per base id, its out-of-fold predictions on the rows the meta-learner
     *                       was trained on
     * @param metaRows       the sample row indices the meta-learner was trained on, increasing
     */
    public record Result(StackingEnsemble ensemble, List<TrainedModel> trainedBases, Map<String, StandardScaler> scalers,
            TrainedModel meta, Map<String, LabelledPredictions> outOfFold, int[] metaRows) {
        /** Copies. */
        public Result {
            trainedBases = List.copyOf(trainedBases);
            scalers = Map.copyOf(scalers);
            outOfFold = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outOfFold));
            metaRows = metaRows.clone();
        }

        /** The rows the meta-learner was trained on (a copy). */
        @Override
        public int[] metaRows() {
            return metaRows.clone();
        }
    }

    /**
     * Trains the ensemble.
     *
     * @param data       sample rows (and window context)
     * @param learners   trainable vector bases, at least one unless {@code pretrained} is non-empty
     * @param pretrained models used as they are, may be window models (then {@code data} needs
     *                   enough context rows); not closed by this method unless training fails
     * @param config     splitter, meta-learner and options
     * @throws IllegalArgumentException if ids repeat, no base is given, a model's feature count
     *                                  differs from the data's, or no fold has both training rows
     *                                  and test rows
     */
    public static Result train(StackingData data, List<BaseLearner> learners, List<Model> pretrained, Config config) {
        Checks.notNull(data, "data");
        Checks.notNull(learners, "learners");
        Checks.notNull(pretrained, "pretrained");
        Checks.notNull(config, "config");
        int bases = learners.size() + pretrained.size();
        Checks.positive(bases, "number of base models");
        List<String> ids = new ArrayList<>();
        learners.forEach(l -> ids.add(l.id()));
        for (Model m : pretrained) {
            if (m.metadata().featureCount() != data.featureCount()) {
                throw new IllegalArgumentException("pretrained model " + m.metadata().id() + " reads "
                        + m.metadata().featureCount() + " features but the data has " + data.featureCount());
            }
            if (m.metadata().sequenceLength() - 1 > data.contextRows()) {
                throw new IllegalArgumentException("pretrained model " + m.metadata().id() + " reads windows of "
                        + m.metadata().sequenceLength() + " rows; the data needs at least "
                        + (m.metadata().sequenceLength() - 1) + " context rows but has " + data.contextRows());
            }
            ids.add(m.metadata().id());
        }
        if (ids.stream().distinct().count() != ids.size()) {
            throw new IllegalArgumentException("base model ids must be distinct but were " + ids);
        }

        int first = data.contextRows();
        int samples = data.samples();
        int[] endsPos = new int[samples];
        for (int p = 0; p < samples; p++) {
            endsPos[p] = data.labelEnd(first + p) - first;
        }
        List<WalkForwardSplit> folds = config.splitter().split(endsPos);

        // oof[k][3p..3p+2]: base k's prediction for sample p, written only while p is in a test block.
        double[][] oof = new double[bases][3 * samples];
        boolean[] covered = new boolean[samples];
        double[] row = new double[3];
        for (WalkForwardSplit fold : folds) {
            int[] trainPos = fold.train();
            if (trainPos.length == 0) {
                LOG.warn("fold {} has no training rows after purge and embargo; its test block [{}, {}) gets no out-of-fold predictions",
                        fold.fold(), fold.testStart(), fold.testEnd());
                continue;
            }
            LOG.info("stacking fold {}: {} training rows, test rows [{}, {})", fold.fold(), trainPos.length,
                    fold.testStart(), fold.testEnd());
            for (int k = 0; k < learners.size(); k++) {
                BaseLearner learner = learners.get(k);
                StandardScaler scaler = learner.standardize() ? scalerOf(data, trainPos) : null;
                float[] scaled = new float[data.featureCount()];
                try (TrainedModel model = learner.trainer().train(
                        trainingSet(data, trainPos, config, scaler), learner.paramsWithId())) {
                    for (int p = fold.testStart(); p < fold.testEnd(); p++) {
                        float[] x = data.row(first + p);
                        if (scaler != null) {
                            scaler.transform(x, scaled, 1);
                            x = scaled;
                        }
                        model.predict(x, row);
                        System.arraycopy(row, 0, oof[k], 3 * p, 3);
                    }
                }
            }
            for (int j = 0; j < pretrained.size(); j++) {
                Model model = pretrained.get(j);
                float[] input = new float[model.metadata().inputLength()];
                for (int p = fold.testStart(); p < fold.testEnd(); p++) {
                    data.window(first + p, model.metadata().sequenceLength(), input);
                    model.predict(input, row);
                    System.arraycopy(row, 0, oof[learners.size() + j], 3 * p, 3);
                }
            }
            for (int p = fold.testStart(); p < fold.testEnd(); p++) {
                covered[p] = true;
            }
        }

        int metaCount = 0;
        for (boolean c : covered) {
            if (c) {
                metaCount++;
            }
        }
        if (metaCount == 0) {
            throw new IllegalArgumentException("no fold had training rows: out-of-fold predictions are empty (samples="
                    + samples + ", folds=" + folds.size() + ")");
        }
        int[] metaRows = new int[metaCount];
        float[][] metaX = new float[metaCount][3 * bases];
        int[] metaY = new int[metaCount];
        long[] metaKeys = new long[metaCount];
        Map<String, double[]> oofProbabilities = new LinkedHashMap<>();
        for (String id : ids) {
            oofProbabilities.put(id, new double[3 * metaCount]);
        }
        int r = 0;
        for (int p = 0; p < samples; p++) {
            if (!covered[p]) {
                continue;
            }
            metaRows[r] = first + p;
            metaY[r] = data.label(first + p);
            metaKeys[r] = data.key(first + p);
            for (int k = 0; k < bases; k++) {
                for (int c = 0; c < 3; c++) {
                    metaX[r][3 * k + c] = StackingEnsemble.metaFeature(oof[k][3 * p + c]);
                }
                System.arraycopy(oof[k], 3 * p, oofProbabilities.get(ids.get(k)), 3 * r, 3);
            }
            r++;
        }
        TrainingSet metaSet = TrainingSet.of(metaX, metaY);
        if (config.balancedClassWeights()) {
            metaSet = metaSet.withBalancedClassWeights();
        }
        Map<String, String> metaParams = new HashMap<>(config.metaParams());
        metaParams.put("id", config.ensembleId() + "-meta");
        TrainedModel meta = config.metaTrainer().train(metaSet, metaParams);
        if (meta.metadata().inputKind() != InputKind.VECTOR || meta.metadata().featureCount() != 3 * bases) {
            meta.close();
            throw new IllegalArgumentException("meta trainer " + config.metaTrainer().type() + " produced a model reading "
                    + meta.metadata().featureCount() + " values; expected " + 3 * bases);
        }

        int[] allPos = new int[samples];
        Arrays.setAll(allPos, p -> p);
        List<TrainedModel> finals = new ArrayList<>();
        Map<String, StandardScaler> scalers = new LinkedHashMap<>();
        List<Model> members = new ArrayList<>();
        try {
            for (BaseLearner learner : learners) {
                StandardScaler scaler = learner.standardize() ? scalerOf(data, allPos) : null;
                TrainedModel m = learner.trainer().train(trainingSet(data, allPos, config, scaler), learner.paramsWithId());
                finals.add(m);
                if (scaler != null) {
                    scalers.put(learner.id(), scaler);
                    members.add(new ScaledModel(m, scaler));
                } else {
                    members.add(m);
                }
            }
        } catch (RuntimeException e) {
            finals.forEach(Model::close);
            meta.close();
            throw e;
        }
        members.addAll(pretrained);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("splitter", config.splitter().toString());
        attributes.put("metaTrainer", config.metaTrainer().type());
        attributes.put("metaRows", Integer.toString(metaCount));
        attributes.put("bases", String.join(",", ids));
        Provenance provenance = new Provenance("sextant stacking (out-of-fold meta-learner)",
                samples + " sample rows, keys " + data.key(first) + ".." + data.key(data.rows() - 1), 0,
                Instant.now(), attributes);
        StackingEnsemble ensemble = new StackingEnsemble(config.ensembleId(), members, meta, provenance);
        Map<String, LabelledPredictions> outOfFold = new LinkedHashMap<>();
        for (String id : ids) {
            outOfFold.put(id, new LabelledPredictions(metaKeys, oofProbabilities.get(id), metaY));
        }
        return new Result(ensemble, finals, scalers, meta, outOfFold, metaRows);
    }

    private static StandardScaler scalerOf(StackingData data, int[] positions) {
        float[][] rows = new float[positions.length][];
        for (int q = 0; q < positions.length; q++) {
            rows[q] = data.row(data.contextRows() + positions[q]);
        }
        return StandardScaler.fit(rows);
    }

    private static float[] scaled(float[] row, StandardScaler scaler) {
        if (scaler == null) {
            return row;
        }
        float[] out = new float[row.length];
        scaler.transform(row, out, 1);
        return out;
    }

    private static TrainingSet trainingSet(StackingData data, int[] positions, Config config, StandardScaler scaler) {
        int first = data.contextRows();
        int n = positions.length;
        int cut = n;
        if (config.validationFraction() > 0) {
            cut = (int) Math.floor(n * (1 - config.validationFraction()));
        }
        int validationStart = cut < n ? first + positions[cut] : Integer.MAX_VALUE;
        List<Integer> train = new ArrayList<>();
        for (int q = 0; q < cut; q++) {
            int i = first + positions[q];
            // Purge training rows whose labels reach into the validation part.
            if (data.labelEnd(i) < validationStart) {
                train.add(i);
            }
        }
        if (train.isEmpty()) {
            cut = n;
            for (int q = 0; q < n; q++) {
                train.add(first + positions[q]);
            }
        }
        float[][] x = new float[train.size()][];
        int[] y = new int[train.size()];
        for (int q = 0; q < x.length; q++) {
            x[q] = scaled(data.row(train.get(q)), scaler);
            y[q] = data.label(train.get(q));
        }
        TrainingSet set = TrainingSet.of(x, y);
        if (cut < n) {
            float[][] vx = new float[n - cut][];
            int[] vy = new int[n - cut];
            for (int q = cut; q < n; q++) {
                vx[q - cut] = scaled(data.row(first + positions[q]), scaler);
                vy[q - cut] = data.label(first + positions[q]);
            }
            set = set.withValidation(vx, vy);
        }
        return config.balancedClassWeights() ? set.withBalancedClassWeights() : set;
    }
}
