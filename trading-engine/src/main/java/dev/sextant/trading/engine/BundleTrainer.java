package dev.sextant.trading.engine;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.engine.internal.BorrowedModel;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.calibration.CalibrationEvaluation;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.ScaledModel;
import dev.sextant.trading.models.ensemble.StackingData;
import dev.sextant.trading.models.ensemble.StackingTrainer;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import dev.sextant.trading.models.validation.LabelledPredictions;
import dev.sextant.trading.models.validation.WalkForwardSplitter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a model bundle from bars, the one training sequence behind {@code sextant train} and each
 * {@link WalkForward} fold:
 * <ol>
 *   <li>features from the {@link dev.sextant.trading.features.FeatureEngine} of the spec, labels
 *       from a fixed-horizon labeler; the labelled rows start after the warm-up, after the
 *       context the window models read, and after every pretrained model's training data;</li>
 *   <li>the labelled rows are split in time order into fit, calibration and (optionally) test
 *       parts; rows whose labels reach into the next part are purged;</li>
 *   <li>with several base models, every trainable base is trained on purged, embargoed
 *       walk-forward folds of the fit rows, and a meta-learner is trained on their out-of-fold
 *       predictions only ({@link StackingTrainer}); the bases are then retrained on all fit rows.
 *       A base whose trainer {@linkplain ModelTrainer#standardizesInputs() wants standardised
 *       inputs} gets a scaler fitted on each fold's training rows only. One trainable base alone
 *       is trained on the fit rows (unless {@link TrainingConfig#stackSingleModel()});</li>
 *   <li>the calibrator ({@link TrainingConfig#calibration()}) is fitted on the calibration rows'
 *       predictions;</li>
 *   <li>the ensemble, the calibrated ensemble and every base are scored on the test rows.</li>
 * </ol>
 * The result, a {@link TrainedBundle}, predicts in process and writes a bundle whose manifest
 * records the training window, the validation metrics and how it was trained.
 *
 * <p>Stateless; {@link #train} may run on several threads at once if the trainers allow it.
 */
public final class BundleTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(BundleTrainer.class);
    /** Fewest fit rows per out-of-fold block when stacking: each fold needs rows to train and to predict. */
    static final int MIN_ROWS_PER_FOLD = 30;
    /** Fewest fit rows for one model trained alone. */
    static final int MIN_FIT_ROWS = 50;
    /** Fewest calibration rows. */
    static final int MIN_CALIBRATION_ROWS = 20;
    /** Fewest test rows when a test part is asked for. */
    static final int MIN_TEST_ROWS = 30;
    /** The task named to a {@link Progress}. */
    public static final String TASK = "training";
    /** Steps of {@link #TASK}: models fitted, calibrated, evaluated on the test rows. */
    public static final int STEPS = 3;

    private BundleTrainer() {
    }

    /**
     * Trains on every labelled row of {@code series}.
     *
     * @throws IllegalArgumentException      if the series is too short for the warm-up or for the
     *                                       parts (the message says how many rows were usable and how
     *                                       many each part needs), a feature is not finite, or a
     *                                       trainer rejects its parameters or data
     * @throws dev.sextant.trading.models.ModelLoadException if no trainer has a requested type (the
     *                                       message names the artifact to add)
     */
    public static TrainedBundle train(BarSeries series, TrainingConfig config) {
        return train(series, config, Progress.NONE);
    }

    /**
     * Trains on every labelled row of {@code series}, telling {@code progress} as the task
     * {@value #TASK} goes through its {@value #STEPS} steps: models fitted, calibrated, evaluated.
     *
     * @throws IllegalArgumentException      as {@link #train(BarSeries, TrainingConfig)}
     * @throws dev.sextant.trading.models.ModelLoadException as {@link #train(BarSeries, TrainingConfig)}
     */
    public static TrainedBundle train(BarSeries series, TrainingConfig config, Progress progress) {
        Checks.notNull(series, "series");
        Checks.notNull(config, "config");
        Checks.notNull(progress, "progress");
        TrainingRows rows = TrainingRows.of(series, config.spec(), config.horizon(), config.labelThreshold(),
                config.volatilityWindow());
        int n = rows.size();
        long notBefore = Long.MIN_VALUE;
        for (PretrainedModel p : config.pretrained()) {
            notBefore = Math.max(notBefore, p.trainedThrough().toEpochMilli());
        }
        int start = rows.firstDefined() + context(config.pretrained());
        while (start < n && (!rows.labels().isDefined(start) || rows.times()[start] <= notBefore)) {
            start++;
        }
        int end = start;
        while (end < n && rows.labels().isDefined(end)) {
            end++;
        }
        if (notBefore != Long.MIN_VALUE && start < n) {
            LOG.info("labelled rows start at {}, after the pretrained models' training data (through {})",
                    Instant.ofEpochMilli(rows.times()[start]), Instant.ofEpochMilli(notBefore));
        }
        return train(rows, start, end, config, config.pretrained(), config.bundleId(), progress);
    }

    /** The window rows before each sample that the window models among {@code pretrained} read. */
    static int context(List<PretrainedModel> pretrained) {
        int context = 0;
        for (PretrainedModel p : pretrained) {
            context = Math.max(context, p.model().metadata().sequenceLength() - 1);
        }
        return context;
    }

    /**
     * Trains on the labelled rows {@code [from, to)} of {@code rows}, whose labels must all be
     * defined, with the given pretrained models (a walk-forward fold passes only those trained
     * before its data), naming the ensemble {@code ensembleId}.
     */
    static TrainedBundle train(TrainingRows rows, int from, int to, TrainingConfig config, List<PretrainedModel> pretrained,
            String ensembleId) {
        return train(rows, from, to, config, pretrained, ensembleId, Progress.NONE);
    }

    /** As {@link #train(TrainingRows, int, int, TrainingConfig, List, String)}, telling {@code progress}. */
    static TrainedBundle train(TrainingRows rows, int from, int to, TrainingConfig config, List<PretrainedModel> pretrained,
            String ensembleId, Progress progress) {
        progress.update(TASK, 0, STEPS);
        int context = context(pretrained);
        if (from - context < rows.firstDefined()) {
            throw new IllegalArgumentException("labelled rows from " + from + " need " + context + " context rows after the "
                    + "warm-up, which ends at row " + rows.firstDefined());
        }
        boolean stacking = config.stacks(pretrained.size());
        TrainingSplit split = split(rows, from, to, config, stacking, pretrained.isEmpty() ? "" : " and the pretrained "
                + "models' training period");
        List<Model> borrowed = new ArrayList<>();
        for (PretrainedModel p : pretrained) {
            borrowed.add(new BorrowedModel(p.model()));
        }
        Map<String, String> seed = Map.of("seed", Long.toString(config.seed()));
        Model ensemble;
        Optional<StackingTrainer.Result> stack = Optional.empty();
        Optional<TrainedModel> single = Optional.empty();
        Optional<StandardScaler> singleScaler = Optional.empty();
        if (stacking) {
            List<StackingTrainer.BaseLearner> learners = new ArrayList<>();
            for (TrainerSpec m : config.models()) {
                ModelTrainer t = Models.trainer(m.type());
                learners.add(new StackingTrainer.BaseLearner(m.id(), t, with(m.params(), seed), t.standardizesInputs()));
            }
            StackingTrainer.Config sc = new StackingTrainer.Config(ensembleId,
                    WalkForwardSplitter.walkForward(config.folds(), config.embargo()), Models.trainer(config.meta().type()),
                    with(config.meta().params(), seed), false, 0);
            StackingTrainer.Result result = StackingTrainer.train(fitData(rows, split, context), learners, borrowed, sc);
            stack = Optional.of(result);
            ensemble = result.ensemble();
        } else {
            TrainerSpec m = config.models().get(0);
            ModelTrainer t = Models.trainer(m.type());
            int count = split.fitRows();
            float[][] x = new float[count][];
            int[] y = new int[count];
            for (int r = 0; r < count; r++) {
                x[r] = rows.features()[split.fitStart() + r];
                y[r] = rows.labels().label(split.fitStart() + r);
            }
            StandardScaler scaler = t.standardizesInputs() ? StandardScaler.fit(x) : null;
            Map<String, String> params = with(m.params(), seed);
            params.put("id", m.id());
            TrainedModel model = t.train(TrainingSet.of(scaler == null ? x : scaler.transformRows(x), y), params);
            single = Optional.of(model);
            singleScaler = Optional.ofNullable(scaler);
            ensemble = scaler == null ? model : new ScaledModel(model, scaler);
        }
        try {
            progress.update(TASK, 1, STEPS);
            LabelledPredictions heldOut = rows.predict(ensemble, split.calibrationStart(), split.calibrationEnd());
            Optional<Calibrator> calibrator = config.calibration().fit(heldOut);
            Model model = calibrator.<Model>map(c -> new CalibratedModel(ensemble, c)).orElse(ensemble);
            progress.update(TASK, 2, STEPS);
            Map<String, ClassificationMetrics> metrics = new LinkedHashMap<>();
            if (split.testRows() > 0) {
                LabelledPredictions test = rows.predict(ensemble, split.testStart(), split.testEnd());
                metrics.put("ensemble", test.metrics());
                calibrator.ifPresent(c -> metrics.put("ensemble-calibrated", CalibrationEvaluation.evaluate(c, test).after()));
                List<Model> bases = stack.map(r -> r.ensemble().bases()).orElse(List.of(ensemble));
                for (Model base : bases) {
                    metrics.put(base.metadata().id(), rows.predict(base, split.testStart(), split.testEnd()).metrics());
                }
            }
            LOG.info("trained {} on {} fit rows, calibrated ({}) on {} rows, {} test rows", ensembleId, split.fitRows(),
                    config.calibration().id(), split.calibrationRows(), split.testRows());
            progress.update(TASK, STEPS, STEPS);
            return new TrainedBundle(config, rows, split, pretrained, ensemble, model, calibrator, metrics, stack, single,
                    singleScaler);
        } catch (RuntimeException e) {
            ensemble.close();
            throw e;
        }
    }

    static TrainingSplit split(TrainingRows rows, int start, int end, TrainingConfig config, boolean stacking,
            String excluded) {
        int count = end - start;
        int testRows = (int) Math.round(count * config.testFraction());
        int calRows = (int) Math.round(count * config.calibrationFraction());
        int testStart = end - testRows;
        int calStart = testStart - calRows;
        // Purge: a row whose label looks at bars of the next part is dropped from its own part.
        int calEnd = calStart;
        while (calEnd < testStart && (testRows == 0 || rows.labels().end(calEnd) < testStart)) {
            calEnd++;
        }
        int fitEnd = start;
        while (fitEnd < calStart && rows.labels().end(fitEnd) < calStart) {
            fitEnd++;
        }
        int minFit = stacking ? MIN_ROWS_PER_FOLD * (config.folds() + 1) : MIN_FIT_ROWS;
        if (fitEnd - start < minFit || calEnd - calStart < MIN_CALIBRATION_ROWS
                || (config.testFraction() > 0 && testRows < MIN_TEST_ROWS)) {
            throw new IllegalArgumentException("too few labelled rows (" + Math.max(count, 0) + " usable after warm-up"
                    + excluded + "): need at least " + minFit + " to fit" + (stacking ? " with " + config.folds() + " folds" : "")
                    + ", " + MIN_CALIBRATION_ROWS + " to calibrate" + (config.testFraction() > 0 ? " and " + MIN_TEST_ROWS
                    + " to test" : "") + " after purging, but had " + (fitEnd - start) + ", " + (calEnd - calStart)
                    + (config.testFraction() > 0 ? " and " + testRows : ""));
        }
        return new TrainingSplit(start, fitEnd, calStart, calEnd, testStart, end);
    }

    private static StackingData fitData(TrainingRows rows, TrainingSplit split, int context) {
        int from = split.fitStart() - context;
        int n = split.fitEnd() - from;
        float[][] x = new float[n][];
        int[] y = new int[n];
        int[] ends = new int[n];
        long[] keys = new long[n];
        for (int r = 0; r < n; r++) {
            int i = from + r;
            x[r] = rows.features()[i];
            keys[r] = rows.times()[i];
            if (i >= split.fitStart()) {
                y[r] = rows.labels().label(i);
                ends[r] = rows.labels().end(i) - from;
            } else {
                y[r] = -1;
                ends[r] = -1;
            }
        }
        return new StackingData(x, y, ends, keys, context);
    }

    private static Map<String, String> with(Map<String, String> params, Map<String, String> defaults) {
        Map<String, String> p = new HashMap<>(params);
        defaults.forEach(p::putIfAbsent);
        return p;
    }
}
