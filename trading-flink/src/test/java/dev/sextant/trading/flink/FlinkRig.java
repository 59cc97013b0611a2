package dev.sextant.trading.flink;

import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

/**
 * What the Flink job tests share: the MiniCluster they run on, the environments they build, the
 * single-process decisions they compare the job with, the collection of a job's streams, and an
 * injected task failure. Training bundles: {@link TestBundle}; bars: {@link Universe}.
 */
final class FlinkRig {
    private FlinkRig() {
    }

    /** One task manager with two slots, for a test class's {@code @RegisterExtension} field. */
    static MiniClusterExtension cluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** An environment on the test's cluster that restarts a failed job up to three times. */
    static StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /** A fresh signal source of a loaded bundle. */
    static ModelSignalSource signals(ModelBundle bundle) {
        BundleManifest m = bundle.manifest();
        return new ModelSignalSource(m.featureSpec(), bundle.model(), m.bundleId(), m.bundleVersion());
    }

    /** The single-process decisions of {@code bundle}: see {@link #decide}. */
    static List<DecisionRow> singleProcess(Path bundle, AccountSettings settings, List<InstrumentBar> bars) {
        try (ModelBundle loaded = ModelBundle.load(bundle)) {
            return decide(settings, signals(loaded), bars);
        }
    }

    /**
     * The single-process decisions: one AccountBook per account, fed every bar in the order given;
     * {@link #sorted}.
     */
    static List<DecisionRow> decide(AccountSettings settings, SignalSource signals, List<InstrumentBar> bars) {
        List<DecisionRow> rows = new ArrayList<>();
        Map<String, AccountBook> books = new HashMap<>();
        for (InstrumentBar b : bars) {
            AccountBook book = books.computeIfAbsent(b.account(), a -> new AccountBook(settings, signals, b.bar().time()));
            rows.add(DecisionRow.of(book.decide(b)));
        }
        return sorted(rows);
    }

    /** The rows by instrument, then time. */
    static List<DecisionRow> sorted(List<DecisionRow> rows) {
        List<DecisionRow> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(DecisionRow::instrument).thenComparingLong(DecisionRow::time));
        return copy;
    }

    /** Runs the job of {@code rows} and returns every row, {@link #sorted}. */
    static List<DecisionRow> collect(DataStream<DecisionRow> rows) throws Exception {
        List<DecisionRow> out = new ArrayList<>();
        try (CloseableIterator<DecisionRow> it = rows.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return sorted(out);
    }

    /**
     * One of several streams of a job, collected: created before {@code env.execute}, drained
     * after it.
     */
    static final class Collected<T> {
        private final CloseableIterator<T> iterator;

        Collected(DataStream<T> stream) {
            this.iterator = stream.collectAsync();
        }

        /** Every element, in the order received; closes the stream's iterator. */
        List<T> drain() throws Exception {
            List<T> out = new ArrayList<>();
            try (iterator) {
                iterator.forEachRemaining(out::add);
            }
            return out;
        }
    }

    /**
     * Throws once, after {@code after} bars and after a checkpoint has completed after them, so that
     * the restart restores one. Flink copies the function, so whether it has thrown is static:
     * {@link #reset} before each job.
     */
    static final class FailOnce implements MapFunction<InstrumentBar, InstrumentBar>, CheckpointListener {
        private static final AtomicBoolean THROWN = new AtomicBoolean();
        private static final AtomicInteger CHECKPOINTS = new AtomicInteger();
        private final int after;
        private int seen;

        FailOnce(int after) {
            this.after = after;
        }

        /** Arms the failure again. */
        static void reset() {
            THROWN.set(false);
            CHECKPOINTS.set(0);
        }

        /** Whether the failure was injected since the last {@link #reset}. */
        static boolean thrown() {
            return THROWN.get();
        }

        @Override
        public InstrumentBar map(InstrumentBar bar) throws Exception {
            if (++seen >= after && !THROWN.get()) {
                if (CHECKPOINTS.get() > 0) {
                    THROWN.set(true);
                    throw new IllegalStateException("injected failure after " + seen + " bars");
                }
                // Slow down until a checkpoint has completed, so that the restart restores one.
                Thread.sleep(1);
            }
            return bar;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (seen >= after) {
                CHECKPOINTS.incrementAndGet();
            }
        }
    }
}
