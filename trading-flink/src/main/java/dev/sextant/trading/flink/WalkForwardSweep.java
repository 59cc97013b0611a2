package dev.sextant.trading.flink;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.core.io.IoErrors;
import dev.sextant.trading.core.io.MarketDataException;
import dev.sextant.trading.core.io.SeriesSummary;
import dev.sextant.trading.core.io.ValidationPolicy;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Evaluation;
import dev.sextant.trading.engine.WalkForwardConfig;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.flink.internal.SweepTask;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A walk-forward sweep as a bounded Flink job: every instrument (one bars CSV per instrument in a
 * folder) times every {@link Configuration} (feature set, model, horizon) is one task, a
 * {@link Evaluation} (walk-forward with purge and embargo, then a backtest of its out-of-sample
 * predictions) run on any task slot; the results are gathered into one {@link Report} whose
 * deflated Sharpe ratio counts every configuration tried. What {@code sextant sweep} runs.
 *
 * <p>Deflation: the number of trials is {@code instruments x configurations} (every walk-forward
 * run is one strategy tried), each cell's own {@code dsr} is deflated by that number (with the
 * Sharpe estimator's variance), and the aggregate {@code dsr} is that of the best cell (highest
 * Sharpe ratio) against the Sharpe ratio expected from the best of {@code n_trials} unskilled
 * strategies, with the variance of the per-bar Sharpe ratios measured across the cells (Bailey and
 * López de Prado, 2014; {@link PerformanceMetrics#of}).
 */
public final class WalkForwardSweep {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private WalkForwardSweep() {
    }

    /**
     * One configuration tried.
     *
     * @param featureSet a feature set name ({@link FeatureSpec#named})
     * @param model      a model type ({@code logistic}, {@code xgboost}, ...)
     * @param horizon    the label horizon in bars, at least 1
     */
    public record Configuration(String featureSet, String model, int horizon) implements Serializable {
        /** Validates; the feature set must be known. */
        public Configuration {
            Checks.notBlank(featureSet, "featureSet");
            Checks.notBlank(model, "model");
            Checks.positive(horizon, "horizon");
            FeatureSpec.named(featureSet);
        }
    }

    /**
     * What to sweep.
     *
     * @param input          a folder of bars CSV files, one per instrument, all of one bar length
     * @param configurations the configurations, at least one
     * @param trainBars      training bars per fold; 0 for {@code sextant walkforward}'s default
     *                       (20,000 or half the series)
     * @param testBars       test bars per fold; 0 for its default (5,000 or an eighth of the series)
     * @param account        the backtest's account settings (costs, sizing, limits, seed)
     */
    public record Spec(Path input, List<Configuration> configurations, int trainBars, int testBars,
            AccountSettings account) {
        /** Validates and copies. */
        public Spec {
            Checks.notNull(input, "input");
            configurations = List.copyOf(Checks.notNull(configurations, "configurations"));
            if (configurations.isEmpty()) {
                throw new IllegalArgumentException("configurations must not be empty");
            }
            Checks.nonNegative(trainBars, "trainBars");
            Checks.nonNegative(testBars, "testBars");
            Checks.notNull(account, "account");
        }
    }

    /**
     * The result of one instrument and configuration.
     *
     * @param instrument     the instrument (file name without {@code .csv})
     * @param configuration  the configuration
     * @param metricsJson    the walk-forward's {@code metrics.json} ({@code EvaluationReport.KEYS})
     * @param sharpe         its backtest's annualised Sharpe ratio
     * @param periodsPerYear bars per year of the instrument's backtest
     * @param equity         the backtest's equity, the initial cash first
     * @param tradePnl       net PnL of each closed trade
     * @param tradedNotional total notional traded
     * @param costs          total costs paid
     */
    public record Cell(String instrument, Configuration configuration, String metricsJson, double sharpe,
            double periodsPerYear, double[] equity, double[] tradePnl, double tradedNotional, double costs)
            implements Serializable {
        /** Validates. */
        public Cell {
            Checks.notBlank(instrument, "instrument");
            Checks.notNull(configuration, "configuration");
            Checks.notBlank(metricsJson, "metricsJson");
            Checks.notNull(equity, "equity");
            Checks.notNull(tradePnl, "tradePnl");
        }

        /** The Sharpe ratio per bar. */
        double periodSharpe() {
            return sharpe / Math.sqrt(periodsPerYear);
        }
    }

    /**
     * The sweep's report.
     *
     * @param cells           every instrument and configuration, by instrument then configuration
     * @param trials          the number of trials deflated for: instruments x configurations
     * @param sharpeVariance  variance of the per-bar Sharpe ratios across the cells (NaN with one cell)
     * @param best            the cell with the highest Sharpe ratio (the first of equals)
     * @param dsr             the best cell's deflated Sharpe ratio over {@code trials} trials
     */
    public record Report(List<Cell> cells, int trials, double sharpeVariance, Cell best, double dsr) {
        /** Validates and copies. */
        public Report {
            cells = List.copyOf(Checks.notNull(cells, "cells"));
            Checks.positive(trials, "trials");
            Checks.notNull(best, "best");
        }

        /**
         * The {@code sweep.json} content: {@code aggregate} ({@code dsr}, {@code n_trials},
         * {@code sharpe_variance}, {@code best}) and {@code cells} (per instrument and
         * configuration: {@code instrument}, {@code feature_set}, {@code model}, {@code horizon},
         * {@code metrics} with the fixed walk-forward metrics keys).
         */
        public String json() {
            Map<String, Object> aggregate = new LinkedHashMap<>();
            aggregate.put("dsr", finite(dsr));
            aggregate.put("n_trials", trials);
            aggregate.put("sharpe_variance", finite(sharpeVariance));
            aggregate.put("best", identity(best));
            List<Map<String, Object>> list = new ArrayList<>();
            for (Cell c : cells) {
                Map<String, Object> m = identity(c);
                m.put("metrics", JSON.readValue(c.metricsJson(), new TypeReference<LinkedHashMap<String, Object>>() { }));
                list.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("aggregate", aggregate);
            root.put("cells", list);
            return JSON.writeValueAsString(root);
        }

        /** Writes {@code sweep.json} into {@code dir} (created if needed), atomically. */
        public void write(Path dir) {
            Checks.notNull(dir, "dir");
            String json = json();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir + ": " + IoErrors.reason(e), e);
            }
            AtomicFileWriter.writeTextUnchecked(dir.resolve("sweep.json"), w -> w.write(json + "\n"));
        }

        private static Map<String, Object> identity(Cell c) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instrument", c.instrument());
            m.put("feature_set", c.configuration().featureSet());
            m.put("model", c.configuration().model());
            m.put("horizon", c.configuration().horizon());
            return m;
        }

        private static Double finite(double x) {
            return Double.isFinite(x) ? x : null;
        }
    }

    /**
     * Runs the sweep as a bounded job on a local MiniCluster.
     *
     * @param parallelism the job's parallelism, at least 1
     * @throws IllegalArgumentException if the folder has no {@code .csv} file, a file name is not
     *                                  a symbol, or a series is too short for one fold (the
     *                                  task's own exception, unwrapped from the job's failure)
     * @throws MarketDataException      if a file is not valid bars of the account's bar length
     * @throws IllegalStateException    if the job did not give exactly one cell for every instrument
     *                                  and configuration (naming the cell)
     * @throws Exception                if the Flink job fails
     */
    public static Report run(Spec spec, int parallelism) throws Exception {
        Checks.notNull(spec, "spec");
        Checks.positive(parallelism, "parallelism");
        List<SweepTask> tasks = tasks(spec);
        int trials = tasks.size();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        List<Cell> cells;
        // Each task writes its cell to a file, read once the job has finished: Flink's result collection
        // (executeAndCollect) can race the local cluster's shutdown and lose cells ("some data might be lost").
        try (ResultFolder folder = ResultFolder.create("sextant-sweep")) {
            env.fromData(tasks).rebalance()
                    .map(new Evaluate(spec.configurations(), spec.trainBars(), spec.testBars(), spec.account(), trials))
                    .name("walk-forward")
                    .sinkTo(new CellFiles(folder.path())).name("cell files");
            try {
                env.execute("sextant sweep");
            } catch (Exception e) {
                // A task's bad input (a series too short for one fold, invalid bars) as its own error.
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof IllegalArgumentException || t instanceof MarketDataException) {
                        throw (RuntimeException) t;
                    }
                }
                throw e;
            }
            cells = CellFiles.read(folder.path(), keys(spec, tasks));
        }
        return aggregate(spec, cells);
    }

    /** Runs the same walk-forwards one after another in this process, for comparison. */
    public static Report runInProcess(Spec spec) {
        Checks.notNull(spec, "spec");
        List<Cell> cells = new ArrayList<>();
        List<SweepTask> tasks = tasks(spec);
        for (SweepTask t : tasks) {
            cells.add(evaluate(spec.configurations(), spec.trainBars(), spec.testBars(), spec.account(), tasks.size(), t));
        }
        return aggregate(spec, cells);
    }

    /** The cell each task gives, in the order of the tasks. */
    static List<CellFiles.Key> keys(Spec spec, List<SweepTask> tasks) {
        return tasks.stream().map(t -> new CellFiles.Key(FlinkRun.symbol(Path.of(t.file())),
                spec.configurations().get(t.configuration()))).toList();
    }

    static List<SweepTask> tasks(Spec spec) {
        List<SweepTask> tasks = new ArrayList<>();
        for (Path file : FlinkRun.files(spec.input())) {
            FlinkRun.symbol(file);
            for (int c = 0; c < spec.configurations().size(); c++) {
                tasks.add(new SweepTask(file.toString(), c));
            }
        }
        return tasks;
    }

    /** The task's walk-forward and backtest, deflated over every task of the sweep. */
    static Cell evaluate(List<Configuration> configurations, int trainBars, int testBars, AccountSettings account,
            int trials, SweepTask task) {
        Path file = Path.of(task.file());
        Configuration c = configurations.get(task.configuration());
        BarSeries bars = BarCsvReader.read(file, ValidationPolicy.STRICT).series();
        TimeFrame tf = bars.timeFrame() != null ? bars.timeFrame() : SeriesSummary.detectTimeFrame(bars);
        if (!tf.equals(account.timeFrame())) {
            throw new MarketDataException(file.toString(), 0, null, null, null,
                    "has " + tf + " bars but the sweep reads " + account.timeFrame() + " bars (the first file's)");
        }
        int n = bars.size();
        WalkForwardConfig wf = WalkForwardConfig.builder(FeatureSpec.named(c.featureSet())).models(c.model())
                .horizon(c.horizon())
                .trainBars(trainBars > 0 ? trainBars : Math.min(20_000, n / 2))
                .testBars(testBars > 0 ? testBars : Math.min(5_000, Math.max(1, n / 8)))
                .trials(trials).build();
        String symbol = FlinkRun.symbol(file);
        BacktestConfig bt = account.backtestConfig(Instrument.equity(symbol, "PAPER")).toBuilder().trials(trials)
                .build();
        Evaluation e = Evaluation.run(bars, wf, bt);
        BacktestResult r = e.backtest();
        double[] equity = new double[r.equity().length + 1];
        equity[0] = bt.initialCash();
        System.arraycopy(r.equity(), 0, equity, 1, r.equity().length);
        return new Cell(symbol, c, JSON.writeValueAsString(e.report().metrics()), r.performance().sharpe(),
                bt.periodsPerYear(), equity, r.tradePnl(), r.tradedNotional(), r.costs());
    }

    /** Orders the cells and deflates the best one's Sharpe ratio over all of them. */
    static Report aggregate(Spec spec, List<Cell> cells) {
        List<String> order = spec.configurations().stream().map(Configuration::toString).toList();
        List<Cell> sorted = new ArrayList<>(cells);
        sorted.sort(Comparator.comparing(Cell::instrument)
                .thenComparingInt(c -> order.indexOf(c.configuration().toString())));
        int trials = sorted.size();
        double variance = Double.NaN;
        if (trials > 1) {
            double mean = sorted.stream().mapToDouble(Cell::periodSharpe).average().orElseThrow();
            double sum = 0;
            for (Cell c : sorted) {
                double d = c.periodSharpe() - mean;
                sum += d * d;
            }
            variance = sum / (trials - 1);
        }
        Cell best = sorted.get(0);
        for (Cell c : sorted) {
            if (c.sharpe() > best.sharpe()) {
                best = c;
            }
        }
        double dsr = PerformanceMetrics.of(best.equity(), best.tradePnl(), best.tradedNotional(), best.costs(),
                best.periodsPerYear(), trials, variance).dsr();
        return new Report(sorted, trials, variance, best, dsr);
    }

    /** The Flink task: one walk-forward. */
    private static final class Evaluate implements MapFunction<SweepTask, Cell> {
        @Serial
        private static final long serialVersionUID = 1L;
        private final List<Configuration> configurations;
        private final int trainBars;
        private final int testBars;
        private final AccountSettings account;
        private final int trials;

        Evaluate(List<Configuration> configurations, int trainBars, int testBars, AccountSettings account, int trials) {
            this.configurations = configurations;
            this.trainBars = trainBars;
            this.testBars = testBars;
            this.account = account;
            this.trials = trials;
        }

        @Override
        public Cell map(SweepTask task) {
            return evaluate(configurations, trainBars, testBars, account, trials, task);
        }
    }
}
