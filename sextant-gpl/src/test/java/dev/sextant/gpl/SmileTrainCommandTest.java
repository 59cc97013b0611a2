package dev.sextant.gpl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.examples.cli.SextantCli;
import dev.sextant.gpl.benchmarks.SmileBundle;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.StackingEnsemble;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance command {@code sextant train --input <BTC trades> --set standard-24 --models
 * xgboost,rf,svm,lstm,transformer --output bundle/} with the GPL Smile adapter on the class path,
 * on the real Bitstamp BTC/USD trades from ta4j-examples, then {@code sextant predict} on the bundle.
 */
class SmileTrainCommandTest {

    private static final List<String> MEMBERS =
            List.of("xgboost", "smile-rf", "smile-svm", "lstm-btc-1m", "transformer-btc-1m");

    @TempDir
    static Path shared;

    private static Path bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainTheFullStack() throws IOException {
        bundle = SmileBundle.train(shared, SmileBundle.FULL_MODELS);
    }

    @Test
    void stacksTheSmileForestAndSvmWithXgboostAndTheNetworksAndCalibratesOutOfSample() {
        try (ModelBundle loaded = ModelBundle.load(bundle, FeatureSpec.standard24())) {
            BundleManifest m = loaded.manifest();
            assertEquals("stacking", m.ensemble().method());
            assertEquals(MEMBERS, m.ensemble().members());
            assertEquals("smile-rf", m.model("smile-rf").type());
            assertEquals("smile-svm", m.model("smile-svm").type());
            assertTrue(m.model("smile-svm").scaler().isPresent(), "the SVM's Gaussian kernel reads standardised features");
            assertFalse(m.model("smile-rf").scaler().isPresent(), "trees need no scaling");
            assertEquals("logistic", m.model(m.ensemble().metaModel().orElseThrow()).type());
            assertEquals(3 * MEMBERS.size(), m.model(m.ensemble().metaModel().orElseThrow()).featureCount(),
                    "the meta-learner reads three log-probabilities per base");

            Calibrator calibration = m.calibration().orElseThrow();
            assertEquals("temperature", calibration.method());
            BundleManifest.ValidationReport validation = m.validation().orElseThrow();
            assertTrue(validation.metrics().keySet().containsAll(MEMBERS));
            assertTrue(validation.metrics().keySet().containsAll(List.of("ensemble", "ensemble-calibrated")));
            // Fit, calibration and test windows follow each other in time without overlap.
            assertTrue(m.trainingWindow().orElseThrow().to().toEpochMilli() < calibration.fittedOn().firstKey());
            assertTrue(calibration.fittedOn().lastKey() < validation.window().from().toEpochMilli());

            StackingEnsemble stack = (StackingEnsemble) ((CalibratedModel) loaded.model()).inner();
            assertEquals(MEMBERS.size(), stack.bases().size());
            assertEquals(60, loaded.model().metadata().sequenceLength());
        }
    }

    @Test
    void reloadedBundlePredictsTheSameValidProbabilities() {
        float[][] windows = SmileBundle.referenceWindows();
        double[][] first = predictAll(windows);
        double[][] second = predictAll(windows);
        for (int i = 0; i < windows.length; i++) {
            assertArrayEquals(first[i], second[i], 0.0, "window " + i + " after reloading the Smile models");
            double sum = 0;
            for (double p : first[i]) {
                assertTrue(p > 0 && p < 1, "window " + i + ": " + p);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-9, "window " + i);
        }
    }

    @Test
    void predictCommandScoresEveryCompleteWindowWithTheBundle() throws IOException {
        Path features = dir.resolve("features.csv");
        try (InputStream in = SmileBundle.class.getResourceAsStream("/dev/sextant/examples/models/features_sample.csv")) {
            Files.copy(in, features);
        }
        Path proba = dir.resolve("proba.csv");
        StringWriter err = new StringWriter();
        int code = SextantCli.run(new String[] {"predict", "--model", bundle.toString(), "--input", features.toString(),
                "--output", proba.toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());

        List<String> lines = Files.readAllLines(proba);
        assertEquals("timestamp,p_sell,p_hold,p_buy", lines.get(0));
        float[][] windows = SmileBundle.referenceWindows();
        assertEquals(1 + 59 + windows.length, lines.size());
        for (int i = 1; i < 60; i++) {
            assertTrue(lines.get(i).endsWith(",,,"), "row " + i + " has no complete window: " + lines.get(i));
        }
        double[][] expected = predictAll(windows);
        for (int w = 0; w < windows.length; w++) {
            String[] cells = lines.get(60 + w).split(",", -1);
            for (int k = 0; k < 3; k++) {
                // The command predicts in batches; ONNX Runtime's batched kernels round differently in float.
                assertEquals(expected[w][k], Double.parseDouble(cells[1 + k]), 1e-6, "window " + w + " class " + k);
            }
        }
    }

    @Test
    void xgboostMetaLearnerAndIsotonicCalibrationWorkWithTheSmileBases() throws IOException {
        Path other = SmileBundle.train(dir, "rf,svm,logit", "--meta", "xgboost", "--calibration", "isotonic",
                "--param", "rf.nTrees=30");
        BundleManifest m = ModelBundle.verify(other);
        assertEquals(List.of("smile-rf", "smile-svm", "smile-logit"), m.ensemble().members());
        assertEquals("xgboost", m.model(m.ensemble().metaModel().orElseThrow()).type());
        assertEquals("isotonic", m.calibration().orElseThrow().method());
    }

    @Test
    void theSameCommandTrainsTheSameStackAgain() throws IOException {
        Path again = SmileBundle.train(dir, SmileBundle.FULL_MODELS);
        float[][] windows = SmileBundle.referenceWindows();
        double[][] first = predictAll(bundle, windows);
        double[][] second = predictAll(again, windows);
        for (int i = 0; i < windows.length; i++) {
            assertArrayEquals(first[i], second[i], 0.0, "window " + i + ": seed 42 both times");
        }
    }

    private static double[][] predictAll(float[][] windows) {
        return predictAll(bundle, windows);
    }

    private static double[][] predictAll(Path bundle, float[][] windows) {
        try (ModelBundle loaded = ModelBundle.load(bundle, FeatureSpec.standard24())) {
            Model model = loaded.model();
            double[][] out = new double[windows.length][3];
            for (int i = 0; i < windows.length; i++) {
                model.predict(windows[i], out[i]);
            }
            return out;
        }
    }
}
