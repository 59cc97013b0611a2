package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.calibration.CalibrationMethod;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.linear.LogisticRegression;
import dev.sextant.trading.models.linear.LogisticRegressionSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTrainerTest {

    private static final BarSeries AR = SyntheticBars.ar1(4_000, -0.25, 0.001, 5);

    @TempDir
    Path dir;

    private static TrainingConfig.Builder logistic() {
        return TrainingConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(1).labelThreshold(0.25);
    }

    @Test
    void oneModelIsUsedAloneAndItsBundlePredictsWhatItPredicts() throws IOException {
        try (TrainedBundle trained = BundleTrainer.train(AR, logistic().bundleId("ar").build())) {
            BundleManifest m = trained.write(dir.resolve("ar"), Map.of("tool", "test"));
            assertEquals("single", m.ensemble().method());
            assertEquals(List.of("logistic"), m.ensemble().members());
            assertTrue(m.model("logistic").scaler().isPresent(), "the logistic trainer reads standardised features");
            assertEquals(trained.fitWindow(), m.trainingWindow().orElseThrow());
            assertEquals(List.of("ensemble", "ensemble-calibrated", "logistic"),
                    List.copyOf(m.validation().orElseThrow().metrics().keySet()));
            assertEquals("test", m.attributes().get("tool"));
            assertEquals("fixed horizon 1 bars, k=0.25, volatility window 60", m.attributes().get("labels"));
            try (ModelBundle loaded = ModelBundle.load(dir.resolve("ar"), FeatureSpec.standard24())) {
                float[] x = new float[24];
                x[3] = 0.5f;
                double[] a = new double[3];
                double[] b = new double[3];
                trained.model().predict(x, a);
                loaded.model().predict(x, b);
                assertEquals(a[2], b[2], 1e-9);
            }
        }
    }

    @Test
    void theBundleRecordsAReferenceOfItsFitRowsAndHeldOutPredictions() throws IOException {
        try (TrainedBundle trained = BundleTrainer.train(AR, logistic().bundleId("ar").build())) {
            trained.write(dir.resolve("ref"), Map.of());
            try (ModelBundle loaded = ModelBundle.load(dir.resolve("ref"), FeatureSpec.standard24())) {
                DriftReference ref = loaded.reference().orElseThrow();
                assertEquals(trained.reference(), ref);
                assertEquals(FeatureSpec.standard24().featureNames(), ref.featureNames());
                assertEquals(trained.split().fitRows(), ref.features().get(0).count());
                assertEquals(trained.split().testRows(), ref.loss().rows());
                assertEquals(trained.metrics().get("ensemble-calibrated").logLoss(), ref.loss().mean(), 1e-9);
                assertEquals(trained.split().testRows(), ref.prediction().count());
            }
        }
    }

    @Test
    void tellsProgressThroughFittingCalibrationAndEvaluation() {
        List<Long> done = new ArrayList<>();
        try (TrainedBundle trained = BundleTrainer.train(AR, logistic().build(), (task, d, total) -> {
            assertEquals(BundleTrainer.TASK, task);
            assertEquals(BundleTrainer.STEPS, total);
            done.add(d);
        })) {
            assertEquals(List.of(0L, 1L, 2L, 3L), done);
        }
    }

    @Test
    void partsAreInTimeOrderPurgedAndTheCalibratorSawOnlyItsOwnRows() {
        try (TrainedBundle trained = BundleTrainer.train(AR, logistic().horizon(5).build())) {
            TrainingSplit s = trained.split();
            assertTrue(s.fitEnd() - 1 + 5 < s.calibrationStart(), "fit labels end before calibration: " + s);
            assertTrue(s.calibrationEnd() - 1 + 5 < s.testStart(), "calibration labels end before test: " + s);
            Calibrator c = trained.calibrator().orElseThrow();
            assertEquals(AR.time(s.calibrationStart()), c.fittedOn().firstKey());
            assertEquals(AR.time(s.calibrationEnd() - 1), c.fittedOn().lastKey());
            assertEquals(s.testRows(), trained.metrics().get("ensemble").rows());
        }
    }

    @Test
    void stacksASingleModelWhenAskedAndRecordsTheOutOfFoldRows() throws IOException {
        TrainingConfig cfg = logistic().stackSingleModel(true).folds(3).meta(TrainerSpec.of(
                LogisticRegressionSettings.defaults().withL2(0.1))).build();
        try (TrainedBundle trained = BundleTrainer.train(AR, cfg)) {
            BundleManifest m = trained.write(dir.resolve("stack.zip"), Map.of());
            assertEquals("stacking", m.ensemble().method());
            assertEquals("sextant-meta", m.ensemble().metaModel().orElseThrow());
            assertTrue(trained.outOfFoldRows() > 0 && trained.outOfFoldRows() < trained.split().fitRows());
            assertEquals(Integer.toString(trained.outOfFoldRows()), m.attributes().get("outOfFoldRows"));
            assertEquals("3 walk-forward, embargo 1", m.attributes().get("folds"));
        }
    }

    @Test
    void aPretrainedModelIsStackedAndCopiedAndRowsStartAfterItsTrainingData() throws IOException {
        Instant trainedThrough = Instant.ofEpochMilli(AR.time(1_500));
        LogisticRegression net = new LogisticRegression("outside", new double[3][24], new double[] {0.1, 0, -0.1},
                new Provenance("elsewhere", "bars through " + trainedThrough, 0, Instant.EPOCH,
                        Map.of(PretrainedModel.TRAINED_THROUGH_ATTRIBUTE, trainedThrough.toString())));
        Path file = dir.resolve("outside.json");
        net.save(file);
        PretrainedModel pretrained = PretrainedModel.load("logistic", file, Map.of());
        assertEquals(trainedThrough, pretrained.trainedThrough());
        TrainingConfig cfg = logistic().pretrained(pretrained).calibration(CalibrationMethod.NONE).build();
        try (TrainedBundle trained = BundleTrainer.train(AR, cfg)) {
            assertTrue(AR.time(trained.split().fitStart()) > trainedThrough.toEpochMilli());
            assertTrue(trained.calibrator().isEmpty());
            BundleManifest m = trained.write(dir.resolve("p"), Map.of());
            assertEquals(List.of("logistic", "outside"), m.ensemble().members());
            assertFalse(m.calibration().isPresent());
        }
        // The trainer never closes a pretrained model: it still predicts.
        pretrained.model().predict(new float[24], new double[3]);
    }

    @Test
    void aPretrainedModelWithoutAFileCannotBeWritten() {
        LogisticRegression net = new LogisticRegression("outside", new double[3][24], new double[3], Provenance.unknown("x"));
        TrainingConfig cfg = logistic().pretrained(new PretrainedModel(net, Instant.ofEpochMilli(AR.time(100)))).build();
        try (TrainedBundle trained = BundleTrainer.train(AR, cfg)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, trained::writer);
            assertTrue(e.getMessage().contains("outside"), e.getMessage());
        }
    }

    @Test
    void tooFewRowsSaysHowManyEachPartNeeds() {
        BarSeries shortSeries = SyntheticBars.ar1(300, -0.25, 0.001, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BundleTrainer.train(shortSeries, logistic().stackSingleModel(true).folds(8).build()));
        assertTrue(e.getMessage().startsWith("too few labelled rows") && e.getMessage().contains("270 to fit with 8 folds"),
                e.getMessage());
    }

    @Test
    void aMissingTrainerNamesItsArtifact() {
        Exception e = assertThrows(RuntimeException.class,
                () -> BundleTrainer.train(AR, TrainingConfig.builder(FeatureSpec.standard24()).models("rf").build()));
        assertTrue(e.getMessage().contains("dev.sextant:trading-models-smile"), e.getMessage());
    }

    @Property(tries = 40)
    void everySplitIsOrderedAndPurged(@ForAll @IntRange(min = 1, max = 30) int horizon,
            @ForAll @DoubleRange(min = 0.05, max = 0.35) double calibration,
            @ForAll @DoubleRange(min = 0.02, max = 0.35) double testShare, @ForAll boolean withTest) {
        double test = withTest ? testShare : 0;
        TrainingConfig cfg = logistic().horizon(horizon).calibrationFraction(calibration).testFraction(test).build();
        TrainingRows rows = TrainingRows.of(AR, cfg.spec(), horizon, 0.25, 60);
        int start = rows.firstDefined();
        while (!rows.labels().isDefined(start)) {
            start++;
        }
        TrainingSplit s = BundleTrainer.split(rows, start, 3_000, cfg, false, "");
        assertEquals(start, s.fitStart());
        assertTrue(rows.labels().end(s.fitEnd() - 1) < s.calibrationStart());
        assertTrue(s.testRows() == 0 || rows.labels().end(s.calibrationEnd() - 1) < s.testStart());
        assertEquals(3_000, s.testEnd());
        assertEquals(Math.round((3_000 - start) * test), s.testRows());
    }
}
