package dev.sextant.benchmarks.live;

import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalStores;
import dev.sextant.trading.live.ReplayBarFeed;
import dev.sextant.trading.live.SessionState;
import dev.sextant.trading.live.TradingSession;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Session throughput at {@code sextant paper --speed max}, in bars per second: a
 * {@link TradingSession} (paper venue, journaling on, SQLite with the default durability policy:
 * WAL, {@code synchronous=FULL}, group commit, order requests committed before they are sent)
 * replays {@value #BARS} real Bitstamp BTC/USD one-minute bars (the trades the examples module
 * unpacks to {@code examples/target/data}) from its feed thread as fast as it can, through the
 * standard-24 features and a logistic model trained on the {@value #TRAINING_BARS} bars before them.
 *
 * <p>One operation is one bar: each invocation builds a fresh session on a fresh journal in the
 * temporary directory (set-up not timed), replays all bars and waits for the feed to finish, as
 * the command does. The journal lies on the file system of {@code java.io.tmpdir}; the figure
 * depends on its fsync cost (each order request syncs).
 *
 * <p>Anchor, {@code anchorBacktestSameBars}: the same bars through the same features, model,
 * sizing, risk limits and paper fills in the in-process {@link Backtester} (no session, no
 * journal, no feed thread), so the ratio is the price of the live path and its journal.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class SessionThroughputBenchmark {
    /** Bars replayed per invocation. */
    static final int BARS = 6_000;
    /** Bars before them that train the model. */
    static final int TRAINING_BARS = 2_000;

    private static final Instrument BTC = Instrument.crypto("BTC/USD", "PAPER", "USD");
    private static final CostModel COSTS = CostModel.ofBps(2, 1);
    private static final double CASH = 100_000;

    /** The Bitstamp trades CSV, relative to the working directory (the repository root). */
    @Param("examples/target/data/bitstamp_trades_from_20131125_usd.csv")
    public String trades;

    private FeatureSpec spec;
    private Model model;
    private List<Bar> replay;
    private Path dir;
    private TradingSession session;
    private ReplayBarFeed feed;

    @Setup(Level.Trial)
    public void load() {
        Path file = Path.of(trades);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("trades file " + file.toAbsolutePath() + " not found: build the examples "
                    + "module (it unpacks the data), run the benchmarks from the repository root, or pass -p trades=...");
        }
        BarSeries bars;
        try (TradeCsvReader reader = TradeCsvReader.open(file)) {
            bars = TradeAggregator.aggregate(reader, TimeFrame.M1, "BTC/USD");
        }
        if (bars.size() < TRAINING_BARS + BARS) {
            throw new IllegalStateException(file + " gives " + bars.size() + " one-minute bars; the benchmark needs "
                    + (TRAINING_BARS + BARS));
        }
        spec = FeatureSpec.standard24();
        model = trainLogistic(bars.view(0, TRAINING_BARS), spec);
        replay = new ArrayList<>(BARS);
        for (int i = TRAINING_BARS; i < TRAINING_BARS + BARS; i++) {
            replay.add(bars.bar(i));
        }
    }

    @TearDown(Level.Trial)
    public void closeModel() {
        model.close();
    }

    /**
     * A fresh session, journal, venue and feed, as {@code sextant paper} builds them (the signal
     * source is left open: a session does not close it, and the model is shared).
     */
    @Setup(Level.Invocation)
    public void openSession() throws IOException {
        dir = Files.createTempDirectory("sextant-session-bench");
        SimulatedClock clock = new SimulatedClock(replay.getFirst().time());
        PaperBroker paper = new PaperBroker(PaperBrokerConfig.builder().initialCash(CASH).costModel(COSTS).build(), clock);
        session = TradingSession.builder()
                .journal(Journal.open(JournalStores.sqlite(dir.resolve("journal.db"))))
                .clock(clock).timeFrame(TimeFrame.M1).instrument(BTC)
                .signals(new ModelSignalSource(spec, model, "btc-logistic", "1"))
                .risk(RiskEngine.builder().limits(RiskLimits.defaults()).clock(clock).startingCash(CASH).build())
                .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, true), COSTS))
                .paperVenue(paper).bundle("btc-logistic 1", "").build();
        session.recover();
        feed = new ReplayBarFeed(BTC, TimeFrame.M1, replay, ReplayBarFeed.MAX_SPEED);
    }

    @TearDown(Level.Invocation)
    public void closeSession() throws IOException {
        session.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Replays {@value #BARS} bars at {@code --speed max} on the feed's thread; one operation per bar. */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public long replayAtMaxSpeed() throws InterruptedException {
        session.start(feed);
        feed.start();
        feed.awaitCompletion();
        session.stop("end of input");
        SessionState state = session.state();
        if (state.decisions() != BARS) {
            throw new IllegalStateException("the session decided on " + state.decisions() + " bars, not " + BARS);
        }
        return state.decisions() + state.fills();
    }

    /** Anchor: the same bars through the backtester, in process and unjournaled; one operation per bar. */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public BacktestResult anchorBacktestSameBars() {
        BacktestConfig cfg = BacktestConfig.builder(BTC, TimeFrame.M1).costs(COSTS).initialCash(CASH)
                .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, true))
                .limits(RiskLimits.defaults()).build();
        return Backtester.run(replay.iterator(), new ModelSignalSource(spec, model, "btc-logistic", "1"), cfg);
    }

    private static Model trainLogistic(BarSeries bars, FeatureSpec spec) {
        double[][] x = FeatureEngine.create(spec).compute(bars);
        Labels labels = new FixedHorizonLabeler(1, 0.25, 60).label(bars);
        List<float[]> rows = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            float[] row = new float[spec.size()];
            boolean defined = labels.isDefined(i);
            for (int j = 0; j < row.length && defined; j++) {
                defined = Double.isFinite(x[i][j]);
                row[j] = (float) x[i][j];
            }
            if (defined) {
                rows.add(row);
                ys.add(labels.label(i));
            }
        }
        return Models.trainer("logistic").train(TrainingSet.of(rows.toArray(new float[0][]),
                ys.stream().mapToInt(Integer::intValue).toArray()), Map.of("id", "btc-logistic"));
    }
}
