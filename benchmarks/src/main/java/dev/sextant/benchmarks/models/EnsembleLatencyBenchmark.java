package dev.sextant.benchmarks.models;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.calibration.FitWindow;
import dev.sextant.trading.models.calibration.TemperatureScaling;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.StackingEnsemble;
import dev.sextant.trading.models.onnx.OnnxModel;
import dev.sextant.trading.models.onnx.OnnxModelOptions;
import dev.sextant.trading.models.xgboost.XGBoostModel;
import dev.sextant.trading.models.xgboost.XGBoostOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Single-row latency of the full Apache-2.0 ensemble on one thread: LSTM + Transformer (ONNX
 * Runtime, [60, 24] windows) + XGBoost (pure-Java trees, last row of the window) + logistic
 * meta-learner over their log-probabilities + temperature calibration. The GPL Smile models (RF,
 * SVM) are not on this class path by design.
 *
 * <p>The meta-learner is trained in setup on the bases' predictions for the 241 reference windows,
 * labelled by the sign of the next row's 1-bar log return (HOLD within 0.5 bp); its weights do
 * not change the latency.
 */
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Threads(1)
@State(Scope.Benchmark)
public class EnsembleLatencyBenchmark {

    @Param(ReferenceInputs.DEFAULT_DIR)
    public String modelDir;

    private ReferenceInputs inputs;
    private Model ensemble;
    private final double[] probabilities = new double[3];
    private int next;

    @Setup
    public void setUp() throws IOException {
        Path dir = ReferenceInputs.dir(modelDir);
        inputs = ReferenceInputs.read(dir);
        OnnxModelOptions cpu = OnnxModelOptions.defaults().withIntraOpThreads(1);
        List<Model> bases = List.of(OnnxModel.load(dir.resolve("lstm.onnx"), cpu),
                OnnxModel.load(dir.resolve("transformer.onnx"), cpu),
                XGBoostModel.load(dir.resolve("xgboost.ubj"), XGBoostOptions.defaults()));
        float[][] windows = inputs.windows;
        int n = windows.length - 1;
        float[][] meta = new float[n][9];
        int[] labels = new int[n];
        double[] p = new double[3];
        int features = inputs.vectors[0].length;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < bases.size(); k++) {
                Model m = bases.get(k);
                float[] in = m.metadata().inputLength() == windows[i].length ? windows[i]
                        : java.util.Arrays.copyOfRange(windows[i], windows[i].length - features, windows[i].length);
                m.predict(in, p);
                for (int c = 0; c < 3; c++) {
                    meta[i][3 * k + c] = StackingEnsemble.metaFeature(p[c]);
                }
            }
            // log_return_1 is feature 22 of standard-24: the next window's last row holds r(t+1).
            float next = windows[i + 1][windows[i + 1].length - features + 22];
            labels[i] = next > 5e-5 ? 2 : next < -5e-5 ? 0 : 1;
        }
        Model metaLearner = Models.trainer("logistic").train(TrainingSet.of(meta, labels), Map.of("id", "meta"));
        StackingEnsemble stack = new StackingEnsemble("bench-ensemble", bases, metaLearner, Provenance.unknown("bench"));
        ensemble = new CalibratedModel(stack, new TemperatureScaling(1.2, new FitWindow(0, n - 1, n)));
    }

    @TearDown
    public void tearDown() {
        ensemble.close();
    }

    /** One calibrated ensemble prediction for a [60, 24] window. */
    @Benchmark
    public double fullEnsemble() {
        float[][] w = inputs.windows;
        int i = next++;
        return ensemble.predict(w[(i & Integer.MAX_VALUE) % w.length], probabilities) + probabilities[2];
    }
}
