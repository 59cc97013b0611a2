package dev.sextant.trading.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.TreeGain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XGBoostTrainerTest {

    @TempDir
    Path tmp;

    /** Rows whose class is a noisy function of the first two features (synthetic: tests behaviour, not skill). */
    static TrainingSet signal(long seed, int n, double noise) {
        Random r = new Random(seed);
        float[][] x = new float[n][6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            double s = x[i][0] - 0.7 * x[i][1] + noise * r.nextGaussian();
            y[i] = s < -0.6 ? 0 : s > 0.6 ? 2 : 1;
        }
        return TrainingSet.of(x, y);
    }

    private static double accuracy(TrainedModel m, TrainingSet test) {
        double[] p = new double[3];
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            m.predict(test.row(i), p);
            int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            correct += best == test.label(i) ? 1 : 0;
        }
        return (double) correct / test.size();
    }

    @Test
    void serviceLoaderFindsTheTrainerByTypeId() {
        ModelTrainer t = Models.trainer("xgboost");
        assertInstanceOf(XGBoostTrainer.class, t);
        assertEquals("dev.sextant:trading-models-xgboost", t.artifact());
    }

    @Test
    void trainedModelLearnsTheSignalAndCarriesProvenance() {
        TrainingSet train = signal(1, 3000, 0.1);
        try (XGBoostModel m = new XGBoostTrainer().train(train, Map.of("id", "xgb-test", "seed", "5"))) {
            assertEquals("xgb-test", m.metadata().id());
            assertEquals("xgboost", m.metadata().type());
            assertEquals(InputKind.VECTOR, m.metadata().inputKind());
            assertEquals(6, m.metadata().featureCount());
            assertEquals(5, m.metadata().provenance().seed());
            assertTrue(m.metadata().provenance().trainer().startsWith("xgboost4j"));
            assertTrue(m.metadata().provenance().dataDescription().contains("last 600 training rows"),
                    m.metadata().provenance().dataDescription());
            assertTrue(m.metadata().provenance().attributes().containsKey("sextant.validation_mlogloss"));
            double acc = accuracy(m, signal(2, 2000, 0.1));
            assertTrue(acc > 0.85, "accuracy " + acc);
        }
    }

    @Test
    void earlyStoppingKeepsOnlyTheRoundsUpToTheBestValidationLoss() {
        // Labels independent of the features: validation loss stops improving almost at once.
        Random r = new Random(3);
        float[][] x = new float[1500][4];
        int[] y = new int[1500];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            y[i] = r.nextInt(3);
        }
        TrainingSet noise = TrainingSet.of(x, y);
        try (XGBoostModel m = new XGBoostTrainer().train(noise,
                Map.of("rounds", "300", "earlyStoppingRounds", "10", "eta", "0.3", "maxDepth", "6"))) {
            Map<String, String> attrs = m.metadata().provenance().attributes();
            int kept = Integer.parseInt(attrs.get("sextant.rounds_kept"));
            int run = Integer.parseInt(attrs.get("sextant.rounds_run"));
            assertTrue(run < 300, "stopped early: " + run + " rounds run");
            assertEquals(run, kept + 10, "stopped 10 rounds after the best");
            assertEquals(kept, m.trees().rounds(), "later trees are not kept");
            assertEquals(Integer.toString(kept - 1), attrs.get("best_iteration"));
        }
    }

    @Test
    void withoutEarlyStoppingAllRoundsAreKept() {
        try (XGBoostModel m = new XGBoostTrainer().train(signal(4, 500, 0.3),
                Map.of("rounds", "12", "earlyStoppingRounds", "0"))) {
            assertEquals(12, m.trees().rounds());
        }
    }

    @Test
    void givenValidationSplitIsUsedForEarlyStopping() {
        TrainingSet train = signal(5, 800, 0.3);
        TrainingSet valid = signal(6, 300, 0.3);
        TrainingSet both = train.withValidation(valid.features(), valid.labels());
        try (XGBoostModel m = new XGBoostTrainer().train(both, Map.of("rounds", "40"))) {
            assertTrue(m.metadata().provenance().dataDescription().contains("300 rows, the set's validation split"),
                    m.metadata().provenance().dataDescription());
        }
    }

    @Test
    void classWeightsShiftProbabilityTowardsTheHeavierClass() {
        TrainingSet train = signal(7, 2000, 1.5);
        TrainingSet probe = signal(8, 500, 1.5);
        Map<String, String> params = Map.of("rounds", "60", "earlyStoppingRounds", "0");
        double plain;
        double weighted;
        try (XGBoostModel m = new XGBoostTrainer().train(train, params)) {
            plain = meanProbability(m, probe, 2);
        }
        try (XGBoostModel m = new XGBoostTrainer().train(train.withClassWeights(new double[] {1, 1, 5}), params)) {
            weighted = meanProbability(m, probe, 2);
        }
        assertTrue(weighted > plain + 0.1, "mean p(BUY) " + plain + " -> " + weighted);
    }

    private static double meanProbability(TrainedModel m, TrainingSet probe, int cls) {
        double[] p = new double[3];
        double sum = 0;
        for (int i = 0; i < probe.size(); i++) {
            m.predict(probe.row(i), p);
            sum += p[cls];
        }
        return sum / probe.size();
    }

    @Test
    void sameSeedAndDataGiveTheSamePredictions() {
        TrainingSet train = signal(9, 1000, 0.5);
        Map<String, String> params = Map.of("rounds", "30", "subsample", "0.7", "colsampleByTree", "0.7");
        try (XGBoostModel a = new XGBoostTrainer().train(train, params);
                XGBoostModel b = new XGBoostTrainer().train(train, params)) {
            double[] pa = new double[3];
            double[] pb = new double[3];
            for (int i = 0; i < 200; i++) {
                a.predict(train.row(i), pa);
                b.predict(train.row(i), pb);
                assertArrayEquals(pa, pb, 0.0);
            }
        }
    }

    @Test
    void savedJsonAndUbjReloadToTheSamePredictionsInBothEngines() throws IOException {
        TrainingSet train = signal(10, 1000, 0.3);
        try (XGBoostModel m = new XGBoostTrainer().train(train, Map.of("rounds", "25", "format", "ubj"))) {
            assertEquals("ubj", m.fileExtension());
            Path json = tmp.resolve("m.json");
            Path ubj = tmp.resolve("m.ubj");
            m.save(json);
            m.save(ubj);
            for (Path file : new Path[] {json, ubj}) {
                for (XGBoostOptions.Engine engine : XGBoostOptions.Engine.values()) {
                    try (XGBoostModel back = XGBoostModel.load(file, XGBoostOptions.defaults().withEngine(engine))) {
                        double[] p = new double[3];
                        double[] q = new double[3];
                        for (int i = 0; i < 300; i++) {
                            m.predict(train.row(i), p);
                            back.predict(train.row(i), q);
                            assertArrayEquals(p, q, 1e-6, file + " " + engine + " row " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void badParametersAreRejectedNamingTheKey() {
        XGBoostTrainer t = new XGBoostTrainer();
        TrainingSet set = signal(11, 100, 0.3);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> t.train(set, Map.of("learningRate", "0.1")));
        assertTrue(unknown.getMessage().contains("'learningRate'"), unknown.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> t.train(set, Map.of("maxDepth", "deep")));
        assertTrue(bad.getMessage().contains("maxDepth"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.train(set, Map.of("eta", "0")));
        assertThrows(IllegalArgumentException.class, () -> t.train(set, Map.of("format", "bin")));
        assertThrows(IllegalArgumentException.class, () -> t.train(set, Map.of("rounds", "5", "nTrees", "5")));
        assertThrows(IllegalArgumentException.class, () -> t.train(set, Map.of("validationFraction", "0.9")));
    }

    @Test
    void typedParamsRoundTripThroughTheTrainersStringParameters() {
        XGBoostTrainer.Params p = XGBoostTrainer.Params.builder().rounds(40).maxDepth(3).eta(0.1).subsample(0.8)
                .format(XGBoostFormat.UBJ).build();
        assertEquals("xgboost", p.type());
        assertTrue(!p.toParams().containsKey("id") && !p.toParams().containsKey("seed"), p.toParams().toString());
        assertEquals(p, XGBoostTrainer.Params.fromMap(p.toParams()));
        assertEquals(XGBoostTrainer.Params.defaults(), XGBoostTrainer.Params.builder().build());
        assertEquals(p, p.toBuilder().build());
        assertThrows(IllegalArgumentException.class, () -> XGBoostTrainer.Params.builder().eta(0).build());
    }

    @Test
    void treesReadRawFeatures() {
        assertTrue(!new XGBoostTrainer().standardizesInputs());
    }

    @Test
    void tooFewRowsToHoldOutAValidationFoldIsAnError() {
        TrainingSet tiny = signal(12, 3, 0.3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new XGBoostTrainer().train(tiny, Map.of()));
        assertTrue(e.getMessage().contains("earlyStoppingRounds=0"), e.getMessage());
    }

    @Test
    void nTreesIsASynonymOfRounds() {
        assertEquals(17, XGBoostTrainer.Params.fromMap(Map.of("nTrees", "17")).rounds());
        assertEquals(XGBoostTrainer.Params.defaults(), XGBoostTrainer.Params.fromMap(Map.of()));
    }

    @Test
    void paramsWithANullKeyOrValueAreRefusedNamingTheParameter() {
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "3");
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> XGBoostTrainer.Params.fromMap(nullKey));
        assertTrue(k.getMessage().contains("unknown xgboost parameter 'null'"), k.getMessage());
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("eta", null);
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> XGBoostTrainer.Params.fromMap(nullValue));
        assertTrue(v.getMessage().contains("'eta' has no value"), v.getMessage());
    }

    @Test
    void trainedModelRecordsMostOfItsGainOnTheFeaturesTheLabelDependsOn() {
        try (XGBoostModel m = new XGBoostTrainer().train(signal(1, 3000, 0.1), Map.of("id", "xgb-gain", "seed", "5"))) {
            TreeGain g = m.treeGain().orElseThrow();
            assertEquals(6, g.size());
            double[] share = g.gainShare();
            // The label is a function of features 0 and 1 only; 2..5 are pure noise.
            assertTrue(share[0] + share[1] > 0.8, Arrays.toString(share));
            assertTrue(share[0] > share[1], Arrays.toString(share));
            assertTrue(g.splits()[0] > 0 && g.cover()[0] > 0, Arrays.toString(g.splits()));
        }
    }
}
