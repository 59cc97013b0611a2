package dev.sextant.benchmarks.engine;

import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.PrecomputedSignals;
import dev.sextant.trading.engine.TradingPipeline;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Backtest throughput and per-decision latency of the trading pipeline on generated bars
 * (synthetic data: for speed only, never for claims about returns).
 *
 * <ul>
 *   <li>{@code backtestPrecomputedSignals}: bars per second of a whole backtest (paper broker,
 *       sizing, pre-trade checks, portfolio marking) replaying precomputed signals over 1M bars.</li>
 *   <li>{@code fullPipelineDecision}: latency of one decision with everything per bar: standard-24
 *       features, a logistic model, sizing, risk checks and the paper broker (sample mode gives
 *       p50/p99).</li>
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class BacktestBenchmark {
    static final int BARS = 1_000_000;
    static final Instrument INSTRUMENT = Instrument.crypto("SYN/USD", "PAPER", "USD");

    private BarSeries bars;
    private PrecomputedSignals signals;
    private BacktestConfig config;

    private Model model;
    private TradingPipeline pipeline;
    private PaperBroker paper;
    private SimulatedClock clock;
    private BarSeries stream;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp() {
        bars = SyntheticBars.ar1(BARS, -0.1, 0.001, 1);
        SplittableRandom rnd = new SplittableRandom(2);
        long[] times = new long[BARS];
        double[] p = new double[3 * BARS];
        for (int i = 0; i < BARS; i++) {
            times[i] = bars.time(i);
            double s = rnd.nextDouble();
            double b = rnd.nextDouble();
            double h = rnd.nextDouble() * 2;
            double sum = s + b + h;
            p[3 * i] = s / sum;
            p[3 * i + 1] = h / sum;
            p[3 * i + 2] = 1 - s / sum - h / sum;
        }
        signals = new PrecomputedSignals(times, p, "bench", "1");
        config = BacktestConfig.builder(INSTRUMENT, TimeFrame.M1).initialCash(1_000_000).costs(CostModel.ofBps(2, 1))
                .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.02), 0, false)).seed(1).build();

        // A logistic model on standard-24 features of the first 20k bars, for the full pipeline.
        FeatureSpec spec = FeatureSpec.standard24();
        BarSeries train = bars.view(0, 20_000);
        double[][] x = FeatureEngine.create(spec).compute(train);
        Labels y = new FixedHorizonLabeler(1, 0.25, 60).label(train);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (Double.isFinite(x[i][0]) && y.isDefined(i)) {
                float[] r = new float[x[i].length];
                for (int j = 0; j < r.length; j++) {
                    r[j] = (float) x[i][j];
                }
                rows.add(r);
                labels.add(y.label(i));
            }
        }
        model = Models.trainer("logistic").train(TrainingSet.of(rows.toArray(new float[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray()), Map.of("id", "bench"));
        stream = bars.view(20_000, BARS);
        resetPipeline();
    }

    private void resetPipeline() {
        clock = new SimulatedClock(stream.time(0));
        paper = new PaperBroker(PaperBrokerConfig.builder().initialCash(1_000_000).costModel(config.costs()).build(), clock);
        BrokerSession session = new BrokerSession(paper, clock);
        session.connect();
        RiskEngine risk = RiskEngine.builder().limits(config.limits()).clock(clock).startingCash(1_000_000).build();
        pipeline = TradingPipeline.builder().signals(new ModelSignalSource(FeatureSpec.standard24(), model, "bench", "1"))
                .risk(risk).sizer(new PositionSizer(config.sizing(), config.costs())).broker(session).clock(clock)
                .timeFrame(TimeFrame.M1).build();
        cursor = 0;
    }

    /** A whole backtest over one million bars with precomputed signals; score = bars per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BARS)
    public BacktestResult backtestPrecomputedSignals() {
        return Backtester.run(bars, signals, config);
    }

    /** One bar through features, model, sizing, risk checks and the paper broker. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Decision fullPipelineDecision() {
        if (cursor == stream.size()) {
            resetPipeline();
        }
        var bar = stream.bar(cursor++);
        clock.advanceTo(bar.time() + 60_000);
        paper.onBar(INSTRUMENT, bar);
        return pipeline.onBar(INSTRUMENT, bar);
    }
}
