package dev.sextant.benchmarks.engine;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.MultiTimeframeModels;
import dev.sextant.trading.engine.MultiTimeframePredictor;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-1m-bar latency of the multi-timeframe signal (1m, 5m, 15m, 1h over standard-24, one
 * logistic reference model per time frame, logistic meta-learner, temperature calibration),
 * trained in setup on 6,000 synthetic bars with {@code BundleTrainer}.
 *
 * <ul>
 *   <li>{@code multiTimeframeOnBar}: {@link MultiTimeframePredictor#onBar}: features on every time
 *       frame, the 1m model and the meta-learner on every bar, a coarser model only at its bar
 *       closes;</li>
 *   <li>{@code everyModelEveryBar} (anchor): the same feature engine and the whole calibrated
 *       ensemble evaluated on every bar, as {@code ModelSignalSource} does for any bundle;</li>
 *   <li>{@code featuresOnly} (anchor): the multi-timeframe feature engine alone.</li>
 * </ul>
 * Each operation is one new 1m bar (one {@link Bar} allocated per operation, as a live feed
 * delivers); bars cycle through 100,000 generated prices with ever increasing, minute-aligned
 * times, so everything stays warm.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class MultiTimeframeBenchmark {
    private static final int N = 100_000;
    private static final long MINUTE = 60_000L;
    private final double[] open = new double[N];
    private final double[] high = new double[N];
    private final double[] low = new double[N];
    private final double[] close = new double[N];
    private final double[] volume = new double[N];
    private TrainedBundle trained;
    private MultiTimeframePredictor predictor;
    private FeatureEngine engine;
    private FeatureEngine featuresOnlyEngine;
    private Model model;
    private double[] features;
    private float[] input;
    private final double[] probabilities = new double[3];
    private long time;
    private int i;

    @Setup
    public void setUp() {
        BarSeries s = SyntheticBars.ar1(N, -0.1, 0.001, 3);
        for (int k = 0; k < N; k++) {
            open[k] = s.open(k);
            high[k] = s.high(k);
            low[k] = s.low(k);
            close[k] = s.close(k);
            volume[k] = s.volume(k);
        }
        BarSeries training = new BarSeries("training", s.timeFrame(), 6_000);
        for (int k = 0; k < 6_000; k++) {
            training.append(s.bar(k));
        }
        trained = BundleTrainer.train(training, MultiTimeframeModels.builder(FeatureSpec.standard24(),
                MultiTimeframeModels.STANDARD_TIMEFRAMES, Map.of()).horizon(5).folds(3).build());
        FeatureSpec spec = trained.config().spec();
        model = trained.model();
        predictor = new MultiTimeframePredictor(spec, model);
        engine = FeatureEngine.create(spec);
        featuresOnlyEngine = FeatureEngine.create(spec);
        features = new double[spec.size()];
        input = new float[spec.size()];
        time = s.time(0) - Math.floorMod(s.time(0), 3_600_000L);
        for (int k = 0; k < 5_000; k++) {
            Bar b = next();
            predictor.onBar(b);
            engine.onBar(b, features);
            featuresOnlyEngine.onBar(b, features);
        }
    }

    private Bar next() {
        int k = i;
        i = k + 1 == N ? 0 : k + 1;
        time += MINUTE;
        return new Bar(time, open[k], high[k], low[k], close[k], volume[k]);
    }

    @Benchmark
    public double multiTimeframeOnBar() {
        predictor.onBar(next());
        predictor.probabilities(probabilities);
        return probabilities[2];
    }

    @Benchmark
    public double everyModelEveryBar() {
        if (engine.onBar(next(), features)) {
            for (int j = 0; j < features.length; j++) {
                input[j] = (float) features[j];
            }
            model.predict(input, probabilities);
        }
        return probabilities[2];
    }

    @Benchmark
    public double featuresOnly() {
        featuresOnlyEngine.onBar(next(), features);
        return features[0];
    }

    @TearDown
    public void tearDown() {
        trained.close();
    }
}
