package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.BundleManifest.TimeWindow;
import dev.sextant.trading.models.bundle.BundleManifest.ValidationReport;
import dev.sextant.trading.models.bundle.BundleWriter;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.ReferenceSettings;
import dev.sextant.trading.models.ensemble.StackingTrainer;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import dev.sextant.trading.models.validation.LabelledPredictions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@link BundleTrainer} produced: the calibrated model, ready to predict in process, and
 * everything needed to write it as a bundle. {@link #write} writes a directory or zip and checks
 * that the bundle, loaded back, predicts what this object predicts.
 *
 * <p>Closing releases the trained models; the pretrained models stay open (their owner closes
 * them). One thread at a time.
 */
public final class TrainedBundle implements AutoCloseable {

    /**
     * The manifest attribute holding the label definition the bundle was trained on, a
     * {@link FixedHorizonLabeler#description()} such as
     * {@code "fixed horizon 10 bars, k=0.5, volatility window 60"}.
     */
    public static final String LABELS_ATTRIBUTE = "labels";

    private final TrainingConfig config;
    private final TrainingRows rows;
    private final TrainingSplit split;
    private final List<PretrainedModel> pretrained;
    private final Model ensemble;
    private final Model model;
    private final Optional<Calibrator> calibrator;
    private final Map<String, ClassificationMetrics> metrics;
    private final Optional<StackingTrainer.Result> stack;
    private final Optional<TrainedModel> single;
    private final Optional<StandardScaler> singleScaler;
    private DriftReference reference;

    TrainedBundle(TrainingConfig config, TrainingRows rows, TrainingSplit split, List<PretrainedModel> pretrained, Model ensemble,
            Model model, Optional<Calibrator> calibrator, Map<String, ClassificationMetrics> metrics,
            Optional<StackingTrainer.Result> stack, Optional<TrainedModel> single, Optional<StandardScaler> singleScaler) {
        this.config = config;
        this.rows = rows;
        this.split = split;
        this.pretrained = List.copyOf(pretrained);
        this.ensemble = ensemble;
        this.model = model;
        this.calibrator = calibrator;
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        this.stack = stack;
        this.single = single;
        this.singleScaler = singleScaler;
    }

    /** The calibrated model (the ensemble when the calibration method is {@code none}); reads raw feature rows. */
    public Model model() {
        return model;
    }

    /** The ensemble before calibration; reads raw feature rows. */
    public Model ensemble() {
        return ensemble;
    }

    /** The calibrator fitted on the calibration rows; empty for calibration {@code none}. */
    public Optional<Calibrator> calibrator() {
        return calibrator;
    }

    /** Which rows were fitted, calibrated on and tested on. */
    public TrainingSplit split() {
        return split;
    }

    /** The config trained with. */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Metrics on the test rows, in order: {@code ensemble}, {@code ensemble-calibrated} (when
     * calibrated), then every base model by id; empty without a test part.
     */
    public Map<String, ClassificationMetrics> metrics() {
        return metrics;
    }

    /** The fit rows' time window. */
    public TimeWindow fitWindow() {
        return window(split.fitStart(), split.fitEnd());
    }

    /** The calibration rows' time window. */
    public TimeWindow calibrationWindow() {
        return window(split.calibrationStart(), split.calibrationEnd());
    }

    /** The test rows' time window; empty without a test part. */
    public Optional<TimeWindow> testWindow() {
        return split.testRows() == 0 ? Optional.empty() : Optional.of(window(split.testStart(), split.testEnd()));
    }

    /** The rows the meta-learner was trained on (its out-of-fold rows); 0 without stacking. */
    public int outOfFoldRows() {
        return stack.map(r -> r.metaRows().length).orElse(0);
    }

    /**
     * The reference of the training inputs that drift monitoring and out-of-distribution gating
     * compare with ({@link ReferenceSettings#defaults()}): quantile grids of the fit rows'
     * features, the calibrated predictions and per-bar log loss on the held-out rows (the test
     * rows, or the calibration rows without a test part), and the gating subsample of the fit rows.
     * Computed once; {@link #writer()} records it in the bundle.
     */
    public DriftReference reference() {
        if (reference == null) {
            float[][] fit = new float[split.fitRows()][];
            System.arraycopy(rows.features(), split.fitStart(), fit, 0, fit.length);
            int from = split.testRows() > 0 ? split.testStart() : split.calibrationStart();
            int to = split.testRows() > 0 ? split.testEnd() : split.calibrationEnd();
            LabelledPredictions heldOut = rows.predict(model, from, to);
            reference = DriftReference.build(config.spec().featureNames(), fit, heldOut.probabilities(), heldOut.labels(),
                    ReferenceSettings.defaults());
        }
        return reference;
    }

    /** One line: bars and the three parts with their times. */
    public String describe() {
        return String.format(Locale.ROOT, "%d bars: fit %d rows [%s .. %s], calibration %d [%s .. %s], test %d%s", rows.size(),
                split.fitRows(), at(split.fitStart()), at(split.fitEnd() - 1), split.calibrationRows(),
                at(split.calibrationStart()), at(split.calibrationEnd() - 1), split.testRows(),
                split.testRows() == 0 ? "" : " [" + at(split.testStart()) + " .. " + at(split.testEnd() - 1) + "]");
    }

    /**
     * A bundle writer holding the models, their scalers, the ensemble, the calibrator, the training
     * window, the validation metrics (with a test part), the drift {@link #reference()} and provenance attributes ({@code models},
     * {@code labels}, {@code folds}, {@code meta}, {@code seed}, {@code calibrationWindow},
     * {@code outOfFoldRows}); add attributes of your own, then write. Pretrained models need a
     * file ({@link PretrainedModel#file()}).
     *
     * @throws IllegalStateException if a pretrained model has no file to copy
     */
    public BundleWriter writer() {
        BundleWriter writer = BundleWriter.create(config.bundleId(), config.bundleVersion(), config.spec());
        List<String> members = new ArrayList<>();
        if (stack.isPresent()) {
            StackingTrainer.Result r = stack.get();
            for (TrainedModel m : r.trainedBases()) {
                writer.addTrained(m, r.scalers().get(m.metadata().id()));
                members.add(m.metadata().id());
            }
            for (PretrainedModel p : pretrained) {
                Path file = p.file().orElseThrow(() -> new IllegalStateException("pretrained model " + p.model().metadata().id()
                        + " has no file to copy into the bundle: give PretrainedModel a file"));
                writer.addFile(p.model(), file, Map.of(), null);
                members.add(p.model().metadata().id());
            }
            writer.stacking(members, r.meta());
        } else {
            TrainedModel m = single.orElseThrow();
            writer.addTrained(m, singleScaler.orElse(null)).single(m.metadata().id());
            members.add(m.metadata().id());
        }
        calibrator.ifPresent(writer::calibration);
        writer.trainingWindow(fitWindow()).reference(reference());
        testWindow().ifPresent(w -> writer.validation(new ValidationReport(w, metrics)));
        writer.attribute("models", String.join(",", members))
                .attribute(LABELS_ATTRIBUTE, new FixedHorizonLabeler(config.horizon(), config.labelThreshold(),
                        config.volatilityWindow()).description());
        if (stack.isPresent()) {
            writer.attribute("folds", config.folds() + " walk-forward, embargo " + config.embargo())
                    .attribute("meta", config.meta().type());
        }
        writer.attribute("seed", Long.toString(config.seed()))
                .attribute("calibration", config.calibration().id())
                .attribute("calibrationWindow", at(split.calibrationStart()) + " .. " + at(split.calibrationEnd() - 1)
                        + " (" + split.calibrationRows() + " rows)");
        if (stack.isPresent()) {
            writer.attribute("outOfFoldRows", Integer.toString(outOfFoldRows()));
        }
        return writer;
    }

    /**
     * Writes the bundle to {@code output} (a zip when the name ends in {@code .zip}, else a
     * directory that must not exist or be empty), then loads it back and checks that it predicts
     * what {@link #model()} predicts on the test rows (the calibration rows without a test part).
     *
     * @param attributes further provenance facts (e.g. tool and input file)
     * @return the manifest written
     * @throws IOException           if the bundle cannot be written
     * @throws IllegalStateException if the written bundle predicts differently
     */
    public BundleManifest write(Path output, Map<String, String> attributes) throws IOException {
        Checks.notNull(output, "output");
        BundleWriter writer = writer();
        Checks.notNull(attributes, "attributes").forEach(writer::attribute);
        BundleManifest manifest = output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")
                ? writer.writeZip(output)
                : writer.writeDirectory(output);
        int from = split.testRows() > 0 ? split.testStart() : split.calibrationStart();
        int to = split.testRows() > 0 ? split.testEnd() : split.calibrationEnd();
        try (ModelBundle bundle = ModelBundle.load(output, config.spec())) {
            LabelledPredictions a = rows.predict(model, from, to);
            LabelledPredictions b = rows.predict(bundle.model(), from, to);
            for (int r = 0; r < a.size(); r++) {
                for (int c = 0; c < 3; c++) {
                    if (Math.abs(a.probability(r, c) - b.probability(r, c)) > 1e-6) {
                        throw new IllegalStateException("the bundle written to " + output + " predicts " + b.probability(r, c)
                                + " but the trained model " + a.probability(r, c) + " at row " + (from + r) + " class " + c);
                    }
                }
            }
        }
        return manifest;
    }

    private TimeWindow window(int from, int to) {
        return new TimeWindow(at(from), at(to - 1), to - from);
    }

    private Instant at(int i) {
        return Instant.ofEpochMilli(rows.times()[i]);
    }

    /** Closes the trained models; the pretrained ones stay open. */
    @Override
    public void close() {
        model.close();
    }
}
