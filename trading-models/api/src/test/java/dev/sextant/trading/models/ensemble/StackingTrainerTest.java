package dev.sextant.trading.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import dev.sextant.trading.models.validation.LabelledPredictions;
import dev.sextant.trading.models.validation.WalkForwardSplit;
import dev.sextant.trading.models.validation.WalkForwardSplitter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackingTrainerTest {

    private static final double SEEN = 0.9;
    private static final double UNSEEN = 0.05;

    /**
     * A trainer whose models remember the row ids (feature 0) they were trained on and predict
     * SELL = 0.9 for such a row and SELL = 0.05 for any other: a leak of training rows into the
     * meta-learner's input would show as a SELL probability of 0.9.
     */
    static final class SpyTrainer implements ModelTrainer {
        final List<Set<Integer>> trainedRows = new ArrayList<>();
        final List<Set<Integer>> validationRows = new ArrayList<>();

        @Override
        public String type() {
            return "spy";
        }

        @Override
        public String artifact() {
            return "test";
        }

        @Override
        public TrainedModel train(TrainingSet data, Map<String, String> params) {
            Set<Integer> rows = new HashSet<>();
            for (int i = 0; i < data.size(); i++) {
                rows.add((int) data.row(i)[0]);
            }
            Set<Integer> validation = new HashSet<>();
            if (data.hasValidation()) {
                for (float[] v : data.validationFeatures()) {
                    validation.add((int) v[0]);
                }
            }
            trainedRows.add(rows);
            validationRows.add(validation);
            ModelMetadata md = new ModelMetadata(params.get("id"), "spy", InputKind.VECTOR, data.featureCount(), 1,
                    false, Provenance.unknown("spy"));
            return new TrainedModel() {
                @Override
                public ModelMetadata metadata() {
                    return md;
                }

                @Override
                public double predict(float[] input, double[] p) {
                    boolean seen = rows.contains((int) input[0]) || validation.contains((int) input[0]);
                    p[0] = seen ? SEEN : UNSEEN;
                    p[1] = UNSEEN;
                    p[2] = 1 - p[0] - p[1];
                    return Double.NaN;
                }

                @Override
                public void close() {
                }

                @Override
                public void save(Path file) {
                    throw new UnsupportedOperationException("spy models are not saved");
                }

                @Override
                public String fileExtension() {
                    return "spy";
                }
            };
        }
    }

    /** Records the training set the meta-learner gets, then fits a real logistic regression on it. */
    static final class RecordingMetaTrainer implements ModelTrainer {
        TrainingSet seen;

        @Override
        public String type() {
            return "logistic";
        }

        @Override
        public String artifact() {
            return "test";
        }

        @Override
        public TrainedModel train(TrainingSet data, Map<String, String> params) {
            seen = data;
            return Models.trainer("logistic").train(data, params);
        }
    }

    private static StackingData rowIdData(int rows, int horizon, int context) {
        float[][] x = new float[rows][2];
        int[] y = new int[rows];
        int[] ends = new int[rows];
        long[] keys = new long[rows];
        for (int i = 0; i < rows; i++) {
            x[i][0] = i;
            x[i][1] = (float) Math.sin(i);
            y[i] = i % 3;
            ends[i] = i + horizon;
            keys[i] = 1_000L * i;
        }
        return new StackingData(x, y, ends, keys, context);
    }

    @Test
    void metaLearnerOnlyEverSeesOutOfFoldPredictions() {
        SpyTrainer spyA = new SpyTrainer();
        SpyTrainer spyB = new SpyTrainer();
        RecordingMetaTrainer meta = new RecordingMetaTrainer();
        int horizon = 3;
        StackingData data = rowIdData(200, horizon, 0);
        WalkForwardSplitter splitter = WalkForwardSplitter.walkForward(4, 2);
        StackingTrainer.Result result = StackingTrainer.train(data,
                List.of(new StackingTrainer.BaseLearner("a", spyA, Map.of()),
                        new StackingTrainer.BaseLearner("b", spyB, Map.of())),
                List.of(), new StackingTrainer.Config("ens", splitter, meta, Map.of(), false, 0.2));

        List<WalkForwardSplit> folds = splitter.split(200, horizon);
        // Every meta row is an unseen row for both bases: no base predicted a row it was trained on.
        float leak = StackingEnsemble.metaFeature(SEEN);
        for (int r = 0; r < meta.seen.size(); r++) {
            assertTrue(meta.seen.row(r)[0] != leak && meta.seen.row(r)[3] != leak, "meta row " + r + " leaked");
        }
        // The meta rows are exactly the test blocks, in order.
        int[] expected = folds.stream().flatMapToInt(f -> java.util.stream.IntStream.range(f.testStart(), f.testEnd()))
                .toArray();
        assertArrayEquals(expected, result.metaRows());
        assertEquals(expected.length, meta.seen.size());
        // Fold k's base training rows (train and validation) were purged of labels reaching its test block.
        for (int k = 0; k < folds.size(); k++) {
            WalkForwardSplit fold = folds.get(k);
            Set<Integer> used = new HashSet<>(spyA.trainedRows.get(k));
            used.addAll(spyA.validationRows.get(k));
            for (int i : used) {
                assertTrue(i + horizon < fold.testStart(), "fold " + k + " trained on row " + i);
            }
            assertFalse(spyA.validationRows.get(k).isEmpty(), "a validation split was requested");
            for (int i : spyA.trainedRows.get(k)) {
                int firstValidation = spyA.validationRows.get(k).stream().mapToInt(v -> v).min().orElseThrow();
                assertTrue(i + horizon < firstValidation, "row " + i + " label reaches validation " + firstValidation);
            }
        }
        // One more call per base: the final model, trained on every sample row.
        assertEquals(folds.size() + 1, spyA.trainedRows.size());
        // ... less the rows purged because their labels reach into its validation split.
        assertEquals(200 - horizon, spyA.trainedRows.get(folds.size()).size() + spyA.validationRows.get(folds.size()).size());
        LabelledPredictions oofA = result.outOfFold().get("a");
        assertEquals(expected.length, oofA.size());
        assertEquals(UNSEEN, oofA.probability(0, 0), 1e-12);
    }

    @Test
    void pretrainedWindowModelsPredictFromContextRows() {
        SpyTrainer spy = new SpyTrainer();
        FakeModels.Lambda window = new FakeModels.Lambda("net", 2, 5, (x, p) -> {
            p[0] = 0.2;
            p[1] = 0.5;
            p[2] = 0.3;
        }, Double.NaN);
        StackingData data = rowIdData(120, 1, 4);
        StackingTrainer.Result result = StackingTrainer.train(data, List.of(new StackingTrainer.BaseLearner("a", spy, Map.of())),
                List.of(window), new StackingTrainer.Config("ens", WalkForwardSplitter.walkForward(3, 0),
                        Models.trainer("logistic"), Map.of(), true, 0));
        assertEquals(5, result.ensemble().metadata().sequenceLength());
        assertEquals(List.of("a", "net"), result.ensemble().bases().stream().map(m -> m.metadata().id()).toList());
        float[] lastWindow = window.lastInput;
        assertEquals(119f, lastWindow[8], "the last window ends at the last row");
        assertEquals(115f, lastWindow[0]);
        StackingData tooShort = rowIdData(120, 1, 3);
        assertThrows(IllegalArgumentException.class, () -> StackingTrainer.train(tooShort, List.of(), List.of(window),
                new StackingTrainer.Config("ens", WalkForwardSplitter.walkForward(3, 0), Models.trainer("logistic"),
                        Map.of(), false, 0)));
    }

    @Test
    void rejectsRepeatedIdsAndNoBases() {
        SpyTrainer spy = new SpyTrainer();
        StackingTrainer.Config config = new StackingTrainer.Config("ens", WalkForwardSplitter.walkForward(2, 0),
                Models.trainer("logistic"), Map.of(), false, 0);
        assertThrows(IllegalArgumentException.class, () -> StackingTrainer.train(rowIdData(50, 1, 0),
                List.of(new StackingTrainer.BaseLearner("a", spy, Map.of()), new StackingTrainer.BaseLearner("a", spy, Map.of())),
                List.of(), config));
        assertThrows(IllegalArgumentException.class, () -> StackingTrainer.train(rowIdData(50, 1, 0), List.of(), List.of(), config));
        assertThrows(IllegalArgumentException.class, () -> new StackingTrainer.BaseLearner("a", spy, Map.of("id", "b")));
    }

    @Test
    void stacksLogisticModelsOnRealAppleBars() throws Exception {
        double[] close = dev.sextant.trading.models.labels.RealBarsAccess.appleCloses();
        Labels labels = new FixedHorizonLabeler(5, 0.5, 20).label(close);
        List<float[]> rows = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (int i = 20; i < close.length; i++) {
            if (!labels.isDefined(i)) {
                continue;
            }
            rows.add(new float[] {
                (float) Math.log(close[i] / close[i - 1]) * 100, (float) Math.log(close[i] / close[i - 5]) * 100,
                (float) Math.log(close[i] / close[i - 20]) * 100});
            y.add(labels.label(i));
            ends.add(labels.end(i) - (i - rows.size() + 1));
        }
        int n = rows.size();
        long[] keys = new long[n];
        java.util.Arrays.setAll(keys, i -> i);
        StackingData data = StackingData.of(rows.toArray(new float[0][]), y.stream().mapToInt(v -> v).toArray(),
                ends.stream().mapToInt(v -> v).toArray(), keys);
        ModelTrainer logistic = Models.trainer("logistic");
        StackingTrainer.Result result = StackingTrainer.train(data,
                List.of(new StackingTrainer.BaseLearner("lr-strong", logistic, Map.of("l2", "1")),
                        new StackingTrainer.BaseLearner("lr-weak", logistic, Map.of("l2", "0.001"))),
                List.of(), new StackingTrainer.Config("apple", WalkForwardSplitter.walkForward(4, 5), logistic,
                        Map.of(), false, 0));
        try (StackingEnsemble ensemble = result.ensemble()) {
            double[] p = new double[3];
            for (int i = 0; i < n; i++) {
                ensemble.predict(data.row(i), p);
                assertEquals(1, p[0] + p[1] + p[2], 1e-9);
            }
            assertEquals(2, result.trainedBases().size());
            assertEquals(result.metaRows().length, result.outOfFold().get("lr-weak").size());
            assertTrue(result.outOfFold().get("lr-strong").metrics().logLoss() < 5);
        }
    }

    @Test
    void standardisingLearnersGetScalersFittedOnTheirOwnTrainingRowsOnly() {
        List<TrainingSet> seen = new ArrayList<>();
        ModelTrainer logistic = Models.trainer("logistic");
        ModelTrainer recording = new ModelTrainer() {
            @Override
            public String type() {
                return "logistic";
            }

            @Override
            public String artifact() {
                return "test";
            }

            @Override
            public TrainedModel train(TrainingSet data, Map<String, String> params) {
                seen.add(data);
                return logistic.train(data, params);
            }
        };
        // A trending feature: a scaler fitted on all rows would not centre the early folds.
        StackingData data = rowIdData(120, 1, 0);
        StackingTrainer.Result result = StackingTrainer.train(data,
                List.of(new StackingTrainer.BaseLearner("lr", recording, Map.of(), true)), List.of(),
                new StackingTrainer.Config("ens", WalkForwardSplitter.walkForward(3, 0), logistic, Map.of(), false, 0));
        for (TrainingSet set : seen) {
            double mean = 0;
            for (int i = 0; i < set.size(); i++) {
                mean += set.row(i)[0];
            }
            assertEquals(0, mean / set.size(), 1e-4, "each training set is centred by its own scaler");
        }
        assertEquals(4, seen.size());
        assertEquals(59.5, result.scalers().get("lr").mean()[0], 1e-9);
        assertTrue(result.ensemble().bases().get(0) instanceof ScaledModel);
    }
}
