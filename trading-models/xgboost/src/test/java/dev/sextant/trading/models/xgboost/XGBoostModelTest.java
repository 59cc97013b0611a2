package dev.sextant.trading.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.TreeGain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XGBoostModelTest {

    @TempDir
    Path tmp;

    private static XGBoostModel load(String file, XGBoostOptions options) {
        return XGBoostModel.load(Golden.resource(file), options);
    }

    @Test
    void pythonModelLoadsWithItsIdAndProvenance() {
        try (XGBoostModel m = load("softprob.json", XGBoostOptions.defaults())) {
            assertEquals("softprob-test", m.metadata().id());
            assertEquals("xgboost", m.metadata().type());
            assertEquals(InputKind.VECTOR, m.metadata().inputKind());
            assertEquals(8, m.metadata().featureCount());
            assertFalse(m.metadata().hasConfidence());
            assertEquals("xgboost 1.7.4 (python)", m.metadata().provenance().trainer());
            assertEquals(7, m.metadata().provenance().seed());
            assertEquals(XGBoostFormat.JSON, m.format());
        }
    }

    @Test
    void bothEnginesAndBothFormatsReproducePythonProbabilities() {
        Golden all = Golden.read("softprob_golden.csv");
        Golden complete = all.complete();
        assertTrue(complete.inputs().length > 1000);
        for (String file : List.of("softprob.json", "softprob.ubj")) {
            for (XGBoostOptions.Engine engine : XGBoostOptions.Engine.values()) {
                try (XGBoostModel strict = load(file, XGBoostOptions.defaults().withEngine(engine));
                        XGBoostModel lenient = load(file,
                                XGBoostOptions.defaults().withEngine(engine).withMissingValues(true))) {
                    check(strict, complete, file + " " + engine);
                    check(lenient, all, file + " " + engine + " with missing values");
                }
            }
        }
    }

    private static void check(XGBoostModel m, Golden golden, String what) {
        double[] p = new double[3];
        for (int i = 0; i < golden.inputs().length; i++) {
            assertTrue(Double.isNaN(m.predict(golden.inputs()[i], p)));
            assertArrayEquals(golden.probabilities()[i], p, 1e-6, what + " row " + i);
        }
        double[] batch = new double[3 * golden.inputs().length];
        double[] conf = new double[golden.inputs().length];
        m.predictBatch(golden.inputs(), batch, conf);
        for (int i = 0; i < golden.inputs().length; i++) {
            assertArrayEquals(golden.probabilities()[i], Arrays.copyOfRange(batch, 3 * i, 3 * i + 3), 1e-6,
                    what + " batch row " + i);
            assertTrue(Double.isNaN(conf[i]));
        }
    }

    @Test
    void nanIsRejectedUnlessMissingValuesAreEnabledAndInfinityAlways() {
        try (XGBoostModel strict = load("softprob.ubj", XGBoostOptions.defaults());
                XGBoostModel lenient = load("softprob.ubj", XGBoostOptions.defaults().withMissingValues(true))) {
            float[] row = new float[8];
            row[3] = Float.NaN;
            ModelInputException e = assertThrows(ModelInputException.class, () -> strict.predict(row, new double[3]));
            assertTrue(e.getMessage().contains("input value 3"), e.getMessage());
            assertTrue(e.getMessage().contains("missingValues"), e.getMessage());
            lenient.predict(row, new double[3]);
            row[3] = Float.POSITIVE_INFINITY;
            assertThrows(ModelInputException.class, () -> lenient.predict(row, new double[3]));
        }
    }

    @Test
    void inputOfTheWrongLengthIsRejectedAndABadBatchRowIsNamed() {
        try (XGBoostModel m = load("softprob.ubj", XGBoostOptions.defaults())) {
            ModelInputException e = assertThrows(ModelInputException.class,
                    () -> m.predict(new float[24], new double[3]));
            assertTrue(e.getMessage().contains("expects 8 input values but got 24"), e.getMessage());
            float[][] rows = new float[5][8];
            rows[3] = new float[7];
            double[] out = new double[15];
            ModelInputException b = assertThrows(ModelInputException.class, () -> m.predictBatch(rows, out, null));
            assertTrue(b.getMessage().startsWith("row 3:"), b.getMessage());
            assertArrayEquals(new double[15], out);
        }
    }

    @Test
    void featureCountDifferentFromTheFeatureSpecIsRejectedAtLoad() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> load("softprob.json", XGBoostOptions.defaults().withExpectedFeatureCount(24)));
        assertTrue(e.getMessage().contains("8 features but 24 were expected"), e.getMessage());
    }

    @Test
    void savingInTheSameFormatWritesTheOriginalBytesAndTheOtherFormatConverts() throws IOException {
        byte[] original = Files.readAllBytes(Golden.resource("softprob.json"));
        try (XGBoostModel m = load("softprob.json", XGBoostOptions.defaults())) {
            Path same = tmp.resolve("copy.json");
            m.save(same);
            assertArrayEquals(original, Files.readAllBytes(same));
            Path other = tmp.resolve("converted.ubj");
            m.save(other);
            assertEquals(XGBoostFormat.UBJ, XGBoostFormat.detect(Files.readAllBytes(other)));
            Path unnamed = tmp.resolve("model.bin");
            m.save(unnamed);
            assertArrayEquals(original, Files.readAllBytes(unnamed));
            try (XGBoostModel back = XGBoostModel.load(other, XGBoostOptions.defaults())) {
                assertEquals("softprob-test", back.metadata().id());
                Golden g = Golden.read("softprob_golden.csv").complete();
                check(back, g, "converted");
            }
        }
    }

    @Test
    void aSaveThatFailsWhileWritingLeavesThePreviousFileByteIdenticalAndNoTemporaryFile() throws IOException {
        byte[] json = Files.readAllBytes(Golden.resource("softprob.json"));
        byte[] ubj = Files.readAllBytes(Golden.resource("softprob.ubj"));
        Path file = tmp.resolve("model.bin");
        try (XGBoostModel previous = load("softprob.ubj", XGBoostOptions.defaults());
                XGBoostModel next = load("softprob.json", XGBoostOptions.defaults())) {
            previous.save(file);
            assertArrayEquals(ubj, Files.readAllBytes(file));
            // An interrupted thread's file channel closes at the first write (ClosedByInterruptException):
            // the save fails after its temporary file was created, as a full disk or an I/O error would.
            Thread.currentThread().interrupt();
            IOException e;
            try {
                e = assertThrows(IOException.class, () -> next.save(file));
            } finally {
                Thread.interrupted();
            }
            assertTrue(e.getMessage().startsWith("cannot write " + file + ": "), e.getMessage());
            assertArrayEquals(ubj, Files.readAllBytes(file), "the previous model is intact");
            try (var names = Files.list(tmp)) {
                assertEquals(List.of("model.bin"), names.map(p -> p.getFileName().toString()).toList(),
                        "no temporary file is left");
            }
            next.save(file);
            assertArrayEquals(json, Files.readAllBytes(file));
            try (XGBoostModel back = XGBoostModel.load(file, XGBoostOptions.defaults())) {
                assertEquals(XGBoostFormat.JSON, back.format());
                check(back, Golden.read("softprob_golden.csv").complete(), "saved after a failed save");
            }
        }
    }

    @Test
    void loadsFromBytes() throws IOException {
        byte[] bytes = Files.readAllBytes(Golden.resource("softprob.ubj"));
        try (XGBoostModel m = XGBoostModel.load(bytes, "bundle-entry", XGBoostOptions.defaults())) {
            assertEquals("softprob-test", m.metadata().id(), "the model's own id attribute wins");
            assertEquals(XGBoostFormat.UBJ, m.format());
            assertArrayEquals(bytes, m.toBytes());
        }
    }

    @Test
    void closedModelRefusesPredictionsAndCloseIsIdempotent() {
        XGBoostModel m = load("softprob.json", XGBoostOptions.defaults().withEngine(XGBoostOptions.Engine.XGBOOST4J));
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, () -> m.predict(new float[8], new double[3]));
        assertThrows(IllegalStateException.class, () -> m.save(tmp.resolve("x.ubj")));
    }

    @Test
    void corruptedFileIsALoadErrorWithThePath() throws IOException {
        Path bad = tmp.resolve("bad.ubj");
        byte[] ubj = Files.readAllBytes(Golden.resource("softprob.ubj"));
        Files.write(bad, Arrays.copyOf(ubj, 1000));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> XGBoostModel.load(bad, XGBoostOptions.defaults()));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void treeGainEqualsXGBoostsOwnTotalGainAndCoverForBothFormats() throws Exception {
        for (String file : List.of("softprob.json", "softprob.ubj")) {
            try (XGBoostModel m = load(file, XGBoostOptions.defaults())) {
                TreeGain g = m.treeGain().orElseThrow();
                assertEquals(8, g.size());
                Booster b = XGBoost.loadModel(Files.readAllBytes(Golden.resource(file)));
                try {
                    String[] names = new String[8];
                    Arrays.setAll(names, j -> "f" + j);
                    Map<String, Double> gain = b.getScore(names, "total_gain");
                    Map<String, Double> cover = b.getScore(names, "total_cover");
                    Map<String, Double> weight = b.getScore(names, "weight");
                    for (int j = 0; j < 8; j++) {
                        double xg = gain.getOrDefault(names[j], 0.0);
                        // XGBoost sums the same float32 values in double: only the order of addition differs.
                        assertEquals(xg, g.gain()[j], 1e-9 * Math.max(1, xg), file + " gain of f" + j);
                        double xc = cover.getOrDefault(names[j], 0.0);
                        assertEquals(xc, g.cover()[j], 1e-9 * Math.max(1, xc), file + " cover of f" + j);
                        assertEquals(weight.getOrDefault(names[j], 0.0).longValue(), g.splits()[j], file + " splits of f" + j);
                    }
                } finally {
                    b.dispose();
                }
            }
        }
    }

    @Test
    void treeGainIsEmptyForAModelSavedWithoutSplitStatistics() throws IOException {
        String json = Files.readString(Golden.resource("softprob.json"))
                .replaceAll("\"loss_changes\":\\[[^\\]]*\\],", "");
        Path file = tmp.resolve("no-stats.json");
        Files.writeString(file, json);
        try (XGBoostModel m = XGBoostModel.load(file, XGBoostOptions.defaults())) {
            assertEquals(8, m.metadata().featureCount());
            assertTrue(m.treeGain().isEmpty());
        }
    }

    @Test
    void aNegativeStoredSplitGainIsRefusedNamingTheTreeAndNode() throws IOException {
        String json = Files.readString(Golden.resource("softprob.json"))
                .replaceFirst("\"loss_changes\":\\[[^,]*,", "\"loss_changes\":[-1.0,");
        Path file = tmp.resolve("negative.json");
        Files.writeString(file, json);
        try (XGBoostModel m = XGBoostModel.load(file, XGBoostOptions.defaults())) {
            ModelLoadException e = assertThrows(ModelLoadException.class, m::treeGain);
            assertTrue(e.getMessage().contains("trees[0] node 0 has loss_changes -1.0"), e.getMessage());
        }
    }
}
