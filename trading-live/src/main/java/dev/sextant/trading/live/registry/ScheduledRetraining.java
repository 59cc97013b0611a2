package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.live.SessionComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains on a schedule while the champion trades: every {@code N} bars, or every period of bar
 * time, of one instrument, on a rolling window (the last {@code W} bars) or an expanding one (every
 * bar since the session's first), through a {@link Retrainer} (by default {@link BundleTrainer}),
 * and registers the new bundle in the {@link ModelRegistry} as a {@link Stage#CHALLENGER}.
 *
 * <p>Training runs on this component's own thread, never on the session's: {@link #onBar} only
 * copies the window and hands it over, so the session goes on deciding while a model trains. A
 * run that is due while another is still training is skipped (and counted), not queued. During
 * recovery bars fill the window but no run starts (training is not part of the journal). The new
 * challenger joins a session's lineup when the session is next built
 * ({@link ChampionChallengers#fromRegistry}); promoting it is a decision for the comparison rule
 * or an operator. Each run's outcome is in {@link #outcomes()}, and is logged.
 *
 * <p>{@link #onBar} is called by the session under its lock; the other methods are thread-safe.
 * {@link #close()} stops the training thread.
 */
public final class ScheduledRetraining implements SessionComponent, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRetraining.class);
    /** The actor named in the registry's history for a bundle registered by retraining. */
    public static final String ACTOR = "retraining";

    /** Which bars a run trains on. */
    public enum Window {
        /** The last {@code windowBars} bars. */
        ROLLING,
        /** Every bar since the session started (its journal included). */
        EXPANDING
    }

    /** Trains a bundle from bars and writes it; called on the training thread. */
    @FunctionalInterface
    public interface Retrainer {
        /**
         * Trains on {@code bars} and writes a bundle.
         *
         * @param bars the window, oldest first
         * @param run  the run's number, 1, 2, ...
         * @return the bundle written (a directory or zip)
         * @throws Exception if training or writing fails; the run is recorded as failed
         */
        Path train(BarSeries bars, int run) throws Exception;
    }

    /** What a run did. */
    public sealed interface Outcome {
        /** The run's number. */
        int run();

        /**
         * The bundle was trained and registered as a challenger.
         *
         * @param run     the run's number
         * @param version the registered version
         */
        record Registered(int run, ModelVersion version) implements Outcome {
        }

        /**
         * Training or registration failed; the champion trades on.
         *
         * @param run    the run's number
         * @param reason what went wrong
         */
        record Failed(int run, String reason) implements Outcome {
        }
    }

    private final Instrument instrument;
    private final ModelRegistry registry;
    private final Retrainer retrainer;
    private final Window window;
    private final int windowBars;
    private final int everyBars;
    private final Duration everyPeriod;
    private final Deque<Bar> bars = new ArrayDeque<>();
    private final ExecutorService trainer;
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private TimeFrame frame;
    private long seen;
    private long lastRunBarTime = Long.MIN_VALUE;
    private int runs;
    private volatile boolean training;
    private volatile long skipped;

    private ScheduledRetraining(Builder b) {
        this.instrument = Checks.notNull(b.instrument, "instrument");
        this.registry = Checks.notNull(b.registry, "registry");
        this.retrainer = Checks.notNull(b.retrainer, "retrainer");
        this.window = b.window;
        this.windowBars = b.windowBars;
        if ((b.everyBars > 0) == (b.everyPeriod != null)) {
            throw new IllegalArgumentException("give exactly one schedule: everyBars or every (a period of bar time)");
        }
        this.everyBars = b.everyBars;
        this.everyPeriod = b.everyPeriod;
        this.trainer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sextant-retraining-" + instrument.id());
            t.setDaemon(true);
            return t;
        });
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A retrainer through {@link BundleTrainer}: trains with {@code config} (bundle version
     * {@code <config's version>-r<run>}) and writes the bundle to {@code <directory>/<bundleId>-r<run>}.
     */
    public static Retrainer bundleTrainer(TrainingConfig config, Path directory) {
        Checks.notNull(config, "config");
        Checks.notNull(directory, "directory");
        return (series, run) -> {
            TrainingConfig c = config.toBuilder().bundleVersion(config.bundleVersion() + "-r" + run).build();
            java.nio.file.Files.createDirectories(directory);
            Path out = directory.resolve(config.bundleId() + "-r" + run);
            try (TrainedBundle trained = BundleTrainer.train(series, c)) {
                trained.write(out, Map.of("tool", "sextant scheduled retraining", "retrainingRun", Integer.toString(run),
                        "trainedOn", series.size() + " bars of " + series.name()));
            }
            return out;
        };
    }

    @Override
    public void onBar(Instrument barInstrument, TimeFrame barFrame, Bar bar, Context context) {
        if (!barInstrument.equals(instrument)) {
            return;
        }
        frame = barFrame;
        bars.addLast(bar);
        if (window == Window.ROLLING && bars.size() > windowBars) {
            bars.removeFirst();
        }
        seen++;
        if (lastRunBarTime == Long.MIN_VALUE) {
            lastRunBarTime = bar.time();
        }
        boolean due = everyBars > 0 ? seen % everyBars == 0 : bar.time() - lastRunBarTime >= everyPeriod.toMillis();
        if (!due || context.recovering()) {
            return;
        }
        lastRunBarTime = bar.time();
        if (training) {
            skipped++;
            LOG.warn("retraining of {}: a run is due at {} but the last one is still training; skipped",
                    instrument.id(), Instant.ofEpochMilli(bar.time()));
            return;
        }
        BarSeries series = new BarSeries(instrument.id(), frame, bars.size());
        for (Bar b : bars) {
            series.append(b.time(), b.open(), b.high(), b.low(), b.close(), b.volume());
        }
        int run = ++runs;
        training = true;
        trainer.execute(() -> train(series, run));
    }

    private void train(BarSeries series, int run) {
        try {
            Path bundle = retrainer.train(series, run);
            ModelVersion v = registry.register(bundle, "", "", ACTOR, "run " + run + " on " + series.size() + " bars");
            ModelVersion challenger = registry.promote(v.version(), Stage.CHALLENGER, ACTOR,
                    "scheduled retraining run " + run);
            outcomes.add(new Outcome.Registered(run, challenger));
            LOG.info("retraining of {}: run {} registered version {} as challenger", instrument.id(), run, v.version());
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            outcomes.add(new Outcome.Failed(run, reason));
            LOG.error("retraining of {}: run {} failed: {}", instrument.id(), run, reason, e);
        } finally {
            training = false;
        }
    }

    /** Every finished run's outcome, in order of finishing. */
    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Whether a run is training now. */
    public boolean isTraining() {
        return training;
    }

    /** Runs that were due while another was training, and so skipped. */
    public long skipped() {
        return skipped;
    }

    /**
     * Waits until the run in progress, if any, has finished (trained and registered, or failed).
     *
     * @return false if it was still running after {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        Checks.notNull(timeout, "timeout");
        try {
            // The training thread is single: a no-op queued behind the run completes after it.
            trainer.submit(() -> { }).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a no-op failed on the training thread", e);
        }
    }

    /** Stops the training thread, interrupting a run in progress, and waits up to 30 seconds for it. */
    @Override
    public void close() {
        trainer.shutdownNow();
        try {
            if (!trainer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("retraining of {}: a run did not stop within 30 s", instrument.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builder of {@link ScheduledRetraining}; not thread-safe. */
    public static final class Builder {
        private Instrument instrument;
        private ModelRegistry registry;
        private Retrainer retrainer;
        private Window window = Window.ROLLING;
        private int windowBars = 2_000;
        private int everyBars;
        private Duration everyPeriod;

        private Builder() {
        }

        /** The instrument whose bars are trained on (required). */
        public Builder instrument(Instrument value) {
            this.instrument = Checks.notNull(value, "instrument");
            return this;
        }

        /** The registry the new bundles are registered in (required). */
        public Builder registry(ModelRegistry value) {
            this.registry = Checks.notNull(value, "registry");
            return this;
        }

        /** How to train (required), e.g. {@link ScheduledRetraining#bundleTrainer}. */
        public Builder retrainer(Retrainer value) {
            this.retrainer = Checks.notNull(value, "retrainer");
            return this;
        }

        /** A rolling window of the last {@code bars} bars (the default, 2,000 bars). */
        public Builder rolling(int bars) {
            this.window = Window.ROLLING;
            this.windowBars = Checks.positive(bars, "window bars");
            return this;
        }

        /** An expanding window: every bar since the session's first. */
        public Builder expanding() {
            this.window = Window.EXPANDING;
            return this;
        }

        /** Retrain every {@code n} bars of the instrument. */
        public Builder everyBars(int n) {
            this.everyBars = Checks.positive(n, "everyBars");
            return this;
        }

        /** Retrain every {@code period} of bar time (e.g. {@code Duration.ofDays(7)}). */
        public Builder every(Duration period) {
            Checks.notNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("period must be positive but was " + period);
            }
            this.everyPeriod = period;
            return this;
        }

        /**
         * Builds the component and starts its (idle) training thread.
         *
         * @throws IllegalArgumentException unless exactly one schedule is given
         */
        public ScheduledRetraining build() {
            return new ScheduledRetraining(this);
        }
    }
}
