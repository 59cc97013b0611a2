package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.report.EvaluationReport.FoldSummary;
import dev.sextant.trading.engine.report.FeatureImportance;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.linear.LogisticRegression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Walk-forward folds: purged training windows, every test bar predicted once, no look-ahead, one trainer. */
class WalkForwardTest {

    private static final BarSeries AR = SyntheticBars.ar1(6_000, -0.25, 0.001, 21);

    private static WalkForwardConfig.Builder config() {
        return WalkForwardConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(3).embargo(2)
                .labelThreshold(0.25).trainBars(2_000).testBars(1_000);
    }

    @Test
    void eachFoldTrainsOnlyOnRowsWhoseLabelsEndBeforeTheEmbargoAndItsTestWindow() {
        List<FoldSummary> folds = WalkForward.run(AR, config().build()).folds();
        assertEquals(4, folds.size());
        for (FoldSummary f : folds) {
            int lastTrain = AR.indexOf(f.trainTo());
            int firstTest = AR.indexOf(f.testFrom());
            // Row lastTrain's label ends 3 bars later; 2 more bars of embargo lie before the test window.
            assertTrue(lastTrain + 3 + 2 < firstTest, "fold " + f.fold() + ": last training row " + lastTrain
                    + ", first test row " + firstTest);
            assertEquals(1_999, AR.indexOf(f.trainTo()) - AR.indexOf(f.trainFrom()) + 5, "rolling window of fold " + f.fold());
        }
    }

    @Test
    void permutationImportanceOnHeldOutRowsRanksTheReturnThatDrivesTheSeriesFirst() {
        // AR(1) returns: the last bar's return is what predicts the next one.
        FeatureImportance imp = WalkForward.run(AR, config().build()).importance().orElseThrow();
        List<String> names = FeatureSpec.standard24().featureNames();
        assertEquals(names, imp.features());
        double[] inc = imp.permutationLogLossIncrease();
        int top = 0;
        for (int j = 1; j < inc.length; j++) {
            top = inc[j] > inc[top] ? j : top;
        }
        assertEquals("log_return_1", names.get(top), Arrays.toString(inc));
        assertTrue(inc[top] > 0.005, "shuffling it costs log loss: " + inc[top]);
        assertTrue(imp.rows() > 0 && imp.rows() <= WalkForward.IMPORTANCE_ROWS + 4 * 100, "rows " + imp.rows());
        assertArrayEquals(inc, WalkForward.run(AR, config().build()).importance().orElseThrow().permutationLogLossIncrease(),
                "seeded, so repeatable");
    }

    @Test
    void tellsProgressAfterEachFoldInOrder() {
        List<String> updates = new ArrayList<>();
        List<FoldSummary> folds = WalkForward.run(AR, config().build(),
                (task, done, total) -> updates.add(task + " " + done + "/" + total)).folds();
        assertEquals(4, folds.size());
        assertEquals(List.of("walk-forward folds 0/4", "walk-forward folds 1/4", "walk-forward folds 2/4",
                "walk-forward folds 3/4", "walk-forward folds 4/4"), updates);
    }

    @Test
    void predictsEveryTestBarOnceInTimeOrder() {
        WalkForwardResult r = WalkForward.run(AR, config().build());
        OutOfSamplePredictions p = r.predictions();
        int first = p.barIndex()[0];
        for (int i = 0; i < p.size(); i++) {
            assertEquals(first + i, p.barIndex()[i]);
            assertEquals(AR.time(first + i), p.time()[i]);
            assertEquals(i / 1_000, p.fold()[i], "row " + i);
        }
        assertEquals(AR.size() - 1, p.barIndex()[p.size() - 1]);
        assertEquals(r.folds().stream().mapToInt(FoldSummary::testBars).sum(), p.size());
    }

    @Test
    void barsAfterAFoldsTestWindowChangeNoneOfItsPredictions() {
        int cut = 4_500;
        BarSeries poisoned = new BarSeries(AR.name(), AR.timeFrame());
        for (int i = 0; i < AR.size(); i++) {
            if (i < cut) {
                poisoned.append(AR.bar(i));
            } else {
                double scale = 1.7 + Math.sin(i);
                poisoned.append(AR.time(i), AR.open(i) * scale, AR.high(i) * scale * 1.01, AR.low(i) * scale * 0.99,
                        AR.close(i) * scale, AR.volume(i) * 3);
            }
        }
        OutOfSamplePredictions clean = WalkForward.run(AR, config().build()).predictions();
        OutOfSamplePredictions dirty = WalkForward.run(poisoned, config().build()).predictions();
        int compared = 0;
        for (int i = 0; i < clean.size(); i++) {
            // Folds whose test windows end before the cut never saw a changed bar: not in features, labels or training.
            if (clean.barIndex()[i] < cut && clean.fold()[i] < 2) {
                assertArrayEquals(Arrays.copyOfRange(clean.calibrated(), 3 * i, 3 * i + 3),
                        Arrays.copyOfRange(dirty.calibrated(), 3 * i, 3 * i + 3), "row " + i);
                compared++;
            }
        }
        assertEquals(2_000, compared);
        assertTrue(!Arrays.equals(clean.calibrated(), dirty.calibrated()), "later folds do see the changed bars");
    }

    @Test
    void eachFoldPredictsWhatTheBundleTrainerTrainsOnItsRows() {
        WalkForwardConfig cfg = config().build();
        WalkForwardResult r = WalkForward.run(AR, cfg);
        FoldSummary fold = r.folds().get(1);
        TrainingRows rows = TrainingRows.of(AR, cfg.spec(), 3, 0.25, 60);
        int trainStart = AR.indexOf(fold.trainFrom());
        int trainEnd = AR.indexOf(fold.trainTo()) + 1;
        int testStart = AR.indexOf(fold.testFrom());
        try (TrainedBundle trained = BundleTrainer.train(rows, trainStart, trainEnd, cfg.training(), List.of(), "check")) {
            double[] batch = rows.predict(trained.model(), testStart, testStart + fold.testBars()).probabilities();
            int offset = r.folds().get(0).testBars();
            double[] walkForward = Arrays.copyOfRange(r.predictions().calibrated(), 3 * offset, 3 * (offset + fold.testBars()));
            assertArrayEquals(batch, walkForward, 1e-12);
        }
    }

    @Test
    void expandingWindowsAllStartAtTheFirstLabelledBar() {
        List<FoldSummary> folds = WalkForward.run(AR, config().expanding(true).build()).folds();
        for (FoldSummary f : folds) {
            assertEquals(folds.get(0).trainFrom(), f.trainFrom());
        }
        assertTrue(folds.get(3).trainTo() > folds.get(0).trainTo());
    }

    @Test
    void aPretrainedModelIsLeftOutOfFoldsItWasTrainedOnAndAFoldWithoutModelsIsAnError() {
        LogisticRegression net = new LogisticRegression("net", new double[3][24], new double[3], Provenance.unknown("x"));
        WalkForwardConfig cfg = WalkForwardConfig.builder(FeatureSpec.standard24()).horizon(1).trainBars(2_000)
                .testBars(1_000).pretrained(new PretrainedModel(net, Instant.ofEpochMilli(AR.lastTime()))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WalkForward.run(AR, cfg));
        assertTrue(e.getMessage().contains("fold 0") && e.getMessage().contains("has no model"), e.getMessage());
    }

    @Test
    void aSeriesTooShortForOneFoldIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WalkForward.run(SyntheticBars.ar1(1_500, -0.25, 0.001, 3), config().build()));
        assertTrue(e.getMessage().contains("too short for one fold of 2000 training bars"), e.getMessage());
    }

    @Test
    void aFoldWithTooFewRowsSaysWhichFold() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> WalkForward.run(AR, config().trainBars(60).build()));
        assertTrue(few.getMessage().startsWith("fold 0: too few labelled rows"), few.getMessage());
    }

    @Test
    void rejectsAnUnknownCalibrationAndAFoldTestFraction() {
        assertThrows(IllegalArgumentException.class, () -> config().calibration("beta"));
        TrainingConfig withTest = TrainingConfig.builder(FeatureSpec.standard24()).models("logistic").build();
        assertThrows(IllegalArgumentException.class, () -> new WalkForwardConfig(withTest, 100, 100, false, 1));
    }
}
