package dev.sextant.benchmarks.models;

import dev.sextant.trading.models.onnx.OnnxModel;
import dev.sextant.trading.models.onnx.OnnxModelOptions;
import dev.sextant.trading.models.xgboost.XGBoostModel;
import dev.sextant.trading.models.xgboost.XGBoostOptions;
import dev.sextant.trading.models.xgboost.XGBoostTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch throughput in predictions per second: {@value #BATCH} rows (XGBoost) or [60, 24] windows
 * (ONNX) per {@code predictBatch} call on the committed reference models, one calling thread.
 * ONNX Runtime runs with {@code intraOpThreads} threads inside each call; XGBoost4J runs
 * {@code inplace_predict} on the whole batch with its default thread count (every core), and
 * {@code xgboost4jOneThread} with {@code nthread=1} on a batch already flattened (XGBoost's C++
 * predictor alone, the native anchor); the pure-Java evaluator uses the calling thread only:
 * {@code xgboostJava} behind {@code XGBoostModel.predictBatch} (input checks included),
 * {@code xgboostJavaTrees} the blocked evaluator alone, and {@code xgboostJavaRowByRowBefore} the
 * row-by-row evaluator it replaced ({@link RowByRowTrees}), as the before figure of the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Threads(1)
@State(Scope.Benchmark)
public class ModelThroughputBenchmark {

    static final int BATCH = 1024;

    /** Directory of the reference models, relative to the working directory. */
    @Param(ReferenceInputs.DEFAULT_DIR)
    public String modelDir;

    /** ONNX Runtime intra-op threads. */
    @Param("1")
    public int intraOpThreads;

    private float[][] windows;
    private float[][] vectors;
    private OnnxModel lstm;
    private OnnxModel transformer;
    private XGBoostModel xgbJava;
    private XGBoostModel xgbNative;
    private XGBoostTrees trees;
    private RowByRowTrees before;
    private Booster oneThread;
    private float[] flatVectors;
    private final double[] probabilities = new double[3 * BATCH];
    private final double[] confidence = new double[BATCH];

    /** Loads the reference models and a batch of inputs. */
    @Setup
    public void setUp() throws IOException, XGBoostError {
        Path dir = ReferenceInputs.dir(modelDir);
        ReferenceInputs inputs = ReferenceInputs.read(dir);
        windows = ReferenceInputs.cycle(inputs.windows, BATCH);
        vectors = ReferenceInputs.cycle(inputs.vectors, BATCH);
        OnnxModelOptions options = OnnxModelOptions.defaults().withIntraOpThreads(intraOpThreads);
        lstm = OnnxModel.load(dir.resolve("lstm.onnx"), options);
        transformer = OnnxModel.load(dir.resolve("transformer.onnx"), options);
        xgbJava = XGBoostModel.load(dir.resolve("xgboost.ubj"), XGBoostOptions.defaults());
        xgbNative = XGBoostModel.load(dir.resolve("xgboost.ubj"),
                XGBoostOptions.defaults().withEngine(XGBoostOptions.Engine.XGBOOST4J));
        trees = xgbJava.trees();
        before = RowByRowTrees.read(dir.resolve("xgboost.json")).checkSameAs(trees, inputs.vectors);
        oneThread = XGBoost.loadModel(Files.readAllBytes(dir.resolve("xgboost.ubj")));
        oneThread.setParam("nthread", 1);
        int f = trees.featureCount();
        flatVectors = new float[BATCH * f];
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(vectors[i], 0, flatVectors, i * f, f);
        }
    }

    /** Releases the native sessions and boosters. */
    @TearDown
    public void tearDown() {
        lstm.close();
        transformer.close();
        xgbJava.close();
        xgbNative.close();
        oneThread.dispose();
    }

    /** ONNX Runtime LSTM, a batch of windows. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double onnxLstm() {
        lstm.predictBatch(windows, probabilities, null);
        return probabilities[0];
    }

    /** ONNX Runtime Transformer, a batch of windows. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double onnxTransformer() {
        transformer.predictBatch(windows, probabilities, confidence);
        return probabilities[0] + confidence[0];
    }

    /** Pure-Java evaluator, a batch of rows. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double xgboostJava() {
        xgbJava.predictBatch(vectors, probabilities, null);
        return probabilities[0];
    }

    /** Pure-Java blocked evaluator alone ({@code XGBoostTrees.probabilities(float[][], double[])}). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double xgboostJavaTrees() {
        trees.probabilities(vectors, probabilities);
        return probabilities[0];
    }

    /** The row-by-row evaluator that blocked evaluation replaced, one row after another. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double xgboostJavaRowByRowBefore() {
        for (int i = 0; i < BATCH; i++) {
            before.probabilities(vectors[i], probabilities, 3 * i);
        }
        return probabilities[0];
    }

    /** XGBoost4J inplace_predict with nthread=1 on the flattened batch: XGBoost's C++ predictor. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float xgboost4jOneThread() throws XGBoostError {
        return oneThread.inplace_predict(flatVectors, BATCH, trees.featureCount(), Float.NaN)[0][0];
    }

    /** XGBoost4J inplace_predict, a batch of rows. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double xgboost4j() {
        xgbNative.predictBatch(vectors, probabilities, null);
        return probabilities[0];
    }
}
