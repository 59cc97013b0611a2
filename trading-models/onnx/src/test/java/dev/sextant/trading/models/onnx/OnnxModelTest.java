package dev.sextant.trading.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {

    private static final int FEATURES = 4;
    private static final int SEQ = 5;

    @TempDir
    Path tmp;

    // ---- expected values, recomputed from the closed-form weights in make_test_models.py ----

    private static float w(int i, int j) {
        return (float) ((i + 1) * 0.1 - j * 0.2);
    }

    private static float b(int j) {
        return (float) (0.05 * j);
    }

    private static double[] linearLogits(float[] x) {
        double[] z = new double[3];
        for (int j = 0; j < 3; j++) {
            double s = b(j);
            for (int i = 0; i < FEATURES; i++) {
                s += (double) x[i] * w(i, j);
            }
            z[j] = s;
        }
        return z;
    }

    private static double[] softmax(double[] z, double t) {
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double[] e = new double[3];
        double sum = 0;
        for (int j = 0; j < 3; j++) {
            e[j] = Math.exp((z[j] - max) / t);
            sum += e[j];
        }
        for (int j = 0; j < 3; j++) {
            e[j] /= sum;
        }
        return e;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static float[] mean(float[] window) {
        float[] m = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            double s = 0;
            for (int t = 0; t < SEQ; t++) {
                s += window[t * FEATURES + i];
            }
            m[i] = (float) (s / SEQ);
        }
        return m;
    }

    static Path resource(String name) {
        try {
            return Path.of(OnnxModelTest.class.getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    private static OnnxModel load(String name) {
        return OnnxModel.load(resource(name), OnnxModelOptions.defaults());
    }

    private static float[] randomRow(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 2);
        }
        return x;
    }

    // ---- behaviour ----

    @Test
    void vectorLogitsModelAppliesSoftmaxInClassOrder() {
        try (OnnxModel m = load("linear_logits.onnx")) {
            assertEquals("linear_logits", m.metadata().id());
            assertEquals("onnx", m.metadata().type());
            assertEquals(InputKind.VECTOR, m.metadata().inputKind());
            assertEquals(FEATURES, m.metadata().featureCount());
            assertEquals(1, m.metadata().sequenceLength());
            assertFalse(m.metadata().hasConfidence());
            assertEquals("sextant-tests", m.metadata().provenance().trainer());
            assertEquals(1.0, m.temperature());
            float[] x = {0.5f, -1.25f, 2f, 0.75f};
            double[] p = new double[3];
            assertTrue(Double.isNaN(m.predict(x, p)));
            assertArrayEquals(softmax(linearLogits(x), 1), p, 1e-6);
        }
    }

    @Test
    void successiveCallsSeeTheirOwnInput() {
        try (OnnxModel m = load("linear_logits.onnx")) {
            float[] a = {1, 2, 3, 4};
            float[] c = {-4, 3, -2, 1};
            double[] pa = new double[3];
            double[] pc = new double[3];
            double[] again = new double[3];
            m.predict(a, pa);
            m.predict(c, pc);
            m.predict(a, again);
            assertArrayEquals(softmax(linearLogits(a), 1), pa, 1e-6);
            assertArrayEquals(softmax(linearLogits(c), 1), pc, 1e-6);
            assertArrayEquals(pa, again, 0.0);
        }
    }

    @Test
    void temperatureFromModelMetadataDividesLogits() {
        try (OnnxModel m = load("linear_logits_calibrated.onnx")) {
            assertEquals(2.0, m.temperature());
            float[] x = {3, -1, 0.5f, 2};
            double[] p = new double[3];
            m.predict(x, p);
            assertArrayEquals(softmax(linearLogits(x), 2.0), p, 1e-6);
        }
    }

    @Test
    void temperatureOptionOverridesModelMetadata() {
        try (OnnxModel m = OnnxModel.load(resource("linear_logits_calibrated.onnx"),
                OnnxModelOptions.defaults().withTemperature(0.5))) {
            float[] x = {3, -1, 0.5f, 2};
            double[] p = new double[3];
            m.predict(x, p);
            assertArrayEquals(softmax(linearLogits(x), 0.5), p, 1e-6);
        }
    }

    @Test
    void temperatureOnProbabilitiesOutputIsRejected() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxModel.load(
                resource("linear_probs_confidence.onnx"), OnnxModelOptions.defaults().withTemperature(2)));
        assertTrue(e.getMessage().contains("logits"), e.getMessage());
    }

    @Test
    void probabilitiesOutputIsUsedAsIsAndConfidenceIsPassedThrough() {
        try (OnnxModel m = load("linear_probs_confidence.onnx")) {
            assertTrue(m.metadata().hasConfidence());
            float[] x = {0.1f, -0.2f, 0.3f, 0.15f};
            double[] p = new double[3];
            double c = m.predict(x, p);
            assertArrayEquals(softmax(linearLogits(x), 1), p, 1e-6);
            assertEquals(sigmoid(0.1 - 0.2 + 0.3 + 0.15), c, 1e-6);
        }
    }

    @Test
    void windowModelReadsSequenceTimesFeatures() {
        try (OnnxModel m = load("window_probs.onnx")) {
            assertEquals(InputKind.WINDOW, m.metadata().inputKind());
            assertEquals(SEQ, m.metadata().sequenceLength());
            assertEquals(FEATURES, m.metadata().featureCount());
            assertEquals(SEQ * FEATURES, m.metadata().inputLength());
            float[] x = randomRow(new Random(1), SEQ * FEATURES);
            double[] p = new double[3];
            double c = m.predict(x, p);
            float[] avg = mean(x);
            assertArrayEquals(softmax(linearLogits(avg), 1), p, 1e-5);
            double all = 0;
            for (float v : avg) {
                all += v;
            }
            assertEquals(sigmoid(all / FEATURES), c, 1e-5);
        }
    }

    @Test
    void batchPredictionMatchesSingleRowAcrossNativeChunks() {
        for (String name : List.of("linear_probs_confidence.onnx", "window_probs.onnx", "linear_logits.onnx")) {
            try (OnnxModel m = load(name)) {
                int rows = OnnxModel.MAX_BATCH_ROWS * 2 + 37;
                Random r = new Random(7);
                float[][] in = new float[rows][];
                for (int i = 0; i < rows; i++) {
                    in[i] = randomRow(r, m.metadata().inputLength());
                }
                double[] probs = new double[3 * rows];
                double[] conf = new double[rows];
                m.predictBatch(in, probs, conf);
                double[] p = new double[3];
                for (int i = 0; i < rows; i++) {
                    double c = m.predict(in[i], p);
                    assertArrayEquals(p, Arrays.copyOfRange(probs, 3 * i, 3 * i + 3), 1e-6, name + " row " + i);
                    assertEquals(c, conf[i], 1e-6, name + " confidence row " + i);
                }
            }
        }
    }

    @Test
    void fixedBatchOfOneModelPredictsBatchesRowByRow() {
        try (OnnxModel m = load("fixed_batch_logits.onnx")) {
            float[][] in = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 2}};
            double[] probs = new double[9];
            m.predictBatch(in, probs, null);
            for (int i = 0; i < in.length; i++) {
                assertArrayEquals(softmax(linearLogits(in[i]), 1), Arrays.copyOfRange(probs, 3 * i, 3 * i + 3), 1e-6);
            }
        }
    }

    @Test
    void symbolicFeatureDimensionNeedsAnExpectedFeatureCount() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load("dynamic_features.onnx"));
        assertTrue(e.getMessage().contains("featureCount"), e.getMessage());
        try (OnnxModel m = OnnxModel.load(resource("dynamic_features.onnx"),
                OnnxModelOptions.defaults().withExpectedFeatureCount(6))) {
            assertEquals(6, m.metadata().featureCount());
            double[] p = new double[3];
            m.predict(new float[] {0.1f, 0.2f, 0.3f, -0.1f, 0.05f, 0.15f}, p);
            double s = 0.1 + 0.2 + 0.3 - 0.1 + 0.05 + 0.15;
            assertArrayEquals(softmax(new double[] {s, 0, -s}, 1), p, 1e-6);
        }
    }

    @Test
    void featureCountDifferentFromTheFeatureSpecIsRejectedAtLoad() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxModel.load(
                resource("linear_logits.onnx"), OnnxModelOptions.defaults().withExpectedFeatureCount(24)));
        assertTrue(e.getMessage().contains("feature dimension is 4 but 24 was expected"), e.getMessage());
    }

    @Test
    void sequenceLengthDifferentFromTheModelIsRejectedAtLoad() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxModel.load(
                resource("window_probs.onnx"), OnnxModelOptions.defaults().withSequenceLength(60)));
        assertTrue(e.getMessage().contains("sequence dimension is 5 but 60 was expected"), e.getMessage());
    }

    @Test
    void outputsThatAreNotThreeClassesAreRejectedAtLoad() {
        ModelLoadException two = assertThrows(ModelLoadException.class, () -> load("two_classes.onnx"));
        assertTrue(two.getMessage().contains("[batch, 3]"), two.getMessage());
        ModelLoadException unnamed = assertThrows(ModelLoadException.class, () -> load("unnamed_output.onnx"));
        assertTrue(unnamed.getMessage().contains("no output named logits, probabilities or probs"),
                unnamed.getMessage());
        ModelLoadException dbl = assertThrows(ModelLoadException.class, () -> load("double_input.onnx"));
        assertTrue(dbl.getMessage().contains("float32"), dbl.getMessage());
    }

    @Test
    void corruptedMissingAndEmptyFilesAreRejectedWithTheirPath() throws IOException {
        byte[] good;
        try (InputStream in = OnnxModelTest.class.getResourceAsStream("linear_logits.onnx")) {
            good = in.readAllBytes();
        }
        Path truncated = tmp.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        Path garbage = tmp.resolve("garbage.onnx");
        byte[] noise = new byte[4096];
        new Random(3).nextBytes(noise);
        Files.write(garbage, noise);
        Path empty = tmp.resolve("empty.onnx");
        Files.write(empty, new byte[0]);
        for (Path bad : List.of(truncated, garbage, empty, tmp.resolve("missing.onnx"))) {
            ModelLoadException e = assertThrows(ModelLoadException.class,
                    () -> OnnxModel.load(bad, OnnxModelOptions.defaults()), bad.toString());
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
    }

    @Test
    void inputOfTheWrongShapeIsRejectedAtCallTime() {
        try (OnnxModel vector = load("linear_logits.onnx"); OnnxModel window = load("window_probs.onnx")) {
            double[] p = new double[3];
            ModelInputException e = assertThrows(ModelInputException.class, () -> vector.predict(new float[3], p));
            assertTrue(e.getMessage().contains("expects 4 input values"), e.getMessage());
            assertThrows(ModelInputException.class, () -> vector.predict(new float[5], p));
            ModelInputException w = assertThrows(ModelInputException.class, () -> window.predict(new float[4], p));
            assertTrue(w.getMessage().contains("5 x 4"), w.getMessage());
            assertThrows(ModelInputException.class, () -> vector.predict(null, p));
            assertThrows(IllegalArgumentException.class, () -> vector.predict(new float[4], new double[2]));
        }
    }

    @Test
    void nonFiniteInputIsRejectedNamingTheValue() {
        try (OnnxModel m = load("window_probs.onnx")) {
            float[] x = new float[SEQ * FEATURES];
            x[9] = Float.NaN;
            ModelInputException e = assertThrows(ModelInputException.class, () -> m.predict(x, new double[3]));
            assertTrue(e.getMessage().contains("row 2, feature 1"), e.getMessage());
            x[9] = Float.POSITIVE_INFINITY;
            assertThrows(ModelInputException.class, () -> m.predict(x, new double[3]));
        }
    }

    @Test
    void batchWithOneBadRowNamesTheRowAndWritesNothing() {
        try (OnnxModel m = load("linear_logits.onnx")) {
            float[][] in = new float[10][FEATURES];
            in[7][2] = Float.NaN;
            double[] probs = new double[30];
            ModelInputException e = assertThrows(ModelInputException.class, () -> m.predictBatch(in, probs, null));
            assertTrue(e.getMessage().startsWith("row 7:"), e.getMessage());
            assertArrayEquals(new double[30], probs);
        }
    }

    @Test
    void closedModelRefusesPredictionsAndCloseIsIdempotent() {
        OnnxModel m = load("linear_logits.onnx");
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, () -> m.predict(new float[FEATURES], new double[3]));
        assertThrows(IllegalStateException.class,
                () -> m.predictBatch(new float[][] {new float[FEATURES]}, new double[3], null));
    }

    /** True with the default CPU-only jar; GpuBuildTest covers the same options with onnxruntime_gpu. */
    private static void assumeCpuOnlyBuild() {
        Assumptions.assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "the GPU build of ONNX Runtime is on the class path (-Pgpu); GpuBuildTest covers this case");
    }

    @Test
    void autoFallsBackToCpuWhenTheGpuBuildIsAbsent() {
        assumeCpuOnlyBuild();
        try (OnnxModel m = OnnxModel.load(resource("linear_logits.onnx"),
                OnnxModelOptions.defaults().withExecutionProvider(ExecutionProvider.AUTO))) {
            assertEquals(ExecutionProvider.CPU, m.executionProvider());
            float[] x = {1, 2, 3, 4};
            double[] p = new double[3];
            m.predict(x, p);
            assertArrayEquals(softmax(linearLogits(x), 1), p, 1e-6);
        }
    }

    @Test
    void requireGpuWithoutAGpuIsALoadErrorNamingTheGpuArtifact() {
        assumeCpuOnlyBuild();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxModel.load(
                resource("linear_logits.onnx"),
                OnnxModelOptions.defaults().withExecutionProvider(ExecutionProvider.AUTO).withRequireGpu(true)));
        assertTrue(e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
    }

    @Test
    void explicitCudaOrTensorRtWithoutTheGpuBuildIsALoadError() {
        assumeCpuOnlyBuild();
        for (ExecutionProvider p : List.of(ExecutionProvider.CUDA, ExecutionProvider.TENSORRT)) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxModel.load(
                    resource("linear_logits.onnx"), OnnxModelOptions.defaults().withExecutionProvider(p)));
            assertTrue(e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
        }
    }

    @Test
    void sessionOptionsChangeNothingInTheResults() {
        float[] x = randomRow(new Random(11), SEQ * FEATURES);
        double[] reference = new double[3];
        try (OnnxModel m = load("window_probs.onnx")) {
            m.predict(x, reference);
        }
        for (OptimizationLevel level : OptimizationLevel.values()) {
            try (OnnxModel m = OnnxModel.load(resource("window_probs.onnx"),
                    OnnxModelOptions.defaults().withOptimizationLevel(level).withIntraOpThreads(2))) {
                double[] p = new double[3];
                m.predict(x, p);
                assertArrayEquals(reference, p, 1e-6, level.name());
            }
        }
    }

    @Test
    void modelLoadsFromBytesWithTheGivenId() throws IOException {
        byte[] bytes = Files.readAllBytes(resource("linear_logits.onnx"));
        try (OnnxModel m = OnnxModel.load(bytes, "from-bundle", OnnxModelOptions.defaults())) {
            assertEquals("from-bundle", m.metadata().id());
        }
    }

    /**
     * Native memory stays bounded: 100,000 single-row predictions and 20,000 batch calls of 256
     * windows, after a warm-up of the same calls, grow the process's resident set by less than
     * 48 MiB. Each batch call makes ONNX Runtime allocate about 4 KiB of outputs (256 x 3 class
     * values plus 256 confidences, float32) and a result holder. Checked when this test was
     * written: with the batch path's try-with-resources removed, the resident set grew by about
     * 100 MiB and this test failed; with it, growth was about 0.1 MiB. The module's surefire
     * configuration fixes and pre-touches a 256 MiB heap so that heap resizing does not move the
     * resident set; the bound is still generous for the native allocator's caching.
     */
    @Test
    void nativeMemoryStaysBoundedOver100kPredictions() throws IOException {
        Path status = Path.of("/proc/self/status");
        Assumptions.assumeTrue(Files.isReadable(status), "needs Linux /proc/self/status to read the resident set");
        try (OnnxModel m = load("window_probs.onnx")) {
            Random r = new Random(5);
            float[] row = randomRow(r, SEQ * FEATURES);
            float[][] batch = new float[256][];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = randomRow(r, SEQ * FEATURES);
            }
            double[] p = new double[3];
            double[] probs = new double[3 * batch.length];
            double[] conf = new double[batch.length];
            Runnable workload = () -> {
                for (int i = 0; i < 100_000; i++) {
                    row[i % row.length] = (float) (i % 97) / 97f;
                    m.predict(row, p);
                }
                for (int i = 0; i < 20_000; i++) {
                    m.predictBatch(batch, probs, conf);
                }
            };
            workload.run();
            System.gc();
            long before = residentKiB(status);
            workload.run();
            System.gc();
            long after = residentKiB(status);
            long growthKiB = after - before;
            System.out.printf("ONNX native memory check: VmRSS before %d KiB, after %d KiB, growth %d KiB%n", before,
                    after, growthKiB);
            assertTrue(growthKiB < 48 * 1024, "resident set grew by " + growthKiB + " KiB");
        }
    }

    static long residentKiB(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS line in " + status);
    }

    // ---- properties ----

    private static OnnxModel shared;

    private static synchronized OnnxModel shared() {
        if (shared == null) {
            shared = load("linear_probs_confidence.onnx");
        }
        return shared;
    }

    @Property(tries = 300)
    void probabilitiesAreADistributionAndConfidenceInUnitRange(
            @ForAll @Size(FEATURES) List<@FloatRange(min = -1e3f, max = 1e3f) Float> values) {
        float[] x = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            x[i] = values.get(i);
        }
        double[] p = new double[3];
        double c = shared().predict(x, p);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-4);
        for (double v : p) {
            assertTrue(v >= 0 && v <= 1, Arrays.toString(p));
        }
        assertTrue(c >= 0 && c <= 1);
    }

    @Property(tries = 100)
    void higherTemperatureNeverRaisesTheTopProbability(
            @ForAll @Size(FEATURES) List<@FloatRange(min = -5f, max = 5f) Float> values) {
        float[] x = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            x[i] = values.get(i);
        }
        double[] p1 = new double[3];
        double[] p3 = new double[3];
        plainAndHot()[0].predict(x, p1);
        plainAndHot()[1].predict(x, p3);
        // A higher temperature never sharpens: the largest probability cannot grow.
        double max1 = Math.max(p1[0], Math.max(p1[1], p1[2]));
        double max3 = Math.max(p3[0], Math.max(p3[1], p3[2]));
        assertTrue(max3 <= max1 + 1e-9, Arrays.toString(p1) + " vs " + Arrays.toString(p3));
    }

    private static OnnxModel[] plainAndHot;

    private static synchronized OnnxModel[] plainAndHot() {
        if (plainAndHot == null) {
            plainAndHot = new OnnxModel[] {load("linear_logits.onnx"),
                OnnxModel.load(resource("linear_logits.onnx"), OnnxModelOptions.defaults().withTemperature(3))};
        }
        return plainAndHot;
    }
}
