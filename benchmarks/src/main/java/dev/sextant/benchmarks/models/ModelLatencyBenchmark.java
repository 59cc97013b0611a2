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
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-row prediction latency on one thread, per model type, on the committed reference models
 * (real BTC/USD standard-24 inputs, cycled so that no single row is memorised):
 * <ul>
 *   <li>{@code onnxLstm}, {@code onnxTransformer}: ONNX Runtime (CPU, one intra-op thread), one
 *       [60, 24] window, through {@link OnnxModel#predict} (softmax with temperature included);</li>
 *   <li>{@code xgboostJavaTrees}: Sextant's pure-Java evaluator ({@link XGBoostTrees#probabilities});
 *       {@code xgboostJavaTreesBefore}: the row-by-row walk it had before blocked evaluation
 *       ({@link RowByRowTrees}), the same run's before figure;
 *       {@code xgboostJavaModel}: the same through {@link XGBoostModel#predict} with input checks;</li>
 *   <li>{@code xgboost4jInplace}: XGBoost4J's fastest single-row call,
 *       {@code Booster.inplace_predict(row, 1, 24, NaN)}; {@code xgboost4jDMatrix}: the classic
 *       path, a one-row {@code DMatrix} and {@code Booster.predict}.</li>
 * </ul>
 * The XGBoost4J ratio is {@code xgboost4jInplace / xgboostJavaTrees} from the same run.
 * Sample mode reports percentiles (p50, p99) in microseconds.
 */
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Threads(1)
@State(Scope.Benchmark)
public class ModelLatencyBenchmark {

    /** Directory of the reference models, relative to the working directory. */
    @Param(ReferenceInputs.DEFAULT_DIR)
    public String modelDir;

    private ReferenceInputs inputs;
    private OnnxModel lstm;
    private OnnxModel transformer;
    private XGBoostTrees trees;
    private RowByRowTrees before;
    private XGBoostModel xgbModel;
    private Booster booster;
    private final double[] probabilities = new double[3];
    private int next;

    /** Loads the reference models and inputs. */
    @Setup
    public void setUp() throws IOException, XGBoostError {
        Path dir = ReferenceInputs.dir(modelDir);
        inputs = ReferenceInputs.read(dir);
        OnnxModelOptions cpu = OnnxModelOptions.defaults().withIntraOpThreads(1);
        lstm = OnnxModel.load(dir.resolve("lstm.onnx"), cpu);
        transformer = OnnxModel.load(dir.resolve("transformer.onnx"), cpu);
        xgbModel = XGBoostModel.load(dir.resolve("xgboost.ubj"), XGBoostOptions.defaults());
        trees = xgbModel.trees();
        before = RowByRowTrees.read(dir.resolve("xgboost.json")).checkSameAs(trees, inputs.vectors);
        booster = XGBoost.loadModel(Files.readAllBytes(dir.resolve("xgboost.ubj")));
        booster.setParam("nthread", 1);
    }

    /** Releases the native sessions and booster. */
    @TearDown
    public void tearDown() {
        lstm.close();
        transformer.close();
        xgbModel.close();
        booster.dispose();
    }

    private float[] window() {
        float[][] w = inputs.windows;
        int i = next++;
        return w[(i & Integer.MAX_VALUE) % w.length];
    }

    private float[] vector() {
        float[][] v = inputs.vectors;
        int i = next++;
        return v[(i & Integer.MAX_VALUE) % v.length];
    }

    /** ONNX Runtime LSTM, one window. */
    @Benchmark
    public double onnxLstm() {
        lstm.predict(window(), probabilities);
        return probabilities[2];
    }

    /** ONNX Runtime Transformer, one window, with confidence. */
    @Benchmark
    public double onnxTransformer() {
        return transformer.predict(window(), probabilities) + probabilities[2];
    }

    /** Pure-Java tree evaluator, one row. */
    @Benchmark
    public double xgboostJavaTrees() {
        trees.probabilities(vector(), probabilities);
        return probabilities[2];
    }

    /** The single-row walk before blocked evaluation, one row: the anchor of {@code xgboostJavaTrees}. */
    @Benchmark
    public double xgboostJavaTreesBefore() {
        before.probabilities(vector(), probabilities, 0);
        return probabilities[2];
    }

    /** Pure-Java evaluator behind XGBoostModel.predict (input checks included), one row. */
    @Benchmark
    public double xgboostJavaModel() {
        xgbModel.predict(vector(), probabilities);
        return probabilities[2];
    }

    /** XGBoost4J inplace_predict, one row. */
    @Benchmark
    public float xgboost4jInplace() throws XGBoostError {
        return booster.inplace_predict(vector(), 1, 24, Float.NaN)[0][2];
    }

    /** XGBoost4J one-row DMatrix and predict. */
    @Benchmark
    public float xgboost4jDMatrix() throws XGBoostError {
        DMatrix m = new DMatrix(vector(), 1, 24, Float.NaN);
        try {
            return booster.predict(m)[0][2];
        } finally {
            m.dispose();
        }
    }
}
