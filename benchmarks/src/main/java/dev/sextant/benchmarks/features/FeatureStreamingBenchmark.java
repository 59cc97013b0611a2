package dev.sextant.benchmarks.features;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One streaming feature update per operation: {@code FeatureEngine.onBar} for one bar, writing
 * the vector into a reused buffer (the live path). Bars cycle through 100,000 generated ones
 * with ever increasing times, so the engine is always warm. Run with {@code -prof gc} for bytes
 * allocated per operation ({@code gc.alloc.rate.norm}); the goal is 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class FeatureStreamingBenchmark {
    @Param({"standard-24", "extended-35"})
    String set;

    private static final int N = 100_000;
    private final double[] open = new double[N];
    private final double[] high = new double[N];
    private final double[] low = new double[N];
    private final double[] close = new double[N];
    private final double[] volume = new double[N];
    private FeatureEngine engine;
    private double[] out;
    private long time;
    private int i;

    @Setup
    public void setUp() {
        BarSeries s = GeneratedBars.generate(N, 7);
        for (int k = 0; k < N; k++) {
            open[k] = s.open(k);
            high[k] = s.high(k);
            low[k] = s.low(k);
            close[k] = s.close(k);
            volume[k] = s.volume(k);
        }
        engine = FeatureEngine.create(FeatureSpec.named(set));
        out = new double[engine.size()];
        time = s.time(0);
        for (int k = 0; k < 1_000; k++) {
            onBar();
        }
    }

    @Benchmark
    public double onBar() {
        int k = i;
        i = k + 1 == N ? 0 : k + 1;
        time += 60_000;
        engine.onBar(time, open[k], high[k], low[k], close[k], volume[k], out);
        return out[0];
    }
}
