package dev.sextant.benchmarks.flink;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.flink.AccountBook;
import dev.sextant.trading.flink.AccountSettings;
import dev.sextant.trading.flink.FlinkTradingJob;
import dev.sextant.trading.flink.InstrumentBar;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Flink job ({@code trading-flink}) on a local MiniCluster against the single-process pipeline
 * on the same bars: {@code instruments} synthetic instruments of {@value #BARS} one-minute bars in
 * {@value #ACCOUNTS} accounts, standard-24 features, a logistic model, sizing, risk checks and the
 * paper broker on every bar (synthetic data: for speed only).
 *
 * <ul>
 *   <li>{@code singleProcess}: one {@link AccountBook} per account fed every bar in close-time
 *       order, on one thread: the reference.</li>
 *   <li>{@code flinkParallelism1}, {@code flinkParallelism2}: the whole job, MiniCluster start
 *       included (a fixed cost of about a second, separated by comparing the two universe
 *       sizes: the per-bar cost is the difference over the difference in bars).</li>
 * </ul>
 * One invocation processes every bar once ({@code instruments × 250}); divide to get bars per
 * second.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class FlinkJobBenchmark {
    static final int BARS = 250;
    static final int ACCOUNTS = 4;

    @Param({"100", "400"})
    int instruments;

    private Path bundle;
    private AccountSettings settings;
    private List<InstrumentBar> bars;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BarSeries training = SyntheticBars.ar1(3_000, -0.25, 0.001, 7);
        TrainingConfig config = TrainingConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(1)
                .bundleId("flink-benchmark").build();
        bundle = Files.createTempDirectory("sextant-flink-benchmark").resolve("bundle");
        try (TrainedBundle trained = BundleTrainer.train(training, config)) {
            trained.write(bundle, Map.of());
        }
        settings = AccountSettings.builder(TimeFrame.M1).minEdgeBps(0).build();
        bars = new ArrayList<>(instruments * BARS);
        for (int i = 0; i < instruments; i++) {
            BarSeries s = SyntheticBars.ar1(BARS, -0.2, 0.001, 100 + i);
            Instrument instrument = Instrument.equity("SYN" + i, "PAPER");
            for (int j = 0; j < s.size(); j++) {
                bars.add(new InstrumentBar("acct-" + (i % ACCOUNTS), instrument, TimeFrame.M1.millis(), s.bar(j)));
            }
        }
        bars.sort(AccountBook.ORDER);
    }

    @Benchmark
    public int singleProcess() {
        int orders = 0;
        Map<String, AccountBook> books = new HashMap<>();
        try (ModelBundle loaded = ModelBundle.load(bundle)) {
            BundleManifest m = loaded.manifest();
            ModelSignalSource signals = new ModelSignalSource(m.featureSpec(), loaded.model(), m.bundleId(),
                    m.bundleVersion());
            for (InstrumentBar b : bars) {
                AccountBook book = books.computeIfAbsent(b.account(), a -> new AccountBook(settings, signals, b.bar().time()));
                orders += book.decide(b).orders().size();
            }
        }
        return orders;
    }

    @Benchmark
    public void flinkParallelism1() throws Exception {
        flink(1);
    }

    @Benchmark
    public void flinkParallelism2() throws Exception {
        flink(2);
    }

    private void flink(int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        FlinkTradingJob.builder(bundle, settings).build().apply(env.fromData(bars)).decisions()
                .sinkTo(new DiscardingSink<>());
        env.execute("flink benchmark");
    }
}
