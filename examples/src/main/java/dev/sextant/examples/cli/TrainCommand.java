package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.MultiTimeframeModels;
import dev.sextant.trading.engine.PretrainedModel;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainerSpec;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.BundleManifest.TimeWindow;
import dev.sextant.trading.models.calibration.CalibrationMethod;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 * it on later held-out rows, and writes a verified model bundle. A shell over the library's
 * {@link BundleTrainer}: this class parses arguments, loads the bars and the committed networks,
 * and prints the result.
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
 *
 * <p>With {@code --timeframes 1m,5m,15m,1h} (the first must be the input bars' time frame) the
 * bundle is a multi-timeframe one ({@link MultiTimeframeModels}): the {@code --set} features on
 * the input bars and on bars resampled to each coarser time frame, one logistic reference model
 * per time frame on its own features ({@code --models logistic}, the only choice; {@code
 * --param logistic.l2=...} applies to each), and the meta-learner over their out-of-fold
 * predictions. {@code sextant backtest} runs it like any bundle.
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

    @Option(names = "--timeframes", split = ",", paramLabel = "TF",
            description = "Multi-timeframe bundle: time frames, the input bars' first (e.g. 1m,5m,15m,1h); one logistic "
                    + "reference model per time frame, stacked out of fold. Needs --models logistic.")
    List<String> timeframes;

    @Option(names = "--param", paramLabel = "MODEL.KEY=VALUE",
            description = "Hyper-parameter, repeatable: e.g. xgboost.rounds=200, rf.nTrees=300, svm.C=2, meta.l2=0.1.")
    List<String> params = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        checkArguments();
        FeatureSpec featureSpec = FeatureSpec.named(set);
        Map<String, Map<String, String>> hyper = parseParams();
        String id = bundleId != null ? bundleId : defaultBundleId(input);
        List<TimeFrame> frames = parseTimeframes();
        TrainingConfig.Builder config = (frames.isEmpty() ? TrainingConfig.builder(featureSpec)
                : MultiTimeframeModels.builder(featureSpec, frames, hyper.getOrDefault("logistic", Map.of())))
                .horizon(horizon).labelThreshold(k)
                .volatilityWindow(volWindow).folds(folds).embargo(embargo).calibration(CalibrationMethod.parse(calibration))
                .calibrationFraction(calibrationFraction).testFraction(testFraction).seed(seed).stackSingleModel(true)
                .bundleId(id).bundleVersion(bundleVersion);

        List<String> trainable = new ArrayList<>();
        List<String> pretrainedNames = new ArrayList<>();
        for (String raw : models) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (PRETRAINED.contains(name)) {
                pretrainedNames.add(name);
                continue;
            }
            String type = Models.typeOf(name);
            checkTrainer(raw, type);
            trainable.add(type);
            if (frames.isEmpty()) {
                config.model(new TrainerSpec(type, Map.of()));
            }
        }
        if (!frames.isEmpty() && (!trainable.equals(List.of("logistic")) || !pretrainedNames.isEmpty())) {
            throw new IllegalArgumentException("--timeframes trains one logistic reference model per time frame: --models must "
                    + "be logistic but was " + String.join(",", models));
        }
        if (trainable.stream().distinct().count() != trainable.size()) {
            throw new IllegalArgumentException("--models names a model twice: " + models);
        }
        for (Map.Entry<String, Map<String, String>> e : hyper.entrySet()) {
            if (e.getKey().equals("meta")) {
                continue;
            }
            if (!trainable.contains(Models.typeOf(e.getKey()))) {
                throw new IllegalArgumentException("--param: '" + e.getKey() + "' is not a requested trainable model or 'meta'");
            }
            if (frames.isEmpty()) {
                config.params(e.getKey(), e.getValue());
            }
        }
        if (!meta.equals("logistic") && !meta.equals("xgboost")) {
            throw new IllegalArgumentException("--meta must be logistic or xgboost but was '" + meta + "'");
        }
        config.meta(new TrainerSpec(meta, hyper.getOrDefault("meta", Map.of())));

        BarSeries bars = MarketDataFiles.loadBars(input);
        checkAgainstBars(bars.size());
        if (!frames.isEmpty() && bars.timeFrame() != null && !bars.timeFrame().equals(frames.get(0))) {
            throw new IllegalArgumentException("--timeframes must start with the time frame of the bars in " + input + " ("
                    + bars.timeFrame() + ") but starts with " + frames.get(0));
        }
        Path scratch = Files.createTempDirectory("sextant-train-");
        List<PretrainedModel> pretrained = new ArrayList<>();
        try {
            for (String name : pretrainedNames) {
                PretrainedModel p = loadPretrained(name, featureSpec, scratch);
                pretrained.add(p);
                config.pretrained(p);
                if (bars.size() > 0 && bars.time(0) <= p.trainedThrough().toEpochMilli()) {
                    err.println("note: " + p.model().metadata().id() + " was trained and validated on bars through "
                            + p.trainedThrough() + "; labelled rows start after it so that no score uses them");
                }
            }
            TrainingConfig cfg = config.build();
            try (TrainedBundle trained = train(bars, cfg)) {
                err.println("trained " + trained.ensemble().metadata().id() + " from " + trainable
                        + (frames.isEmpty() ? "" : " per time frame " + frames)
                        + (pretrained.isEmpty() ? "" : " + pretrained " + pretrained.stream().map(p -> p.model().metadata().id()).toList())
                        + " on " + trained.describe());
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("tool", "sextant train 0.1.0-SNAPSHOT");
                attributes.put("input", input.getFileName().toString());
                attributes.put("models", String.join(",", models));
                if (!frames.isEmpty()) {
                    attributes.put("timeframes", String.join(",", frames.stream().map(TimeFrame::label).toList()));
                }
                BundleManifest manifest = trained.write(output, attributes);
                report(out, manifest, trained.metrics());
            }
        } finally {
            pretrained.forEach(p -> p.model().close());
            deleteTree(scratch);
        }
        return 0;
    }

    private TrainedBundle train(BarSeries bars, TrainingConfig cfg) {
        try {
            return BundleTrainer.train(bars, cfg, ConsoleProgress.on(spec.commandLine().getErr()));
        } catch (IllegalArgumentException e) {
            // Name the file: the library names the series and rows, the user knows the file.
            throw new IllegalArgumentException(input + ": " + e.getMessage(), e);
        }
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
        try {
            CalibrationMethod.parse(calibration);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--calibration: " + e.getMessage(), e);
        }
    }

    /** The parsed {@code --timeframes}, empty without the option; a bad entry names the option and the value. */
    private List<TimeFrame> parseTimeframes() {
        if (timeframes == null) {
            return List.of();
        }
        List<TimeFrame> out = TimeframeList.parse(timeframes);
        TimeframeList.checkSpec(FeatureSpec.named(set), out, timeframes);
        return out;
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

    /** Fails with a one-line message when no trainer of {@code type} is on the class path. */
    private static void checkTrainer(String name, String type) {
        if (Models.trainerTypes().contains(type)) {
            return;
        }
        if (type.startsWith("smile-")) {
            throw new IllegalArgumentException("--models " + name + " needs the Smile adapter "
                    + "dev.sextant:trading-models-smile (GPL-3.0), which sextant.jar does not include: put " + SMILE_JARS
                    + " on the class path, e.g. java -cp sextant.jar:trading-models-smile-0.1.0-SNAPSHOT.jar:"
                    + "smile-core-6.2.5.jar:smile-base-6.2.5.jar dev.sextant.examples.cli.SextantCli train ...");
        }
        throw new IllegalArgumentException("--models: unknown model '" + name + "'; known: the trainers on the class path "
                + Models.trainerTypes() + ", rf, svm, logit (Smile) and the committed networks " + String.join(", ", PRETRAINED));
    }

    private static PretrainedModel loadPretrained(String name, FeatureSpec featureSpec, Path scratch) throws IOException {
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
        return PretrainedModel.load("onnx", file, Map.of());
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
