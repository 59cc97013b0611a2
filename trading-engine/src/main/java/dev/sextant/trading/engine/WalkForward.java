package dev.sextant.trading.engine;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.engine.internal.UnscaledInputModel;
import dev.sextant.trading.engine.report.EvaluationReport.FoldSummary;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.SequenceWindow;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.calibration.IsotonicCalibration;
import dev.sextant.trading.models.calibration.PlattScaling;
import dev.sextant.trading.models.calibration.TemperatureScaling;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.ScaledModel;
import dev.sextant.trading.models.ensemble.StackingData;
import dev.sextant.trading.models.ensemble.StackingTrainer;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import dev.sextant.trading.models.validation.LabelledPredictions;
import dev.sextant.trading.models.validation.WalkForwardSplitter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 *   <li>the latest {@code calibrationFraction} of those rows is held out for calibration, and the
 *       rows before it whose labels reach into it are purged too;</li>
 *   <li>a standard scaler is fitted on the remaining (fit) rows only; each trainer is trained on
 *       them, and with several models a stacking meta-learner is trained on their out-of-fold
 *       predictions from purged, embargoed inner walk-forward folds;</li>
 *   <li>the calibrator is fitted on the held-out rows' predictions;</li>
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

    private WalkForward() {
    }

    /**
     * Runs the walk-forward.
     *
     * @throws IllegalArgumentException if the series is too short for one fold, a trainer is
     *                                  missing (naming its artifact), or training data is invalid
     */
    public static WalkForwardResult run(BarSeries series, WalkForwardConfig cfg) {
        Checks.notNull(series, "series");
        Checks.notNull(cfg, "cfg");
        int n = series.size();
        int h = cfg.horizon();
        double[][] features = FeatureEngine.create(cfg.spec()).compute(series);
        int f = cfg.spec().size();
        int warm = 0;
        while (warm < n && !finiteRow(features[warm])) {
            warm++;
        }
        Labels labels = new FixedHorizonLabeler(h, cfg.labelThreshold(), cfg.volatilityWindow()).label(series);
        int maxWindow = 1;
        for (PretrainedModel p : cfg.pretrained()) {
            maxWindow = Math.max(maxWindow, p.model().metadata().sequenceLength());
        }
        int context = maxWindow - 1;
        int first = warm + context;
        while (first < n && !labels.isDefined(first)) {
            first++;
        }
        if (first + cfg.trainBars() >= n) {
            throw new IllegalArgumentException("series " + series.name() + " has " + n + " bars: too short for one fold of "
                    + cfg.trainBars() + " training bars after " + first + " warm-up bars");
        }
        List<ModelTrainer> trainers = new ArrayList<>();
        for (String type : cfg.models()) {
            trainers.add(Models.trainer(type));
        }

        List<Fold> folds = new ArrayList<>();
        for (int testStart = first + cfg.trainBars(), k = 0; testStart < n; testStart += cfg.testBars(), k++) {
            int testEnd = Math.min(n, testStart + cfg.testBars());
            int trainStart = cfg.expanding() ? first : testStart - cfg.trainBars();
            folds.add(trainFold(k, series, features, labels, cfg, trainers, trainStart, testStart, testEnd, context));
        }

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
            realised[row] = labels.isDefined(i) ? labels.label(i) : -1;
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
            fold.model.close();
        }
        return new WalkForwardResult(predictions, summaries);
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

    /** A trained fold: its model (calibrated), the model before calibration, and its training prior. */
    private record Fold(int index, int trainStart, int trainEnd, int testStart, int testEnd, Model model,
            Model uncalibrated, double[] prior) {
    }

    private static Fold trainFold(int k, BarSeries series, double[][] features, Labels labels, WalkForwardConfig cfg,
            List<ModelTrainer> trainers, int trainStart, int testStart, int testEnd, int context) {
        int h = cfg.horizon();
        // Purge: a training row's label ends at row + h and must end before testStart - embargo.
        int trainEnd = Math.min(testStart - cfg.embargo() - h, testStart);
        int rows = trainEnd - trainStart;
        int calRows = (int) Math.round(rows * cfg.calibrationFraction());
        int calStart = trainEnd - calRows;
        // Purge again between the fit rows and the calibration rows.
        int fitEnd = calStart - h;
        if (fitEnd - trainStart < 50 || calRows < 20) {
            throw new IllegalArgumentException("fold " + k + " has too few rows after purging (" + (fitEnd - trainStart)
                    + " to fit, " + calRows + " to calibrate): use more training bars");
        }
        float[][] fit = rows(features, trainStart - context, fitEnd, series);
        int[] fitLabels = new int[fit.length];
        int[] fitEnds = new int[fit.length];
        long[] keys = new long[fit.length];
        double[] prior = new double[3];
        for (int r = 0; r < fit.length; r++) {
            int i = trainStart - context + r;
            keys[r] = series.time(i);
            if (r >= context) {
                fitLabels[r] = labels.label(i);
                fitEnds[r] = r + h;
                prior[fitLabels[r]]++;
            }
        }
        int samples = fit.length - context;
        for (int c = 0; c < 3; c++) {
            prior[c] = (prior[c] + 1) / (samples + 3.0);
        }
        StandardScaler scaler = StandardScaler.fit(Arrays.copyOfRange(fit, context, fit.length));
        float[][] scaled = scaler.transformRows(fit);

        List<Model> pretrained = new ArrayList<>();
        for (PretrainedModel p : cfg.pretrained()) {
            if (p.trainedThrough().toEpochMilli() < series.time(trainStart - context)) {
                pretrained.add(new UnscaledInputModel(p.model(), scaler));
            } else {
                LOG.info("fold {}: pretrained model {} left out: trained through {}, fold starts {}", k,
                        p.model().metadata().id(), p.trainedThrough(), Instant.ofEpochMilli(series.time(trainStart)));
            }
        }
        if (trainers.isEmpty() && pretrained.isEmpty()) {
            throw new IllegalArgumentException("fold " + k + " starting " + Instant.ofEpochMilli(series.time(trainStart))
                    + " has no model: every pretrained model was trained on its data; add a trainer");
        }
        Model ensemble;
        if (trainers.size() == 1 && pretrained.isEmpty()) {
            ModelTrainer t = trainers.get(0);
            TrainingSet set = TrainingSet.of(Arrays.copyOfRange(scaled, context, scaled.length),
                    Arrays.copyOfRange(fitLabels, context, fitLabels.length));
            ensemble = t.train(set, withId(cfg.modelParams().getOrDefault(t.type(), java.util.Map.of()), t.type() + "-fold" + k));
        } else {
            List<StackingTrainer.BaseLearner> learners = new ArrayList<>();
            for (ModelTrainer t : trainers) {
                learners.add(new StackingTrainer.BaseLearner(t.type(), t, cfg.modelParams().getOrDefault(t.type(), java.util.Map.of())));
            }
            StackingData data = new StackingData(scaled, fitLabels, fitEnds, keys, context);
            StackingTrainer.Config sc = new StackingTrainer.Config("stack-fold" + k,
                    WalkForwardSplitter.walkForward(cfg.innerFolds(), cfg.embargo()), Models.trainer("logistic"),
                    java.util.Map.of(), false, 0);
            ensemble = StackingTrainer.train(data, learners, pretrained, sc).ensemble();
        }
        Model uncalibrated = new ScaledModel(ensemble, scaler);

        // Calibration on the held-out rows, predicted exactly as the test rows will be.
        int m = trainEnd - calStart;
        double[] calProbs = new double[3 * m];
        int[] calLabels = new int[m];
        long[] calKeys = new long[m];
        int window = uncalibrated.metadata().inputKind() == InputKind.WINDOW ? uncalibrated.metadata().sequenceLength() : 1;
        double[] p = new double[3];
        for (int r = 0; r < m; r++) {
            int i = calStart + r;
            float[] input = window == 1 ? row(features[i], i, series) : flatten(features, i - window + 1, i + 1, series);
            uncalibrated.predict(input, p);
            System.arraycopy(p, 0, calProbs, 3 * r, 3);
            calLabels[r] = labels.label(i);
            calKeys[r] = series.time(i);
        }
        LabelledPredictions heldOut = new LabelledPredictions(calKeys, calProbs, calLabels);
        Calibrator calibrator = switch (cfg.calibration()) {
            case "temperature" -> TemperatureScaling.fit(heldOut);
            case "platt" -> PlattScaling.fit(heldOut);
            case "isotonic" -> IsotonicCalibration.fit(heldOut);
            default -> null;
        };
        Model model = calibrator == null ? uncalibrated : new CalibratedModel(uncalibrated, calibrator);
        LOG.info("fold {}: trained on bars {}..{} ({} fit rows, {} calibration rows), testing {}..{}", k, trainStart,
                trainEnd - 1, samples, m, testStart, testEnd - 1);
        return new Fold(k, trainStart, trainEnd, testStart, testEnd, model, uncalibrated, prior);
    }

    private static java.util.Map<String, String> withId(java.util.Map<String, String> params, String id) {
        java.util.Map<String, String> p = new java.util.HashMap<>(params);
        p.put("id", id);
        return p;
    }

    private static boolean finiteRow(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static float[] row(double[] values, int i, BarSeries series) {
        float[] out = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            if (!Double.isFinite(values[j])) {
                throw new IllegalArgumentException("feature " + j + " is not finite at bar " + i + " ("
                        + Instant.ofEpochMilli(series.time(i)) + "): " + values[j]);
            }
            out[j] = (float) values[j];
        }
        return out;
    }

    private static float[][] rows(double[][] features, int from, int to, BarSeries series) {
        float[][] out = new float[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = row(features[i], i, series);
        }
        return out;
    }

    private static float[] flatten(double[][] features, int from, int to, BarSeries series) {
        int f = features[from].length;
        float[] out = new float[(to - from) * f];
        for (int i = from; i < to; i++) {
            float[] r = row(features[i], i, series);
            System.arraycopy(r, 0, out, (i - from) * f, f);
        }
        return out;
    }
}
