package dev.sextant.trading.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XGBoostTreesTest {

    @TempDir
    Path tmp;

    private static void assertMatches(XGBoostTrees trees, Golden golden, double tolerance) {
        double[] p = new double[3];
        double worst = 0;
        for (int i = 0; i < golden.inputs().length; i++) {
            trees.probabilities(golden.inputs()[i], p);
            for (int c = 0; c < 3; c++) {
                worst = Math.max(worst, Math.abs(p[c] - golden.probabilities()[i][c]));
            }
        }
        System.out.printf("pure-Java vs golden: largest difference %.3g over %d rows%n", worst, golden.inputs().length);
        assertTrue(worst <= tolerance, "largest difference " + worst + " over " + golden.inputs().length + " rows");
    }

    @Test
    void jsonAndUbjModelsFromPythonReproduceItsProbabilitiesIncludingMissingAndThresholdValues() {
        Golden golden = Golden.read("softprob_golden.csv");
        assertTrue(golden.inputs().length > 2000);
        for (String file : List.of("softprob.json", "softprob.ubj")) {
            XGBoostTrees trees = XGBoostTrees.read(Golden.resource(file));
            assertEquals(8, trees.featureCount());
            assertEquals(40, trees.rounds());
            assertEquals("multi:softprob", trees.objective());
            assertEquals("1.7.4", trees.writerVersion());
            assertMatches(trees, golden, 1e-6);
        }
    }

    /** One row at a time, through {@link XGBoostTrees#probabilities(float[], double[])}. */
    private static double[] rowByRow(XGBoostTrees trees, float[][] rows) {
        double[] expected = new double[3 * rows.length];
        double[] p = new double[3];
        for (int i = 0; i < rows.length; i++) {
            trees.probabilities(rows[i], p);
            System.arraycopy(p, 0, expected, 3 * i, 3);
        }
        return expected;
    }

    @Test
    void batchOfGoldenRowsIsBitForBitTheRowByRowResult() {
        for (String[] model : new String[][] {{"softprob.ubj", "softprob_golden.csv"}, {"dart.json", "dart_golden.csv"}}) {
            XGBoostTrees trees = XGBoostTrees.read(Golden.resource(model[0]));
            float[][] rows = Golden.read(model[1]).inputs();
            float[][] dense = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                dense[i] = rows[i].clone();
                for (int j = 0; j < dense[i].length; j++) {
                    if (Float.isNaN(dense[i][j])) {
                        dense[i][j] = 0f;
                    }
                }
            }
            for (float[][] batch : List.of(rows, dense)) {
                double[] actual = new double[3 * batch.length];
                trees.probabilities(batch, actual);
                // assertArrayEquals on double[] without a delta compares the bits of each value.
                assertArrayEquals(rowByRow(trees, batch), actual, model[0]);
            }
        }
    }

    @Test
    void batchRejectsAWrongRowNamingItAndAShortOutput() {
        XGBoostTrees trees = shared();
        float[][] rows = {new float[8], new float[8], new float[7]};
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> trees.probabilities(rows, new double[9]));
        assertTrue(wrong.getMessage().startsWith("row 2: ") && wrong.getMessage().contains("had 7"), wrong.getMessage());
        float[][] withNull = {new float[8], null};
        IllegalArgumentException nullRow = assertThrows(IllegalArgumentException.class,
                () -> trees.probabilities(withNull, new double[6]));
        assertTrue(nullRow.getMessage().startsWith("row 1: "), nullRow.getMessage());
        IllegalArgumentException shortOut = assertThrows(IllegalArgumentException.class,
                () -> trees.probabilities(new float[][] {new float[8], new float[8]}, new double[5]));
        assertTrue(shortOut.getMessage().contains("must hold 6"), shortOut.getMessage());
    }

    @Provide
    Arbitrary<float[][]> batches() {
        Arbitrary<Float> value = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.floats().between(-4f, 4f)),
                Tuple.of(1, Arbitraries.of(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
                        Float.MAX_VALUE, -Float.MIN_VALUE)));
        return value.array(float[].class).ofSize(8).array(float[][].class).ofMaxSize(45);
    }

    /**
     * Batches of any size (whole blocks of eight and remainders), with missing values placed in
     * some rows: blocks without one take the lock-step path, blocks with one the row path, and
     * both must equal the row-by-row result bit for bit.
     */
    @Property(tries = 300)
    void batchEqualsRowByRowForAnyBatchSizeWithOrWithoutMissingValues(@ForAll("batches") float[][] rows,
            @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 45 * 8 - 1) Integer> missing) {
        for (int at : missing) {
            if (at / 8 < rows.length) {
                rows[at / 8][at % 8] = Float.NaN;
            }
        }
        double[] actual = new double[3 * rows.length + 2];
        actual[3 * rows.length] = 42;
        shared().probabilities(rows, actual);
        double[] expected = Arrays.copyOf(rowByRow(shared(), rows), actual.length);
        expected[3 * rows.length] = 42;
        assertArrayEquals(expected, actual);
    }

    @Test
    void dartModelFromPythonReproducesItsProbabilities() {
        assertMatches(XGBoostTrees.read(Golden.resource("dart.json")), Golden.read("dart_golden.csv"), 1e-6);
    }

    @Test
    void matchesXGBoost4JProbabilitiesAndMarginsOnThousandsOfRows() throws XGBoostError, IOException {
        XGBoostTrees trees = XGBoostTrees.read(Golden.resource("softprob.ubj"));
        float[][] rows = rowsWithMissing(new Random(17), 5000, 8);
        Golden golden = Golden.read("softprob_golden.csv");
        float[][] all = Arrays.copyOf(rows, rows.length + golden.inputs().length);
        System.arraycopy(golden.inputs(), 0, all, rows.length, golden.inputs().length);
        float[] flat = new float[all.length * 8];
        for (int i = 0; i < all.length; i++) {
            System.arraycopy(all[i], 0, flat, 8 * i, 8);
        }
        Booster booster = XGBoost.loadModel(Files.readAllBytes(Golden.resource("softprob.ubj")));
        DMatrix matrix = new DMatrix(flat, all.length, 8, Float.NaN);
        try {
            float[][] expected = booster.predict(matrix);
            float[][] expectedMargins = booster.predict(matrix, true);
            double[] p = new double[3];
            float[] m = new float[3];
            double worst = 0;
            double worstMargin = 0;
            for (int i = 0; i < all.length; i++) {
                trees.probabilities(all[i], p);
                trees.margins(all[i], m);
                for (int c = 0; c < 3; c++) {
                    worst = Math.max(worst, Math.abs(p[c] - expected[i][c]));
                    worstMargin = Math.max(worstMargin, Math.abs(m[c] - expectedMargins[i][c]));
                }
            }
            System.out.printf("pure-Java vs XGBoost4J: largest probability difference %.3g, margin %.3g, %d rows%n",
                    worst, worstMargin, all.length);
            assertTrue(worst <= 1e-6, "largest probability difference " + worst);
            assertTrue(worstMargin <= 1e-5, "largest margin difference " + worstMargin);
        } finally {
            matrix.dispose();
            booster.dispose();
        }
    }

    static float[][] rowsWithMissing(Random r, int n, int features) {
        float[][] rows = new float[n][features];
        for (float[] row : rows) {
            for (int j = 0; j < features; j++) {
                row[j] = r.nextDouble() < 0.1 ? Float.NaN : (float) r.nextGaussian();
            }
        }
        return rows;
    }

    /** One tree per class; class 0's tree splits feature 1 at 0.5 and sends missing values right. */
    private static String handWritten(String splitType, int leftChild, int splitIndex) {
        String tree0 = """
                {"base_weights":[0,0,0],"categories":[],"categories_nodes":[],"categories_segments":[],
                 "categories_sizes":[],"default_left":[0,0,0],"id":0,"left_children":[%d,-1,-1],
                 "loss_changes":[1,0,0],"parents":[2147483647,0,0],"right_children":[2,-1,-1],
                 "split_conditions":[5E-1,1E0,-1E0],"split_indices":[%d,0,0],"split_type":[%s,0,0],
                 "sum_hessian":[1,1,1],"tree_param":{"num_deleted":"0","num_feature":"2","num_nodes":"3",
                 "size_leaf_vector":"0"}}""".formatted(leftChild, splitIndex, splitType);
        String leaf = """
                {"base_weights":[0],"categories":[],"categories_nodes":[],"categories_segments":[],
                 "categories_sizes":[],"default_left":[0],"id":%d,"left_children":[-1],"loss_changes":[0],
                 "parents":[2147483647],"right_children":[-1],"split_conditions":[0E0],"split_indices":[0],
                 "split_type":[0],"sum_hessian":[1],"tree_param":{"num_deleted":"0","num_feature":"2",
                 "num_nodes":"1","size_leaf_vector":"0"}}""";
        return """
                {"learner":{"attributes":{},"feature_names":[],"feature_types":[],
                 "gradient_booster":{"model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"3",
                 "size_leaf_vector":"0"},"tree_info":[0,1,2],"trees":[%s,%s,%s]},"name":"gbtree"},
                 "learner_model_param":{"base_score":"5E-1","boost_from_average":"1","num_class":"3",
                 "num_feature":"2","num_target":"1"},
                 "objective":{"name":"multi:softprob","softmax_multiclass_param":{"num_class":"3"}}},
                 "version":[1,7,4]}""".formatted(tree0, leaf.formatted(1), leaf.formatted(2));
    }

    @Test
    void valueBelowThresholdGoesLeftAtOrAboveGoesRightAndMissingFollowsTheDefault() {
        XGBoostTrees trees = XGBoostTrees.parse(handWritten("0", 1, 1).getBytes(StandardCharsets.UTF_8), "hand");
        float[] m = new float[3];
        trees.margins(new float[] {0, Math.nextDown(0.5f)}, m);
        assertEquals(0.5f + 1f, m[0]);
        assertEquals(0.5f, m[1]);
        trees.margins(new float[] {0, 0.5f}, m);
        assertEquals(0.5f - 1f, m[0]);
        trees.margins(new float[] {0, Float.NaN}, m);
        assertEquals(0.5f - 1f, m[0], "default_left is 0: missing goes right");
        trees.margins(new float[] {0, Float.NEGATIVE_INFINITY}, m);
        assertEquals(0.5f + 1f, m[0], "-infinity is a value, below every threshold");
        String missingLeft = handWritten("0", 1, 1).replace("\"default_left\":[0,0,0]", "\"default_left\":[1,0,0]");
        XGBoostTrees left = XGBoostTrees.parse(missingLeft.getBytes(StandardCharsets.UTF_8), "hand");
        left.margins(new float[] {0, Float.NaN}, m);
        assertEquals(0.5f + 1f, m[0], "default_left is 1: missing goes left");
    }

    private static ModelLoadException rejected(String json) {
        return assertThrows(ModelLoadException.class, () -> XGBoostTrees.parse(json.getBytes(StandardCharsets.UTF_8), "hand"));
    }

    @Test
    void aNumClassBeyondTheIntRangeIsNotCastToThree() {
        ModelLoadException e = rejected(handWritten("0", 1, 1).replace("\"num_class\":\"3\",\n \"num_feature\"",
                "\"num_class\":\"4294967299\",\n \"num_feature\""));
        assertTrue(e.getMessage().contains("num_class is 4294967299"), e.getMessage());
    }

    @Test
    void aBaseScoreThatIsNotFiniteIsRejectedAtLoad() {
        for (String base : new String[] {"NaN", "Infinity", "-Infinity", "[5E-1,NaN,5E-1]", "1e39"}) {
            ModelLoadException e = rejected(handWritten("0", 1, 1).replace("\"base_score\":\"5E-1\"",
                    "\"base_score\":\"" + base + "\""));
            assertTrue(e.getMessage().contains("base_score") && e.getMessage().contains("not finite"), base + ": "
                    + e.getMessage());
        }
    }

    @Test
    void leavesWhoseSumCanOverflowFloat32AreRejectedAtLoad() {
        String big = handWritten("0", 1, 1).replace("\"split_conditions\":[5E-1,1E0,-1E0]",
                "\"split_conditions\":[5E-1,1E38,-1E0]");
        XGBoostTrees.parse(big.getBytes(StandardCharsets.UTF_8), "hand");
        String twoTrees = big.replace("\"tree_info\":[0,1,2]", "\"tree_info\":[0,0,2]")
                .replace("\"split_conditions\":[0E0]", "\"split_conditions\":[1E38]");
        ModelLoadException e = rejected(twoTrees);
        assertTrue(e.getMessage().contains("margin of class 0"), e.getMessage());
        ModelLoadException leaf = rejected(handWritten("0", 1, 1).replace("\"split_conditions\":[5E-1,1E0,-1E0]",
                "\"split_conditions\":[5E-1,1E39,-1E0]"));
        assertTrue(leaf.getMessage().contains("not finite"), leaf.getMessage());
    }

    @Test
    void aKeyThatAppearsTwiceInOneObjectIsRejected() {
        ModelLoadException e = rejected(handWritten("0", 1, 1).replace("\"base_score\":\"5E-1\",",
                "\"base_score\":\"5E-1\",\"base_score\":\"5E0\","));
        assertTrue(e.getMessage().contains("'base_score' appears twice"), e.getMessage());
    }

    @Test
    void modelsThatAreNotThreeClassTreeClassifiersAreRejected() {
        ModelLoadException binary = assertThrows(ModelLoadException.class,
                () -> XGBoostTrees.read(Golden.resource("binary.json")));
        assertTrue(binary.getMessage().contains("binary:logistic"), binary.getMessage());
        ModelLoadException four = assertThrows(ModelLoadException.class,
                () -> XGBoostTrees.read(Golden.resource("four_classes.json")));
        assertTrue(four.getMessage().contains("num_class is 4"), four.getMessage());
        ModelLoadException categorical = assertThrows(ModelLoadException.class,
                () -> XGBoostTrees.parse(handWritten("1", 1, 1).getBytes(StandardCharsets.UTF_8), "hand"));
        assertTrue(categorical.getMessage().contains("categorical"), categorical.getMessage());
    }

    @Test
    void structurallyBrokenTreesAreRejected() {
        ModelLoadException badChild = assertThrows(ModelLoadException.class,
                () -> XGBoostTrees.parse(handWritten("0", 7, 1).getBytes(StandardCharsets.UTF_8), "hand"));
        assertTrue(badChild.getMessage().contains("invalid child 7"), badChild.getMessage());
        ModelLoadException badFeature = assertThrows(ModelLoadException.class,
                () -> XGBoostTrees.parse(handWritten("0", 1, 5).getBytes(StandardCharsets.UTF_8), "hand"));
        assertTrue(badFeature.getMessage().contains("feature 5"), badFeature.getMessage());
        String noTrees = handWritten("0", 1, 1).replace("\"trees\"", "\"forest\"");
        ModelLoadException missing = assertThrows(ModelLoadException.class,
                () -> XGBoostTrees.parse(noTrees.getBytes(StandardCharsets.UTF_8), "hand"));
        assertTrue(missing.getMessage().contains("trees' is missing"), missing.getMessage());
    }

    @Test
    void corruptedTruncatedAndEmptyFilesAreRejectedNamingTheFile() throws IOException {
        byte[] json = Files.readAllBytes(Golden.resource("softprob.json"));
        byte[] ubj = Files.readAllBytes(Golden.resource("softprob.ubj"));
        byte[] noise = new byte[2048];
        new Random(9).nextBytes(noise);
        byte[] flipped = ubj.clone();
        for (int i = 200; i < flipped.length; i += 97) {
            flipped[i] = (byte) ~flipped[i];
        }
        List<byte[]> bad = List.of(Arrays.copyOf(json, json.length / 2), Arrays.copyOf(ubj, ubj.length / 3),
                noise, new byte[0], "{\"learner\": 12}".getBytes(StandardCharsets.UTF_8), flipped,
                "[1,2,3]".getBytes(StandardCharsets.UTF_8));
        int i = 0;
        for (byte[] bytes : bad) {
            Path file = tmp.resolve("bad" + i++ + ".json");
            Files.write(file, bytes);
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> XGBoostTrees.read(file),
                    "case " + (i - 1));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
        assertThrows(ModelLoadException.class, () -> XGBoostTrees.read(tmp.resolve("missing.ubj")));
    }

    @Test
    void rowOfTheWrongLengthIsRejected() {
        XGBoostTrees trees = XGBoostTrees.read(Golden.resource("softprob.json"));
        assertThrows(IllegalArgumentException.class, () -> trees.probabilities(new float[7], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> trees.probabilities(new float[8], new double[2]));
        assertThrows(IllegalArgumentException.class, () -> trees.margins(null, new float[3]));
    }

    private static XGBoostTrees shared;

    private static synchronized XGBoostTrees shared() {
        if (shared == null) {
            shared = XGBoostTrees.read(Golden.resource("softprob.ubj"));
        }
        return shared;
    }

    @Property(tries = 500)
    void probabilitiesAreADistributionForAnyRowWithOrWithoutMissingValues(
            @ForAll @Size(8) List<@FloatRange(min = -1e6f, max = 1e6f) Float> values, @ForAll boolean dropFirst) {
        float[] row = new float[8];
        for (int i = 0; i < 8; i++) {
            row[i] = values.get(i);
        }
        if (dropFirst) {
            row[0] = Float.NaN;
        }
        double[] p = new double[3];
        shared().probabilities(row, p);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-6);
        for (double v : p) {
            assertTrue(v > 0 && v < 1, Arrays.toString(p));
        }
    }
}
