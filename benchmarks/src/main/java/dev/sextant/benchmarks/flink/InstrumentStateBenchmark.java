package dev.sextant.benchmarks.flink;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Flink instrument stage adds per bar to the signal source's own work: the source's
 * exact state of the instrument written to bytes after every bar ({@code writeState}, standard-24
 * features, a logistic model), and read back once per instrument after a restore
 * ({@code readState}). {@code onBar} alone is the anchor.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class InstrumentStateBenchmark {
    static final Instrument INSTRUMENT = Instrument.equity("SYN", "PAPER");

    private TrainedBundle trained;
    private ModelSignalSource source;
    private BarSeries bars;
    private int cursor;
    private byte[] saved;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BarSeries training = SyntheticBars.ar1(3_000, -0.25, 0.001, 7);
        trained = BundleTrainer.train(training, TrainingConfig.builder(FeatureSpec.standard24()).models("logistic")
                .horizon(1).bundleId("state-benchmark").build());
        source = new ModelSignalSource(FeatureSpec.standard24(), trained.model(), "state-benchmark", "1");
        bars = SyntheticBars.ar1(1_500_000, -0.2, 0.001, 11);
        for (cursor = 0; cursor < 500; cursor++) {
            source.onBar(INSTRUMENT, TimeFrame.M1, bars.bar(cursor));
        }
        saved = write();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trained.close();
    }

    private SignalResult next() {
        if (cursor == bars.size()) {
            // Past the last bar: back to the state saved after the warm-up bars, which continues at bar 500 (one
            // restore per 1.5 M bars, too rare to count).
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
                source.readState(INSTRUMENT, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cursor = 500;
        }
        return source.onBar(INSTRUMENT, TimeFrame.M1, bars.bar(cursor++));
    }

    private byte[] write() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            source.writeState(INSTRUMENT, out);
        }
        return bytes.toByteArray();
    }

    @Benchmark
    public SignalResult onBar() {
        return next();
    }

    @Benchmark
    public byte[] onBarAndWriteState() throws IOException {
        next();
        return write();
    }

    @Benchmark
    public ModelSignalSource readState() throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            source.readState(INSTRUMENT, in);
        }
        return source;
    }
}
