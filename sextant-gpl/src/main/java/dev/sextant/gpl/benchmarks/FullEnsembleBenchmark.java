package dev.sextant.gpl.benchmarks;

import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.StackingEnsemble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-row latency, on one thread, of the full ensemble the issue asks for: the bundle that
 * {@code sextant train --models xgboost,rf,svm,lstm,transformer} makes from the real Bitstamp
 * BTC/USD trades. One prediction runs LSTM + Transformer (ONNX Runtime, [60, 24] window, one
 * intra-op thread as the bundle loads them) + XGBoost (pure-Java trees) + Smile random forest
 * (default 100 trees) + Smile Gaussian SVM (one-versus-rest, Platt-scaled; standardised input) +
 * logistic meta-learner + temperature calibration. The Smile bases are also timed alone, one row
 * at a time and in batches of {@value #BATCH} rows.
 *
 * <p>The bundle is trained in setup (a few seconds, outside the measurement) so the benchmark
 * measures the artefact users get, with the support-vector count real data gives. Inputs cycle
 * through the 241 [60, 24] windows of real standard-24 features committed with the networks.
 */
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Threads(1)
@State(Scope.Benchmark)
public class FullEnsembleBenchmark {

    private Path work;
    private ModelBundle bundle;
    private Model ensemble;
    private Model randomForest;
    private Model svm;
    private float[][] windows;
    private float[][] lastRows;
    private final double[] probabilities = new double[3];
    private int next;

    @Setup
    public void setUp() throws IOException {
        work = Files.createTempDirectory("sextant-gpl-bench");
        Path dir = SmileBundle.train(work, SmileBundle.FULL_MODELS);
        bundle = ModelBundle.load(dir, FeatureSpec.standard24());
        ensemble = bundle.model();
        StackingEnsemble stack = (StackingEnsemble) ((CalibratedModel) ensemble).inner();
        randomForest = base(stack, "smile-rf");
        svm = base(stack, "smile-svm");
        windows = SmileBundle.referenceWindows();
        int features = FeatureSpec.standard24().size();
        lastRows = Arrays.stream(windows)
                .map(w -> Arrays.copyOfRange(w, w.length - features, w.length))
                .toArray(float[][]::new);
        forestBatch = batchFor(randomForest);
        svmBatch = batchFor(svm);
    }

    private static Model base(StackingEnsemble stack, String type) {
        return stack.bases().stream().filter(m -> m.metadata().type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type + " base in the bundle"));
    }

    @TearDown
    public void tearDown() throws IOException {
        bundle.close();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Rows per call in the batch benchmarks. */
    static final int BATCH = 1024;

    private float[][] forestBatch;
    private float[][] svmBatch;
    private final double[] batchProbabilities = new double[3 * BATCH];

    private float[][] batchFor(Model m) {
        float[][] rows = new float[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            rows[i] = input(m, i % windows.length);
        }
        return rows;
    }

    private int nextIndex() {
        return (next++ & Integer.MAX_VALUE) % windows.length;
    }

    /** One calibrated prediction of the five-model stack for a [60, 24] window. */
    @Benchmark
    public double fullEnsemble() {
        return ensemble.predict(windows[nextIndex()], probabilities) + probabilities[2];
    }

    /** One Smile random-forest prediction for a 24-feature row. */
    @Benchmark
    public double smileRandomForest() {
        return randomForest.predict(input(randomForest), probabilities) + probabilities[2];
    }

    /** One Smile SVM prediction (standardisation, three Platt-scaled one-versus-rest SVMs). */
    @Benchmark
    public double smileSvm() {
        return svm.predict(input(svm), probabilities) + probabilities[2];
    }

    /** Random-forest batch throughput: {@value #BATCH} rows per call, reported per row. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public double smileRandomForestBatch() {
        randomForest.predictBatch(forestBatch, batchProbabilities, null);
        return batchProbabilities[2];
    }

    /** SVM batch throughput: {@value #BATCH} rows per call, reported per row. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public double smileSvmBatch() {
        svm.predictBatch(svmBatch, batchProbabilities, null);
        return batchProbabilities[2];
    }

    private float[] input(Model m) {
        return input(m, nextIndex());
    }

    private float[] input(Model m, int i) {
        return m.metadata().inputLength() == windows[i].length ? windows[i] : lastRows[i];
    }
}
