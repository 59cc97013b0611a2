package dev.sextant.trading.engine;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.engine.report.EvaluationReport.FoldSummary;
import dev.sextant.trading.engine.report.FeatureImportance;
import dev.sextant.trading.engine.report.TreeGainImportance;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.SequenceWindow;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walk-forward evaluation that cannot see the future.
 *
 * <p>Folds march through the series: a training window of {@code trainBars} bars (rolling or
 * expanding) is followed by a test window of {@code testBars} bars. Per fold:
 * <ol>
 *   <li>training rows are the bars of the window whose label (ending {@code horizon} bars later)
 *       ends before the test window minus the embargo: labels that overlap the test window are
 *       purged;</li>
 *   <li>the {@link BundleTrainer} trains on those rows exactly as {@code sextant train} does: the
 *       latest {@code calibrationFraction} of them is held out for calibration (the rows before
 *       it whose labels reach into it are purged too); the models are trained on the remaining
 *       fit rows, each scaler fitted on training rows only, and with several models a stacking
 *       meta-learner is trained on their out-of-fold predictions from purged, embargoed inner
 *       walk-forward folds; the calibrator is fitted on the held-out rows' predictions;</li>
 *   <li>the test window is predicted bar by bar through the streaming feature engine, which has
 *       seen exactly the bars up to the one being predicted.</li>
 * </ol>
 * Features come from {@link FeatureEngine}, whose batch values (used for training) equal its
 * streaming values (used for testing), so training and serving see the same numbers.
 *
 * <p>Stateless; {@link #run} may be called from several threads on different inputs.
 */
public final class WalkForward {
    private static final Logger LOG = LoggerFactory.getLogger(WalkForward.class);
    /** Held-out rows measured for permutation importance, over all folds: bounds its cost (features x rows predictions). */
    static final int IMPORTANCE_ROWS = 4_000;
    /** Seed of the permutation-importance shuffles. */
    static final long IMPORTANCE_SEED = 42;
    /** The task named to a {@link Progress}. */
    public static final String TASK = "walk-forward folds";

    private WalkForward() {
    }

    /**
     * Runs the walk-forward.
     *
     * @throws IllegalArgumentException if the series is too short for one fold, a trainer is
     *                                  missing (naming its artifact), or training data is invalid
     */
    public static WalkForwardResult run(BarSeries series, WalkForwardConfig cfg) {
        return run(series, cfg, Progress.NONE);
    }

    /**
     * Runs the walk-forward, telling {@code progress} after each fold is trained (task {@value #TASK},
     * one step per fold).
     *
     * @throws IllegalArgumentException as {@link #run(BarSeries, WalkForwardConfig)}
     */
    public static WalkForwardResult run(BarSeries series, WalkForwardConfig cfg, Progress progress) {
        Checks.notNull(series, "series");
        Checks.notNull(cfg, "cfg");
        Checks.notNull(progress, "progress");
        int n = series.size();
        int h = cfg.horizon();
        TrainingConfig training = cfg.training();
        TrainingRows rows = TrainingRows.of(series, cfg.spec(), h, training.labelThreshold(), training.volatilityWindow());
        int f = cfg.spec().size();
        int context = BundleTrainer.context(cfg.pretrained());
        int maxWindow = context + 1;
        int first = rows.firstDefined() + context;
        while (first < n && !rows.labels().isDefined(first)) {
            first++;
        }
        if (first + cfg.trainBars() >= n) {
            throw new IllegalArgumentException("series " + series.name() + " has " + n + " bars: too short for one fold of "
                    + cfg.trainBars() + " training bars after " + first + " warm-up bars");
        }
        for (TrainerSpec m : training.models()) {
            // Fail before any fold trains when an adapter is missing (the message names its artifact).
            Models.trainer(m.type());
        }

        List<Fold> folds = new ArrayList<>();
        long foldCount = (n - (first + cfg.trainBars()) + cfg.testBars() - 1) / cfg.testBars();
        try {
            progress.update(TASK, 0, foldCount);
            for (int testStart = first + cfg.trainBars(), k = 0; testStart < n; testStart += cfg.testBars(), k++) {
                int testEnd = Math.min(n, testStart + cfg.testBars());
                int trainStart = cfg.expanding() ? first : testStart - cfg.trainBars();
                folds.add(trainFold(k, series, rows, cfg, trainStart, testStart, testEnd, context));
                progress.update(TASK, k + 1L, foldCount);
            }
        } catch (RuntimeException e) {
            folds.forEach(fold -> fold.trained().close());
            throw e;
        }

        try {
            // Test: one streaming feature engine over the whole series, each test bar predicted by its fold.
            FeatureEngine engine = FeatureEngine.create(cfg.spec());
            SequenceWindow window = new SequenceWindow(maxWindow, f);
            double[] vector = new double[f];
            float[] windowBuffer = new float[maxWindow * f];
            float[] vectorInput = new float[f];
            int total = 0;
            for (Fold fold : folds) {
                total += fold.testEnd - fold.testStart;
            }
            int[] barIndex = new int[total];
            long[] time = new long[total];
            int[] foldOf = new int[total];
            double[] raw = new double[3 * total];
            double[] calibrated = new double[3 * total];
            int[] realised = new int[total];
            double[] forward = new double[total];
            double[] prior = new double[3 * total];
            // Held-out rows kept for permutation importance: every stride-th labelled row of each vector-input fold.
            int perFold = Math.max(100, IMPORTANCE_ROWS / folds.size());
            List<List<float[]>> heldOut = new ArrayList<>();
            List<List<Integer>> heldOutLabels = new ArrayList<>();
            for (int k = 0; k < folds.size(); k++) {
                heldOut.add(new ArrayList<>());
                heldOutLabels.add(new ArrayList<>());
            }
            int row = 0;
            int foldIdx = 0;
            for (int i = 0; i < n && foldIdx < folds.size(); i++) {
                boolean ready = engine.onBar(series.time(i), series.open(i), series.high(i), series.low(i), series.close(i),
                        series.volume(i), vector);
                if (ready) {
                    window.push(vector);
                }
                Fold fold = folds.get(foldIdx);
                if (i < fold.testStart) {
                    continue;
                }
                if (!ready || !window.isFull() || !finiteRow(vector)) {
                    throw new IllegalStateException("streaming features not ready at bar " + i + " ("
                            + Instant.ofEpochMilli(series.time(i)) + ") inside a test window");
                }
                float[] input;
                if (fold.model.metadata().inputKind() == InputKind.WINDOW) {
                    window.copyTo(windowBuffer);
                    int len = fold.model.metadata().inputLength();
                    input = len == windowBuffer.length ? windowBuffer : Arrays.copyOfRange(windowBuffer, windowBuffer.length - len, windowBuffer.length);
                } else {
                    for (int j = 0; j < f; j++) {
                        vectorInput[j] = (float) vector[j];
                    }
                    input = vectorInput;
                }
                double[] p = new double[3];
                fold.uncalibrated.predict(input, p);
                System.arraycopy(p, 0, raw, 3 * row, 3);
                fold.model.predict(input, p);
                System.arraycopy(p, 0, calibrated, 3 * row, 3);
                barIndex[row] = i;
                time[row] = series.time(i);
                foldOf[row] = fold.index;
                realised[row] = rows.labels().isDefined(i) ? rows.labels().label(i) : -1;
                int stride = Math.max(1, (fold.testEnd - fold.testStart + perFold - 1) / perFold);
                if (input == vectorInput && realised[row] >= 0 && (i - fold.testStart) % stride == 0) {
                    heldOut.get(foldIdx).add(vectorInput.clone());
                    heldOutLabels.get(foldIdx).add(realised[row]);
                }
                forward[row] = i + h < n ? Math.log(series.close(i + h) / series.close(i)) : Double.NaN;
                System.arraycopy(fold.prior, 0, prior, 3 * row, 3);
                row++;
                if (i + 1 == fold.testEnd) {
                    foldIdx++;
                }
            }
            OutOfSamplePredictions predictions = new OutOfSamplePredictions(barIndex, time, foldOf, raw, calibrated, realised,
                    forward, prior);
            List<FoldSummary> summaries = new ArrayList<>();
            int from = 0;
            for (Fold fold : folds) {
                int count = fold.testEnd - fold.testStart;
                summaries.add(summarise(fold, series, predictions, from, from + count));
                from += count;
            }
            return new WalkForwardResult(predictions, summaries,
                    permutationImportance(folds, heldOut, heldOutLabels, cfg.spec().featureNames()),
                    TreeGainImportance.sum(folds.stream().map(Fold::model).toList(), cfg.spec().featureNames()));
        } finally {
            folds.forEach(fold -> fold.trained().close());
        }
    }

    /**
     * Per feature, the rise in the calibrated model's log loss when the feature's column is
     * shuffled among a fold's held-out rows, averaged over folds weighted by rows; empty when no
     * fold reads feature vectors.
     */
    private static Optional<FeatureImportance> permutationImportance(List<Fold> folds, List<List<float[]>> heldOut,
            List<List<Integer>> labels, List<String> names) {
        int f = names.size();
        double[] increase = new double[f];
        int total = 0;
        SplittableRandom random = new SplittableRandom(IMPORTANCE_SEED);
        for (int k = 0; k < folds.size(); k++) {
            List<float[]> x = heldOut.get(k);
            int m = x.size();
            if (m < 2) {
                continue;
            }
            Model model = folds.get(k).model;
            int[] y = labels.get(k).stream().mapToInt(Integer::intValue).toArray();
            double base = logLoss(model, x, y, -1, null);
            float[] column = new float[m];
            for (int j = 0; j < f; j++) {
                for (int r = 0; r < m; r++) {
                    column[r] = x.get(r)[j];
                }
                for (int r = m - 1; r > 0; r--) {
                    int s = random.nextInt(r + 1);
                    float t = column[r];
                    column[r] = column[s];
                    column[s] = t;
                }
                increase[j] += (logLoss(model, x, y, j, column) - base) * m;
            }
            total += m;
        }
        if (total == 0) {
            return Optional.empty();
        }
        for (int j = 0; j < f; j++) {
            increase[j] /= total;
        }
        return Optional.of(new FeatureImportance(names, increase, total, IMPORTANCE_SEED));
    }

    /** Log loss of {@code model} on the rows, with column {@code j} replaced by {@code column} when j >= 0. */
    private static double logLoss(Model model, List<float[]> x, int[] y, int j, float[] column) {
        double[] p = new double[3 * x.size()];
        double[] out = new double[3];
        for (int r = 0; r < x.size(); r++) {
            float[] input = x.get(r);
            if (j >= 0) {
                input = input.clone();
                input[j] = column[r];
            }
            model.predict(input, out);
            System.arraycopy(out, 0, p, 3 * r, 3);
        }
        return ClassificationMetrics.of(p, y).logLoss();
    }

    private static FoldSummary summarise(Fold fold, BarSeries series, OutOfSamplePredictions all, int from, int to) {
        OutOfSamplePredictions p = slice(all, from, to);
        ClassificationMetrics m = p.labelledCount() > 0 ? p.calibratedMetrics() : null;
        return new FoldSummary(fold.index, series.time(fold.trainStart), series.time(fold.trainEnd - 1),
                series.time(fold.testStart), series.time(fold.testEnd - 1), to - from,
                m == null ? Double.NaN : m.accuracy(), m == null ? Double.NaN : m.logLoss(), p.priorLogLoss(),
                p.directionalAccuracy());
    }

    private static OutOfSamplePredictions slice(OutOfSamplePredictions p, int from, int to) {
        return new OutOfSamplePredictions(Arrays.copyOfRange(p.barIndex(), from, to), Arrays.copyOfRange(p.time(), from, to),
                Arrays.copyOfRange(p.fold(), from, to), Arrays.copyOfRange(p.raw(), 3 * from, 3 * to),
                Arrays.copyOfRange(p.calibrated(), 3 * from, 3 * to), Arrays.copyOfRange(p.labels(), from, to),
                Arrays.copyOfRange(p.forwardReturn(), from, to), Arrays.copyOfRange(p.prior(), 3 * from, 3 * to));
    }

    /** A trained fold: its model (calibrated), the model before calibration, its training prior and its trainer output. */
    private record Fold(int index, int trainStart, int trainEnd, int testStart, int testEnd, Model model,
            Model uncalibrated, double[] prior, TrainedBundle trained) {
    }

    private static Fold trainFold(int k, BarSeries series, TrainingRows rows, WalkForwardConfig cfg, int trainStart,
            int testStart, int testEnd, int context) {
        // Purge: a training row's label ends at row + h and must end before testStart - embargo.
        int trainEnd = Math.min(testStart - cfg.embargo() - cfg.horizon(), testStart);
        List<PretrainedModel> usable = new ArrayList<>();
        for (PretrainedModel p : cfg.pretrained()) {
            if (p.trainedThrough().toEpochMilli() < series.time(trainStart - context)) {
                usable.add(p);
            } else {
                LOG.info("fold {}: pretrained model {} left out: trained through {}, fold starts {}", k,
                        p.model().metadata().id(), p.trainedThrough(), Instant.ofEpochMilli(series.time(trainStart)));
            }
        }
        if (cfg.training().models().isEmpty() && usable.isEmpty()) {
            throw new IllegalArgumentException("fold " + k + " starting " + Instant.ofEpochMilli(series.time(trainStart))
                    + " has no model: every pretrained model was trained on its data; add a trainer");
        }
        TrainedBundle trained;
        try {
            trained = BundleTrainer.train(rows, trainStart, trainEnd, cfg.training(), usable, "stack-fold" + k);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("too few labelled rows")) {
                throw new IllegalArgumentException("fold " + k + ": " + e.getMessage() + "; use more training bars", e);
            }
            throw e;
        }
        TrainingSplit split = trained.split();
        double[] prior = new double[3];
        for (int i = split.fitStart(); i < split.fitEnd(); i++) {
            prior[rows.labels().label(i)]++;
        }
        for (int c = 0; c < 3; c++) {
            prior[c] = (prior[c] + 1) / (split.fitRows() + 3.0);
        }
        LOG.info("fold {}: trained on bars {}..{} ({} fit rows, {} calibration rows), testing {}..{}", k, trainStart,
                trainEnd - 1, split.fitRows(), split.calibrationRows(), testStart, testEnd - 1);
        return new Fold(k, trainStart, trainEnd, testStart, testEnd, trained.model(), trained.ensemble(), prior, trained);
    }

    private static boolean finiteRow(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
