package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.ensemble.StackingEnsemble;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.linear.LogisticRegression;
import dev.sextant.trading.models.linear.LogisticRegressionSettings;
import dev.sextant.trading.models.linear.TimeframeLogisticRegression;
import dev.sextant.trading.models.validation.WalkForwardSplit;
import dev.sextant.trading.models.validation.WalkForwardSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiTimeframeModelsTest {

    private static final List<TimeFrame> TFS = MultiTimeframeModels.STANDARD_TIMEFRAMES;

    @Test
    void referenceModelsReadConsecutiveColumnGroupsOnePerTimeFrame() {
        List<TrainerSpec> models = MultiTimeframeModels.referenceModels(FeatureSpec.standard24(), TFS, Map.of("l2", "0.1"));
        assertEquals(List.of("tf-1m", "tf-5m", "tf-15m", "tf-1h"), models.stream().map(TrainerSpec::id).toList());
        for (int k = 0; k < 4; k++) {
            TrainerSpec m = models.get(k);
            assertEquals(TimeframeLogisticRegression.TYPE, m.type());
            assertEquals(Integer.toString(24 * k), m.params().get("offset"));
            assertEquals("24", m.params().get("count"));
            assertEquals(TFS.get(k).label(), m.params().get("timeframe"));
            assertEquals("0.1", m.params().get("l2"));
        }
        FeatureSpec spec = MultiTimeframeModels.spec(FeatureSpec.standard24(), TFS);
        assertEquals(96, spec.size());
        assertTrue(spec.featureNames().get(24).endsWith("@5m") && spec.featureNames().get(95).endsWith("@1h"),
                spec.featureNames().toString());
    }

    @Test
    void rejectsABaseSpecThatAlreadyHasTimeFramesAndAnEmptyList() {
        FeatureSpec withTf = FeatureSpec.standard24().withTimeframes(List.of(TimeFrame.M1, TimeFrame.M5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiTimeframeModels.spec(withTf, TFS));
        assertTrue(e.getMessage().contains("already has time frames"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultiTimeframeModels.spec(FeatureSpec.standard24(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> MultiTimeframeModels.spec(FeatureSpec.standard24(), List.of(TimeFrame.M5, TimeFrame.M1)));
    }

    @Test
    void bundleHoldsOneTimeFrameModelPerTimeFrameAndALogisticMetaLearner() {
        BundleManifest m = MultiTimeframeFixture.bundle().manifest();
        assertEquals(TFS, m.featureSpec().timeframes());
        assertEquals(BundleManifest.EnsembleSpec.STACKING, m.ensemble().method());
        assertEquals(List.of("tf-1m", "tf-5m", "tf-15m", "tf-1h"), m.ensemble().members());
        long timeframeModels = m.models().stream().filter(e -> e.type().equals(TimeframeLogisticRegression.TYPE)).count();
        assertEquals(4, timeframeModels);
    }

    /**
     * Recomputes the stacking by hand: the same purged walk-forward folds of the fit rows, one
     * time-frame model per fold trained on the fold's training rows only (scaler included), its
     * predictions on the fold's test block, and a logistic meta-learner on those. The bundle's
     * meta-learner must equal it; the meta-learner fitted on in-fold predictions must not (so a
     * trainer that leaked would fail here).
     */
    @Test
    void metaLearnerIsFittedOnOutOfFoldPredictionsOfAHandComputedSplit() {
        TrainingConfig config = MultiTimeframeFixture.config();
        try (TrainedBundle trained = BundleTrainer.train(MultiTimeframeFixture.BARS, config)) {
            TrainingRows rows = TrainingRows.of(MultiTimeframeFixture.BARS, config.spec(), config.horizon(),
                    config.labelThreshold(), config.volatilityWindow());
            TrainingSplit split = trained.split();
            int from = split.fitStart();
            int n = split.fitEnd() - from;
            int[] ends = new int[n];
            for (int p = 0; p < n; p++) {
                ends[p] = rows.labels().end(from + p) - from;
            }
            List<WalkForwardSplit> folds = WalkForwardSplitter.walkForward(config.folds(), config.embargo()).split(ends);
            List<float[]> metaX = new ArrayList<>();
            List<Integer> metaY = new ArrayList<>();
            List<Integer> metaRows = new ArrayList<>();
            double[] prob = new double[3];
            for (WalkForwardSplit fold : folds) {
                if (fold.trainSize() == 0) {
                    continue;
                }
                float[][] x = new float[fold.trainSize()][];
                int[] y = new int[x.length];
                for (int q = 0; q < x.length; q++) {
                    x[q] = rows.features()[from + fold.train()[q]];
                    y[q] = rows.labels().label(from + fold.train()[q]);
                }
                StandardScaler scaler = StandardScaler.fit(x);
                List<TimeframeLogisticRegression> bases = new ArrayList<>();
                for (int k = 0; k < TFS.size(); k++) {
                    bases.add(TimeframeLogisticRegression.train(TrainingSet.of(scaler.transformRows(x), y), "tf", TFS.get(k),
                            24 * k, 24, LogisticRegressionSettings.DEFAULT_L2, LogisticRegressionSettings.DEFAULT_MAX_ITERATIONS));
                }
                float[] scaled = new float[96];
                for (int p = fold.testStart(); p < fold.testEnd(); p++) {
                    scaler.transform(rows.features()[from + p], scaled, 1);
                    float[] meta = new float[12];
                    for (int k = 0; k < bases.size(); k++) {
                        bases.get(k).predict(scaled, prob);
                        for (int c = 0; c < 3; c++) {
                            meta[3 * k + c] = StackingEnsemble.metaFeature(prob[c]);
                        }
                    }
                    metaX.add(meta);
                    metaY.add(rows.labels().label(from + p));
                    metaRows.add(from + p);
                }
            }
            LogisticRegression expected = LogisticRegression.train(TrainingSet.of(metaX.toArray(new float[0][]),
                    metaY.stream().mapToInt(Integer::intValue).toArray()), "meta", LogisticRegressionSettings.DEFAULT_L2,
                    LogisticRegressionSettings.DEFAULT_MAX_ITERATIONS);
            StackingEnsemble ensemble = (StackingEnsemble) trained.ensemble();
            LogisticRegression actual = (LogisticRegression) ensemble.meta();
            assertEquals(metaRows.size(), trained.outOfFoldRows(), "meta-learner rows = the test blocks of the folds");
            assertTrue(metaRows.get(0) > from, "the first block, which no fold predicts out of fold, never reaches the meta-learner");
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(expected.weights(c), actual.weights(c), 1e-9, "meta weights of class " + c);
            }
            assertArrayEquals(expected.intercepts(), actual.intercepts(), 1e-9);

            // The same rows with in-fold predictions (the final bases saw them): a different meta-learner.
            float[][] inFoldX = new float[metaRows.size()][12];
            for (int r = 0; r < metaRows.size(); r++) {
                float[] x = rows.features()[metaRows.get(r)];
                for (int k = 0; k < ensemble.bases().size(); k++) {
                    Model base = ensemble.bases().get(k);
                    base.predict(x, prob);
                    for (int c = 0; c < 3; c++) {
                        inFoldX[r][3 * k + c] = StackingEnsemble.metaFeature(prob[c]);
                    }
                }
            }
            LogisticRegression leaky = LogisticRegression.train(TrainingSet.of(inFoldX, metaY.stream().mapToInt(Integer::intValue)
                    .toArray()), "leaky", LogisticRegressionSettings.DEFAULT_L2, LogisticRegressionSettings.DEFAULT_MAX_ITERATIONS);
            double gap = 0;
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 12; j++) {
                    gap = Math.max(gap, Math.abs(leaky.weights(c)[j] - actual.weights(c)[j]));
                }
            }
            assertTrue(gap > 1e-3, "a meta-learner on in-fold predictions differs from the bundle's (max weight gap " + gap + ")");
        }
    }
}
