package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.BundleManifest.TimeWindow;
import dev.sextant.trading.models.bundle.BundleManifest.ValidationReport;
import dev.sextant.trading.models.bundle.BundleWriter;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.calibration.CalibrationEvaluation;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.calibration.IsotonicCalibration;
import dev.sextant.trading.models.calibration.PlattScaling;
import dev.sextant.trading.models.calibration.TemperatureScaling;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.StackingData;
import dev.sextant.trading.models.ensemble.StackingTrainer;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import dev.sextant.trading.models.validation.LabelledPredictions;
import dev.sextant.trading.models.validation.WalkForwardSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant train}: trains the requested models on a bars file, stacks them with a
 * meta-learner trained on out-of-fold predictions, calibrates the stack on held-out rows, measures
 * it on later held-out rows, and writes a verified model bundle.
 *
 * <p>The labelled rows are split in time order into a fit part, a calibration part and a test
 * part; rows whose labels reach into the next part are purged. On the fit part, walk-forward folds
 * (purged by the label horizon, embargoed) produce out-of-fold base predictions for the
 * meta-learner, then the trainable bases are retrained on the whole fit part. The calibrator is
 * fitted on the calibration part and both it and the ensemble are scored on the test part.
 *
 * <p>Models: {@code xgboost}, {@code logistic} (built in), {@code rf}, {@code svm}, {@code logit}
 * (Smile, GPL-3.0: found only when {@code trading-models-smile} is on the class path) and the
 * committed ONNX reference networks {@code lstm} and {@code transformer} (standard-24 only;
 * used as trained, never refitted). When a pretrained network's metadata says which bars it was
 * trained and validated on, those bars are kept out of every labelled part, so no score here is
 * measured on its training data.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train Java models (+ committed ONNX networks), stack them out of fold, calibrate out of sample, "
                + "and write a model bundle with validation metrics.")
public final class TrainCommand implements Callable<Integer> {

    /** Where the committed ONNX reference networks live on the class path. */
    static final String ONNX_RESOURCES = "/dev/sextant/examples/models/";
    /** The command-line names of the committed ONNX networks. */
    static final List<String> PRETRAINED = List.of("lstm", "transformer");
    private static final String SMILE_JARS = "trading-models-smile-0.1.0-SNAPSHOT.jar, smile-core-6.2.5.jar and smile-base-6.2.5.jar";

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "Bars CSV (or trades CSV / Ta4j JSON; trades become 1-minute bars).")
    Path input;

    @Option(names = "--set", defaultValue = FeatureSpec.STANDARD_24,
            description = "Feature set: standard-24 (default) or extended-35.")
    String set;

    @Option(names = "--models", required = true, split = ",",
            description = "Comma-separated: xgboost, logistic, rf, svm, logit, lstm, transformer.")
    List<String> models;

    @Option(names = "--output", required = true, description = "Bundle directory (must not exist or be empty) or .zip file.")
    Path output;

    @Option(names = "--horizon", defaultValue = "10", description = "Label horizon in bars (default 10).")
    int horizon;

    @Option(names = "--k", defaultValue = "0.5", description = "Label threshold in horizon volatilities (default 0.5).")
    double k;

    @Option(names = "--vol-window", defaultValue = "60", description = "Bars in the label volatility estimate (default 60).")
    int volWindow;

    @Option(names = "--folds", defaultValue = "4", description = "Walk-forward folds for out-of-fold predictions (default 4).")
    int folds;

    @Option(names = "--embargo", description = "Rows dropped before each test block (default: the horizon).")
    Integer embargo;

    @Option(names = "--meta", defaultValue = "logistic", description = "Meta-learner: logistic (default) or xgboost.")
    String meta;

    @Option(names = "--calibration", defaultValue = "temperature",
            description = "temperature (default), platt, isotonic or none.")
    String calibration;

    @Option(names = "--calibration-fraction", defaultValue = "0.15", description = "Share of labelled rows to calibrate on.")
    double calibrationFraction;

    @Option(names = "--test-fraction", defaultValue = "0.15", description = "Share of labelled rows held out for metrics.")
    double testFraction;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for every trainer (default 42).")
    long seed;

    @Option(names = "--bundle-id", description = "Bundle id (default: the input file name).")
    String bundleId;

    @Option(names = "--bundle-version", defaultValue = "1", description = "Bundle version (default 1).")
    String bundleVersion;

    @Option(names = "--param", paramLabel = "MODEL.KEY=VALUE",
            description = "Hyper-parameter, repeatable: e.g. xgboost.rounds=200, rf.nTrees=300, svm.C=2, meta.l2=0.1.")
    List<String> params = new ArrayList<>();

    /** A requested trainable model: its command-line name, trainer type id and whether it reads standardised inputs. */
    private record Trainable(String name, String type, boolean standardize) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        checkArguments();
        FeatureSpec featureSpec = FeatureSpec.named(set);
        Map<String, Map<String, String>> hyper = parseParams();

        List<Trainable> trainables = new ArrayList<>();
        List<String> pretrainedNames = new ArrayList<>();
        for (String raw : models) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "xgboost" -> trainables.add(new Trainable(name, "xgboost", false));
                case "logistic" -> trainables.add(new Trainable(name, "logistic", true));
                case "rf", "smile-rf" -> trainables.add(new Trainable("rf", "smile-rf", false));
                case "svm", "smile-svm" -> trainables.add(new Trainable("svm", "smile-svm", true));
                case "logit", "smile-logit" -> trainables.add(new Trainable("logit", "smile-logit", true));
                case "lstm", "transformer" -> pretrainedNames.add(name);
                default -> throw new IllegalArgumentException("--models: unknown model '" + raw
                        + "'; known: xgboost, logistic, rf, svm, logit, lstm, transformer");
            }
        }
        for (String name : hyper.keySet()) {
            boolean known = name.equals("meta") || trainables.stream().anyMatch(t -> t.name().equals(name));
            if (!known) {
                throw new IllegalArgumentException("--param: '" + name + "' is not a requested trainable model or 'meta'");
            }
        }
        List<StackingTrainer.BaseLearner> learners = new ArrayList<>();
        for (Trainable t : trainables) {
            Map<String, String> p = new HashMap<>(hyper.getOrDefault(t.name(), Map.of()));
            p.putIfAbsent("seed", Long.toString(seed));
            learners.add(new StackingTrainer.BaseLearner(t.type(), trainer(t), p, t.standardize()));
        }
        if (learners.stream().map(StackingTrainer.BaseLearner::id).distinct().count() != learners.size()) {
            throw new IllegalArgumentException("--models names a model twice: " + models);
        }
        ModelTrainer metaTrainer = switch (meta) {
            case "logistic" -> Models.trainer("logistic");
            case "xgboost" -> Models.trainer("xgboost");
            default -> throw new IllegalArgumentException("--meta must be logistic or xgboost but was '" + meta + "'");
        };
        Map<String, String> metaParams = new HashMap<>(hyper.getOrDefault("meta", Map.of()));
        metaParams.putIfAbsent("seed", Long.toString(seed));

        BarSeries bars = MarketDataFiles.loadBars(input);
        checkAgainstBars(bars.size());
        String id = bundleId != null ? bundleId : defaultBundleId(input);
        Path scratch = Files.createTempDirectory("sextant-train-");
        List<Model> pretrained = new ArrayList<>();
        try {
            for (String name : pretrainedNames) {
                pretrained.add(loadPretrained(name, featureSpec, scratch));
            }
            Plan plan = plan(bars, featureSpec, pretrained, err);
            err.println("training " + learners.stream().map(StackingTrainer.BaseLearner::id).toList()
                    + (pretrained.isEmpty() ? "" : " + pretrained " + pretrained.stream().map(m -> m.metadata().id()).toList())
                    + " on " + plan.describe(bars));

            StackingTrainer.Result result = StackingTrainer.train(plan.fitData(), learners, pretrained,
                    new StackingTrainer.Config(id, WalkForwardSplitter.walkForward(folds, embargo), metaTrainer, metaParams,
                            false, 0));
            try {
                LabelledPredictions calibrationSet = predict(result.ensemble(), plan, plan.calStart, plan.calEnd);
                LabelledPredictions testSet = predict(result.ensemble(), plan, plan.testStart, plan.testEnd);
                Calibrator calibrator = fitCalibrator(calibrationSet);
                Map<String, ClassificationMetrics> metrics = new LinkedHashMap<>();
                metrics.put("ensemble", testSet.metrics());
                if (calibrator != null) {
                    CalibrationEvaluation eval = CalibrationEvaluation.evaluate(calibrator, testSet);
                    metrics.put("ensemble-calibrated", eval.after());
                }
                for (Model base : result.ensemble().bases()) {
                    metrics.put(base.metadata().id(), predict(base, plan, plan.testStart, plan.testEnd).metrics());
                }

                BundleWriter writer = BundleWriter.create(id, bundleVersion, featureSpec);
                List<String> memberIds = new ArrayList<>();
                for (TrainedModel m : result.trainedBases()) {
                    writer.addTrained(m, result.scalers().get(m.metadata().id()));
                    memberIds.add(m.metadata().id());
                }
                for (int j = 0; j < pretrained.size(); j++) {
                    writer.addFile(pretrained.get(j), scratch.resolve(pretrainedNames.get(j) + ".onnx"), Map.of(), null);
                    memberIds.add(pretrained.get(j).metadata().id());
                }
                writer.stacking(memberIds, result.meta());
                if (calibrator != null) {
                    writer.calibration(calibrator);
                }
                writer.trainingWindow(window(bars, plan.fitStart, plan.fitEnd))
                        .validation(new ValidationReport(window(bars, plan.testStart, plan.testEnd), metrics))
                        .attribute("tool", "sextant train 0.1.0-SNAPSHOT")
                        .attribute("input", input.getFileName().toString())
                        .attribute("models", String.join(",", models))
                        .attribute("labels", "fixed horizon " + horizon + " bars, k=" + k + ", volatility window " + volWindow)
                        .attribute("folds", folds + " walk-forward, embargo " + embargo)
                        .attribute("meta", meta)
                        .attribute("seed", Long.toString(seed))
                        .attribute("calibrationWindow", Instant.ofEpochMilli(bars.time(plan.calStart)) + " .. "
                                + Instant.ofEpochMilli(bars.time(plan.calEnd - 1)) + " (" + (plan.calEnd - plan.calStart) + " rows)")
                        .attribute("outOfFoldRows", Integer.toString(result.metaRows().length));
                BundleManifest manifest = output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")
                        ? writer.writeZip(output)
                        : writer.writeDirectory(output);
                Model expected = calibrator == null ? result.ensemble() : new CalibratedModel(result.ensemble(), calibrator);
                selfCheck(expected, featureSpec, plan);
                report(out, manifest, metrics);
            } finally {
                result.ensemble().close();
            }
        } finally {
            pretrained.forEach(Model::close);
            deleteTree(scratch);
        }
        return 0;
    }

    private void checkArguments() {
        if (horizon <= 0 || volWindow < 2 || folds <= 0 || !(k >= 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("--horizon and --folds must be positive, --vol-window at least 2 and --k "
                    + "non-negative (got horizon " + horizon + ", vol-window " + volWindow + ", folds " + folds + ", k " + k + ")");
        }
        if (embargo == null) {
            embargo = horizon;
        }
        if (embargo < 0) {
            throw new IllegalArgumentException("--embargo must be non-negative but was " + embargo);
        }
        if (!(calibrationFraction > 0 && testFraction > 0 && calibrationFraction + testFraction < 0.8)) {
            throw new IllegalArgumentException("--calibration-fraction and --test-fraction must be positive and sum to "
                    + "less than 0.8 (got " + calibrationFraction + " and " + testFraction + ")");
        }
        if (Files.isDirectory(output)) {
            try (Stream<Path> s = Files.list(output)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("--output " + output + " is a directory that is not empty");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + output, e);
            }
        } else if (Files.exists(output)) {
            throw new IllegalArgumentException("--output " + output + " already exists");
        }
        if (!List.of("temperature", "platt", "isotonic", "none").contains(calibration)) {
            throw new IllegalArgumentException("--calibration must be temperature, platt, isotonic or none but was '"
                    + calibration + "'");
        }
    }

    /** Sizes that allocate per bar must fit the series; checked before anything is allocated from them. */
    private void checkAgainstBars(int bars) {
        OptionChecks.lessThanBars("--horizon", horizon, bars, input);
        OptionChecks.fromUpToBars("--vol-window", volWindow, 2, bars, input);
        OptionChecks.lessThanBars("--folds", folds, bars, input);
        OptionChecks.fromUpToBars("--embargo", embargo, 0, bars, input);
    }

    private Map<String, Map<String, String>> parseParams() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String p : params) {
            int dot = p.indexOf('.');
            int eq = p.indexOf('=');
            if (dot <= 0 || eq <= dot + 1) {
                throw new IllegalArgumentException("--param must look like MODEL.KEY=VALUE but was '" + p + "'");
            }
            out.computeIfAbsent(p.substring(0, dot).toLowerCase(Locale.ROOT), x -> new LinkedHashMap<>())
                    .put(p.substring(dot + 1, eq), p.substring(eq + 1));
        }
        return out;
    }

    private static ModelTrainer trainer(Trainable t) {
        try {
            return Models.trainer(t.type());
        } catch (ModelLoadException e) {
            if (t.type().startsWith("smile-")) {
                throw new IllegalArgumentException("--models " + t.name() + " needs the Smile adapter "
                        + "dev.sextant:trading-models-smile (GPL-3.0), which sextant.jar does not include: put " + SMILE_JARS
                        + " on the class path, e.g. java -cp sextant.jar:trading-models-smile-0.1.0-SNAPSHOT.jar:"
                        + "smile-core-6.2.5.jar:smile-base-6.2.5.jar dev.sextant.examples.cli.SextantCli train ...", e);
            }
            throw new IllegalArgumentException("--models " + t.name() + ": " + e.getMessage(), e);
        }
    }

    private static Model loadPretrained(String name, FeatureSpec featureSpec, Path scratch) throws IOException {
        if (!featureSpec.name().equals(FeatureSpec.STANDARD_24)) {
            throw new IllegalArgumentException("--models " + name + ": the committed " + name + " network reads "
                    + FeatureSpec.STANDARD_24 + " features but --set is " + featureSpec.name());
        }
        Path file = scratch.resolve(name + ".onnx");
        try (InputStream in = TrainCommand.class.getResourceAsStream(ONNX_RESOURCES + name + ".onnx")) {
            if (in == null) {
                throw new IllegalStateException("the committed model " + ONNX_RESOURCES + name + ".onnx is missing from the class path");
            }
            Files.copy(in, file);
        }
        Model model = Models.load("onnx", file, Map.of());
        if (model.metadata().featureCount() != featureSpec.size()) {
            model.close();
            throw new IllegalArgumentException("the committed " + name + " network reads " + model.metadata().featureCount()
                    + " features but " + featureSpec.name() + " has " + featureSpec.size());
        }
        return model;
    }

    /** Rows and how they are used: all indices are bar indices into the series. */
    private record Plan(float[][] features, int[] labels, int[] labelEnds, long[] times, int context, int fitStart,
            int fitEnd, int calStart, int calEnd, int testStart, int testEnd) {

        StackingData fitData() {
            int from = fitStart - context;
            int n = fitEnd - from;
            float[][] x = new float[n][];
            int[] y = new int[n];
            int[] ends = new int[n];
            long[] keys = new long[n];
            for (int r = 0; r < n; r++) {
                int i = from + r;
                x[r] = features[i];
                keys[r] = times[i];
                if (i >= fitStart) {
                    y[r] = labels[i];
                    ends[r] = labelEnds[i] - from;
                } else {
                    y[r] = -1;
                    ends[r] = -1;
                }
            }
            return new StackingData(x, y, ends, keys, context);
        }

        String describe(BarSeries bars) {
            return String.format(Locale.ROOT, "%d bars: fit %d rows [%s .. %s], calibration %d [%s .. %s], test %d [%s .. %s]",
                    bars.size(), fitEnd - fitStart, at(bars, fitStart), at(bars, fitEnd - 1), calEnd - calStart,
                    at(bars, calStart), at(bars, calEnd - 1), testEnd - testStart, at(bars, testStart), at(bars, testEnd - 1));
        }

        private static Instant at(BarSeries bars, int i) {
            return Instant.ofEpochMilli(bars.time(i));
        }
    }

    private Plan plan(BarSeries bars, FeatureSpec featureSpec, List<Model> pretrained, PrintWriter err) {
        int n = bars.size();
        double[][] raw = FeatureEngine.create(featureSpec).compute(bars);
        int firstDefined = -1;
        float[][] features = new float[n][];
        for (int i = 0; i < n; i++) {
            if (firstDefined < 0 && Double.isNaN(raw[i][0])) {
                continue;
            }
            if (firstDefined < 0) {
                firstDefined = i;
            }
            features[i] = new float[raw[i].length];
            for (int j = 0; j < raw[i].length; j++) {
                float v = (float) raw[i][j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(input + ": feature " + featureSpec.featureNames().get(j) + " is "
                            + raw[i][j] + " at bar " + i + " (" + Instant.ofEpochMilli(bars.time(i)) + ")");
                }
                features[i][j] = v;
            }
        }
        if (firstDefined < 0) {
            throw new IllegalArgumentException(input + ": " + n + " bars are not enough for the " + featureSpec.name()
                    + " warm-up");
        }
        Labels labels = new FixedHorizonLabeler(horizon, k, volWindow).label(bars);
        int context = pretrained.stream().mapToInt(m -> m.metadata().sequenceLength() - 1).max().orElse(0);
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = bars.time(i);
        }
        long notBefore = Long.MIN_VALUE;
        for (Model m : pretrained) {
            Map<String, String> a = m.metadata().provenance().attributes();
            String from = a.get("sextant.train_from");
            String to = a.get("sextant.not_for_evaluation_to");
            if (from != null && to != null) {
                long f = instant(from, m);
                long t = instant(to, m);
                if (times[n - 1] >= f && times[0] <= t) {
                    notBefore = Math.max(notBefore, t);
                    err.println("note: " + m.metadata().id() + " was trained and validated on bars " + from + " .. " + to
                            + "; labelled rows start after " + to + " so that no score uses them");
                }
            }
        }
        int start = firstDefined + context;
        while (start < n && (!labels.isDefined(start) || times[start] <= notBefore)) {
            start++;
        }
        int end = start;
        while (end < n && labels.isDefined(end)) {
            end++;
        }
        int rows = end - start;
        int testRows = (int) Math.round(rows * testFraction);
        int calRows = (int) Math.round(rows * calibrationFraction);
        int testStart = end - testRows;
        int calStart = testStart - calRows;
        // Purge: a row whose label looks at bars of the next part is dropped from its own part.
        int calEnd = calStart;
        while (calEnd < testStart && labels.end(calEnd) < testStart) {
            calEnd++;
        }
        int fitEnd = start;
        while (fitEnd < calStart && labels.end(fitEnd) < calStart) {
            fitEnd++;
        }
        int minFit = 30 * (folds + 1);
        if (fitEnd - start < minFit || calEnd - calStart < 30 || testRows < 30) {
            throw new IllegalArgumentException(input + ": too few labelled rows (" + rows + " usable after warm-up"
                    + (notBefore == Long.MIN_VALUE ? "" : " and the pretrained networks' training period") + "): need at least "
                    + minFit + " to fit, 30 to calibrate and 30 to test with " + folds + " folds");
        }
        return new Plan(features, labels.classes(), labels.ends(), times, context, start, fitEnd, calStart, calEnd,
                testStart, end);
    }

    private static long instant(String text, Model m) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("model " + m.metadata().id() + " has an unreadable training date '" + text + "'", e);
        }
    }

    /** Predicts bars [from, to) with {@code model}, feeding each the window of raw feature rows it reads. */
    private static LabelledPredictions predict(Model model, Plan plan, int from, int to) {
        int seq = model.metadata().sequenceLength();
        int f = model.metadata().featureCount();
        float[] input = new float[seq * f];
        double[] row = new double[3];
        int n = to - from;
        double[] p = new double[3 * n];
        int[] y = new int[n];
        long[] keys = new long[n];
        for (int r = 0; r < n; r++) {
            int i = from + r;
            for (int s = 0; s < seq; s++) {
                System.arraycopy(plan.features()[i - seq + 1 + s], 0, input, s * f, f);
            }
            model.predict(input, row);
            System.arraycopy(row, 0, p, 3 * r, 3);
            y[r] = plan.labels()[i];
            keys[r] = plan.times()[i];
        }
        return new LabelledPredictions(keys, p, y);
    }

    private Calibrator fitCalibrator(LabelledPredictions heldOut) {
        return switch (calibration) {
            case "temperature" -> TemperatureScaling.fit(heldOut);
            case "platt" -> PlattScaling.fit(heldOut);
            case "isotonic" -> IsotonicCalibration.fit(heldOut);
            default -> null;
        };
    }

    /** Loads the bundle just written and checks it predicts what the trained model predicts. */
    private void selfCheck(Model expected, FeatureSpec featureSpec, Plan plan) {
        try (ModelBundle bundle = ModelBundle.load(output, featureSpec)) {
            LabelledPredictions a = predict(expected, plan, plan.testStart, plan.testEnd);
            LabelledPredictions b = predict(bundle.model(), plan, plan.testStart, plan.testEnd);
            for (int r = 0; r < a.size(); r++) {
                for (int c = 0; c < 3; c++) {
                    if (Math.abs(a.probability(r, c) - b.probability(r, c)) > 1e-6) {
                        throw new IllegalStateException("the written bundle predicts " + b.probability(r, c) + " but the "
                                + "trained ensemble " + a.probability(r, c) + " at test row " + r + " class " + c);
                    }
                }
            }
        }
    }

    private static TimeWindow window(BarSeries bars, int from, int to) {
        return new TimeWindow(Instant.ofEpochMilli(bars.time(from)), Instant.ofEpochMilli(bars.time(to - 1)), to - from);
    }

    private void report(PrintWriter out, BundleManifest manifest, Map<String, ClassificationMetrics> metrics) {
        out.println("wrote bundle " + manifest.bundleId() + " " + manifest.bundleVersion() + " to " + output + " ("
                + manifest.models().size() + " model files, " + manifest.ensemble().method()
                + manifest.calibration().map(c -> ", " + c.method() + " calibration").orElse("") + ")");
        TimeWindow w = manifest.validation().orElseThrow().window();
        out.println("held-out test rows: " + w.rows() + " (" + w.from() + " .. " + w.to() + ")");
        out.println(String.format(Locale.ROOT, "%-22s %9s %9s %9s %9s %9s", "model", "accuracy", "logLoss", "brier", "ece",
                "macroF1"));
        metrics.forEach((name, m) -> out.println(String.format(Locale.ROOT, "%-22s %9.4f %9.4f %9.4f %9.4f %9.4f", name,
                m.accuracy(), m.logLoss(), m.brier(), m.ece(), m.macroF1())));
    }

    private static String defaultBundleId(Path input) {
        String name = input.getFileName().toString();
        int dot = name.indexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover temporary copy of a committed model does no harm.
        }
    }
}
