package dev.sextant.benchmarks.engine;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.rl.Action;
import dev.sextant.trading.engine.rl.EnvironmentConfig;
import dev.sextant.trading.engine.rl.EnvironmentData;
import dev.sextant.trading.engine.rl.PolicySignalSource;
import dev.sextant.trading.engine.rl.PpoConfig;
import dev.sextant.trading.engine.rl.PpoPolicy;
import dev.sextant.trading.engine.rl.PpoTrainer;
import dev.sextant.trading.engine.rl.StepResult;
import dev.sextant.trading.engine.rl.TradingEnvironment;
import dev.sextant.trading.engine.rl.VectorTradingEnvironment;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reinforcement-learning environment and policy (generated AR(1) bars: for speed only).
 *
 * <ul>
 *   <li>{@code environmentStep}: steps per second of one {@link TradingEnvironment} (the
 *       backtester's machinery: pipeline, risk engine, paper broker) with random actions.</li>
 *   <li>{@code vectorEnvironmentStep}: steps per second of a {@link VectorTradingEnvironment} of
 *       {@value #ENVS} episodes on one thread (the goal: at least 1M/s).</li>
 *   <li>{@code policyAct}: latency of one action of a 64x64 PPO policy from an observation.</li>
 *   <li>{@code policySignal}: latency of the policy as the pipeline's signal source on one bar
 *       (streaming standard-24 features, observation, action, signal).</li>
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class TradingEnvironmentBenchmark {
    static final int ENVS = 256;
    static final int ACTIONS = 4096;
    static final Instrument INSTRUMENT = Instrument.equity("SYN", "PAPER");

    private TradingEnvironment env;
    private VectorTradingEnvironment vector;
    private Action[] actions;
    private int[] directions;
    private double[] sizes;
    private int next;
    private PpoPolicy policy;
    private double[] observation;
    private PolicySignalSource source;
    private BarSeries stream;
    private int cursor;

    @Setup
    public void setUp() {
        BarSeries bars = SyntheticBars.ar1(200_000, -0.3, 0.002, 1);
        EnvironmentConfig cfg = EnvironmentConfig.builder(INSTRUMENT, TimeFrame.M1).episodeLength(2_000).build();
        EnvironmentData data = EnvironmentData.of(bars, cfg.spec(), EnvironmentData.fitScaler(bars.view(0, 20_000),
                cfg.spec()));
        env = new TradingEnvironment(data, cfg);
        env.reset(1);
        vector = new VectorTradingEnvironment(data, cfg, ENVS);
        vector.reset(1);
        SplittableRandom r = new SplittableRandom(2);
        actions = new Action[ACTIONS];
        for (int i = 0; i < ACTIONS; i++) {
            actions[i] = new Action(Direction.ofIndex(r.nextInt(3)), r.nextDouble());
        }
        directions = new int[ENVS];
        sizes = new double[ENVS];
        for (int i = 0; i < ENVS; i++) {
            directions[i] = r.nextInt(3);
            sizes[i] = r.nextDouble();
        }
        // A briefly trained policy: the weights' values do not change the cost of inference.
        policy = PpoTrainer.train("bench", data, cfg, PpoConfig.builder().totalSteps(2_048).environments(8)
                .rolloutSteps(256).epochs(1).build());
        observation = vector.observations().clone();
        stream = SyntheticBars.ar1(200_000, -0.3, 0.002, 3);
        source = new PolicySignalSource(policy, () -> Portfolio.ofCash(100_000), "bench", "1");
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public StepResult environmentStep() {
        StepResult r = env.step(actions[next++ & (ACTIONS - 1)]);
        if (r.done()) {
            env.reset(next);
        }
        return r;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ENVS)
    public double[] vectorEnvironmentStep() {
        int k = next++;
        directions[k & (ENVS - 1)] = k % 3;
        vector.step(directions, sizes);
        return vector.rewards();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Action policyAct() {
        return policy.act(observation);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public SignalResult policySignal() {
        if (cursor == stream.size()) {
            cursor = 0;
            source = new PolicySignalSource(policy, () -> Portfolio.ofCash(100_000), "bench", "1");
        }
        return source.onBar(INSTRUMENT, TimeFrame.M1, stream.bar(cursor++));
    }
}
