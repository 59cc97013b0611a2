package dev.sextant.benchmarks.models;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.drift.DriftListener;
import dev.sextant.trading.models.drift.DriftMonitor;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.DriftSettings;
import dev.sextant.trading.models.drift.OutOfDistributionGate;
import dev.sextant.trading.models.drift.ReferenceSettings;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-bar cost of the drift and gating checks for the standard-24 feature set with the default
 * reference (20-bin grids, 256 kept training rows, 5 neighbours) and settings (window 500):
 * {@link #monitorAndGate} is everything a guarded signal source adds to a bar (24 feature windows
 * and the prediction window with their PSI and KS, and the out-of-distribution distance);
 * {@link #gateOnly} the distance alone; {@link #monitorAndGateEagerKs} the same with the KS distance of
 * every window computed on every bar (the monitor's cost before it skipped undecided bars). {@link #featuresAnchor}, the streaming standard-24
 * feature computation of one bar, is the anchor to read the others against on a shared machine.
 *
 * <p>Inputs: the standard-24 features of a synthetic AR(1) series; the reference is built from
 * its first 5,000 rows and the checks cycle over the next 10,000 (same process: alerts are rare,
 * so the cost is the alert-free path).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@State(Scope.Thread)
public class DriftBenchmark {

    private static final int REFERENCE_ROWS = 5_000;
    private static final int ROWS = 10_000;

    private double[][] rows;
    private double[][] probabilities;
    private DriftMonitor monitor;
    private OutOfDistributionGate gate;
    private BarSeries bars;
    private FeatureEngine engine;
    private final double[] vector = new double[24];
    private int next;
    private long time;

    @Setup
    public void setUp() {
        FeatureSpec spec = FeatureSpec.standard24();
        bars = SyntheticBars.ar1(REFERENCE_ROWS + ROWS + 200, -0.25, 0.001, 5);
        double[][] all = FeatureEngine.create(spec).compute(bars);
        int first = 0;
        while (Double.isNaN(all[first][all[first].length - 1]) || hasNaN(all[first])) {
            first++;
        }
        float[][] fit = new float[REFERENCE_ROWS][];
        for (int i = 0; i < REFERENCE_ROWS; i++) {
            fit[i] = new float[24];
            for (int j = 0; j < 24; j++) {
                fit[i][j] = (float) all[first + i][j];
            }
        }
        java.util.Random rnd = new java.util.Random(1);
        double[] p = new double[3 * REFERENCE_ROWS];
        int[] y = new int[REFERENCE_ROWS];
        for (int i = 0; i < REFERENCE_ROWS; i++) {
            double a = rnd.nextDouble() + 0.1;
            double b = rnd.nextDouble() + 0.1;
            double c = rnd.nextDouble() + 0.1;
            p[3 * i] = a / (a + b + c);
            p[3 * i + 1] = b / (a + b + c);
            p[3 * i + 2] = c / (a + b + c);
            y[i] = rnd.nextInt(3);
        }
        DriftReference reference = DriftReference.build(spec.featureNames(), fit, p, y, ReferenceSettings.defaults());
        monitor = new DriftMonitor("BTC/USD", reference, DriftSettings.defaults(), DriftListener.NONE);
        gate = new OutOfDistributionGate(reference.ood());
        rows = new double[ROWS][];
        probabilities = new double[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = all[first + REFERENCE_ROWS + i].clone();
            int k = 3 * (i % REFERENCE_ROWS);
            probabilities[i] = new double[] {p[k], p[k + 1], p[k + 2]};
        }
        engine = FeatureEngine.create(spec);
    }

    private static boolean hasNaN(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    /** Drift statistics and the out-of-distribution distance of one bar. */
    @Benchmark
    public boolean monitorAndGate() {
        int i = next;
        next = i + 1 == ROWS ? 0 : i + 1;
        return monitor.onPrediction(time++, rows[i], probabilities[i]);
    }

    /**
     * Anchor for the lazy Kolmogorov-Smirnov check: {@link #monitorAndGate} plus the KS distance
     * of all 25 windows computed on every bar, as the monitor did before it skipped bars where no
     * crossing is possible (the ratio of the two is the saving, read in the same run).
     */
    @Benchmark
    public double monitorAndGateEagerKs() {
        int i = next;
        next = i + 1 == ROWS ? 0 : i + 1;
        double sum = monitor.onPrediction(time++, rows[i], probabilities[i]) ? 1 : 0;
        for (int j = 0; j < 24; j++) {
            sum += monitor.featureKs(j);
        }
        return sum + monitor.predictionKs();
    }

    /** The out-of-distribution distance of one bar. */
    @Benchmark
    public double gateOnly() {
        int i = next;
        next = i + 1 == ROWS ? 0 : i + 1;
        return gate.score(rows[i]);
    }

    /** Anchor: the streaming standard-24 features of one bar (bars replayed with increasing times). */
    @Benchmark
    public boolean featuresAnchor() {
        int i = next;
        next = i + 1 == bars.size() ? 0 : i + 1;
        Bar b = bars.bar(i);
        long t = time++ * 60_000L;
        return engine.onBar(new Bar(t, b.open(), b.high(), b.low(), b.close(), b.volume()), vector);
    }
}
