package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.MultiTimeframeModels;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.engine.WalkForwardConfig;
import dev.sextant.trading.engine.report.BacktestFiles;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import dev.sextant.trading.engine.rl.Action;
import dev.sextant.trading.engine.rl.EnvironmentConfig;
import dev.sextant.trading.engine.rl.EnvironmentData;
import dev.sextant.trading.engine.rl.PolicyBundle;
import dev.sextant.trading.engine.rl.PolicyEvaluation;
import dev.sextant.trading.engine.rl.PolicyWalkForward;
import dev.sextant.trading.engine.rl.PpoConfig;
import dev.sextant.trading.engine.rl.PpoPolicy;
import dev.sextant.trading.engine.rl.PpoTrainer;
import dev.sextant.trading.engine.rl.StepResult;
import dev.sextant.trading.engine.rl.TradingEnvironment;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.policy.PolicyLayout;
import dev.sextant.trading.models.policy.PolicyModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sextant rl train|evaluate|observations|walkforward}: trains a PPO policy in the trading
 * environment (the backtester's fills, costs and checks) and writes it as a verified bundle;
 * evaluates a policy bundle (PPO or an ONNX actor) on bars through the pipeline and writes the
 * walk-forward report's fixed metrics; exports the environment's observations for training a
 * policy elsewhere; walks PPO forward against baselines. A shell over {@link PpoTrainer},
 * {@link PolicyEvaluation}, {@link TradingEnvironment} and {@link PolicyWalkForward}.
 */
@Command(name = "rl", mixinStandardHelpOptions = true,
        description = "Reinforcement learning: train a PPO policy (rl train), evaluate a policy bundle (rl evaluate),"
                + " export environment observations for training elsewhere (rl observations), walk a policy forward"
                + " against baselines (rl walkforward).",
        subcommands = {RlCommand.Train.class, RlCommand.Evaluate.class, RlCommand.Observations.class,
            RlCommand.Walk.class})
public final class RlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /**
     * The bars, feature set and instrument of the trading environment: the options {@code rl train},
     * {@code rl observations} and {@code rl walkforward} share.
     */
    static final class EnvironmentOptions {
        @Mixin
        BarsInput input;

        @Mixin
        FeatureSetOption set;

        @Mixin
        SymbolOption symbol;

        /** The environment's settings on {@code series}: the instrument of {@code --symbol}, the bars' time frame. */
        EnvironmentConfig.Builder config(BarSeries series, FeatureSpec features) {
            return EnvironmentConfig.builder(symbol.instrument(), BarsInput.timeFrameOf(series)).spec(features);
        }

        /** The environment's features of {@code series}, scaled by a scaler fitted on them. */
        static EnvironmentData data(BarSeries series, FeatureSpec features) {
            return EnvironmentData.of(series, features, EnvironmentData.fitScaler(series, features));
        }
    }

    /** The {@code --episode} option of the commands that train PPO. */
    static final class EpisodeOption {
        @Option(names = "--episode", defaultValue = "1000", description = "Bars per training episode (default ${DEFAULT-VALUE}).")
        int episode;

        /** {@code --episode}, checked to be positive. */
        int bars() {
            return OptionChecks.positive("--episode", episode);
        }
    }

    /** {@code sextant rl train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a PPO policy on a bars file and write it as a bundle directory.")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        EnvironmentOptions environmentOptions;

        @Option(names = "--steps", defaultValue = "200000", description = "Environment steps to train for (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--seed", defaultValue = "42", description = "Training seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        EpisodeOption episode;

        @Option(names = "--output", required = true, description = "Bundle directory to write.")
        Path output;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            OptionChecks.positive("--steps", steps);
            int episodeBars = episode.bars();
            BarSeries series = environmentOptions.input.load();
            FeatureSpec features = environmentOptions.set.spec();
            EnvironmentConfig env = environmentOptions.config(series, features).episodeLength(episodeBars).build();
            EnvironmentData data = EnvironmentOptions.data(series, features);
            out.printf(Locale.ROOT, "training PPO on %s: %d bars, features %s, %d steps, seed %d%n", series.name(),
                    series.size(), features.name(), steps, seed);
            out.flush();
            PpoPolicy policy = PpoTrainer.train("ppo-" + features.name(), data, env,
                    PpoConfig.builder().totalSteps(steps).seed(seed).build());
            try {
                policy.writeBundle(output, "1");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write policy bundle " + output + ": " + e.getMessage(), e);
            }
            out.println("policy bundle: " + output.toAbsolutePath().normalize());
            out.flush();
            return 0;
        }
    }

    /** {@code sextant rl evaluate}. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Backtest a policy bundle on a bars file through the pipeline; write metrics.json and the tear sheet.")
    static final class Evaluate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--policy", required = true,
                description = "Policy bundle directory (from rl train, or an ONNX actor bundle of type onnx-policy).")
        Path policy;

        @Mixin
        BarsInput input;

        @Mixin
        SymbolOption symbol;

        @Option(names = "--report", required = true,
                description = "Report folder (metrics.json, folds.json, backtest.json, equity.csv, trades.csv, exposure.csv,"
                        + " run.json, report.html).")
        Path report;

        @Option(names = "--no-html", description = "Do not write the tear sheet report.html.")
        boolean noHtml;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PolicyModel p = PolicyBundle.load(policy);
            BarSeries series = input.load();
            BacktestConfig cfg = BacktestConfig.builder(symbol.instrument(), BarsInput.timeFrameOf(series)).build();
            PolicyEvaluation e;
            try (p) {
                e = PolicyEvaluation.run(p, series, cfg);
            }
            e.write(report);
            BacktestCommand.write(e.backtest(), report);
            BacktestFiles.write(e.backtest(), cfg, "rl-evaluate", report);
            out.print(e.report().summary());
            out.println("report: " + report.toAbsolutePath().normalize() + " (metrics.json, folds.json, backtest.json,"
                    + " equity.csv, trades.csv, exposure.csv, run.json)");
            ReportCommand.writeTearSheet(report, noHtml, out);
            out.flush();
            return 0;
        }
    }

    /** {@code sextant rl observations}. */
    @Command(name = "observations", mixinStandardHelpOptions = true,
            description = "Step the trading environment with seeded random actions and write its observations"
                    + " as float32 (observations.csv, with the next bar's log return) and their layout (layout.json)"
                    + " for training a policy elsewhere.")
    static final class Observations implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        EnvironmentOptions environmentOptions;

        @Option(names = "--window", defaultValue = "1", description = "Feature vectors per observation (default ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--rows", defaultValue = "1000", description = "Observations to write at most (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the random actions (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--output", required = true, description = "Directory to write observations.csv and layout.json into.")
        Path output;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            OptionChecks.positive("--window", window);
            OptionChecks.positive("--rows", rows);
            BarSeries series = environmentOptions.input.load();
            FeatureSpec features = environmentOptions.set.spec();
            EnvironmentConfig env = environmentOptions.config(series, features).window(window).episodeLength(rows).build();
            EnvironmentData data = EnvironmentOptions.data(series, features);
            TradingEnvironment environment = new TradingEnvironment(data, env);
            PolicyLayout layout = new PolicyLayout(features, data.scaler(), window, env.maxFraction());
            SplittableRandom random = new SplittableRandom(seed);
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < layout.observationSize(); i++) {
                csv.append('o').append(i).append(',');
            }
            csv.append("next_return\n");
            double[] obs = environment.resetAt(environment.firstBar());
            int bar = environment.firstBar();
            int written = 0;
            while (written < rows && bar + 1 < series.size()) {
                // float32, what an ONNX actor reads
                for (double v : obs) {
                    csv.append((float) v).append(',');
                }
                csv.append((float) Math.log(series.close(bar + 1) / series.close(bar))).append('\n');
                written++;
                StepResult r = environment.step(new Action(Direction.ofIndex(random.nextInt(3)), random.nextDouble()));
                if (r.terminated() || r.truncated()) {
                    break;
                }
                obs = r.observation();
                bar = r.info().bar();
            }
            Files.createDirectories(output);
            AtomicFileWriter.writeString(output.resolve("observations.csv"), csv.toString());
            String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(layout.toOptions());
            AtomicFileWriter.writeString(output.resolve("layout.json"), json + "\n");
            out.printf(Locale.ROOT, "%d observations of %d values (%s, window %d) from %s: %s%n", written,
                    layout.observationSize(), features.name(), window, series.name(),
                    output.toAbsolutePath().normalize());
            out.flush();
            return 0;
        }
    }

    /** {@code sextant rl walkforward}. */
    @Command(name = "walkforward", mixinStandardHelpOptions = true,
            description = "Walk-forward of PPO policies on held-out blocks against flat, buy-and-hold, a random policy with"
                    + " the same turnover and the supervised ensembles, with PSR and DSR over every configuration tried;"
                    + " writes metrics.json (walk-forward keys plus baselines), folds.json and verdict.txt.")
    static final class Walk implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        EnvironmentOptions environmentOptions;

        @Option(names = "--folds", defaultValue = "3", description = "Held-out test blocks (default ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--steps", defaultValue = "20000", description = "PPO steps per fold (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--seed", defaultValue = "42", description = "Seed; fold k trains with seed + k (default ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        EpisodeOption episode;

        @Option(names = "--shifts", defaultValue = "19", description = "Shifted random runs per fold (default ${DEFAULT-VALUE}).")
        int shifts;

        @Option(names = "--models", defaultValue = "logistic",
                description = "Models of the supervised ensemble walked forward alongside, comma-separated; none to skip"
                        + " (default ${DEFAULT-VALUE}).")
        String models;

        @Option(names = "--timeframes", defaultValue = "none",
                description = "Time frames of the multi-timeframe ensemble walked forward alongside, e.g. 1m,5m,15m,1h;"
                        + " the first is the input bars'; none to skip (default ${DEFAULT-VALUE}).")
        String timeframes;

        @Option(names = "--trials", defaultValue = "0",
                description = "Configurations tried before this run (other seeds, steps), counted by the DSR (default ${DEFAULT-VALUE}).")
        int trials;

        @Option(names = "--report", required = true, description = "Report folder (metrics.json, folds.json, verdict.txt).")
        Path report;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            OptionChecks.positive("--folds", folds);
            OptionChecks.positive("--steps", steps);
            int episodeBars = episode.bars();
            OptionChecks.positive("--shifts", shifts);
            if (trials < 0) {
                throw new IllegalArgumentException("--trials must be 0 or more but was " + trials);
            }
            BarSeries series = environmentOptions.input.load();
            FeatureSpec features = environmentOptions.set.spec();
            EnvironmentConfig env = environmentOptions.config(series, features).episodeLength(episodeBars).build();
            Map<String, WalkForwardConfig> ensembles = new LinkedHashMap<>();
            if (!models.strip().equalsIgnoreCase("none")) {
                ensembles.put(PolicyWalkForward.ENSEMBLE, WalkForwardConfig.builder(features)
                        .models(models.split(",")).build());
            }
            if (!timeframes.strip().equalsIgnoreCase("none")) {
                List<TimeFrame> frames = new ArrayList<>();
                for (String t : timeframes.split(",")) {
                    frames.add(TimeFrame.parse(t.strip()));
                }
                TrainingConfig training = MultiTimeframeModels.builder(features, frames, Map.of()).horizon(1)
                        .calibrationFraction(0.2).testFraction(0).folds(4).build();
                ensembles.put(PolicyWalkForward.MULTI_TIMEFRAME, new WalkForwardConfig(training, 1, 1, true, 1));
            }
            out.printf(Locale.ROOT, "walk-forward of PPO on %s: %d bars, %d folds, %d steps per fold, seed %d%n",
                    series.name(), series.size(), folds, steps, seed);
            out.flush();
            PolicyWalkForward w = PolicyWalkForward.run(series, env,
                    PpoConfig.builder().totalSteps(steps).seed(seed).build(), folds, shifts, trials, ensembles);
            w.write(report);
            out.print(w.report().summary());
            for (Map.Entry<String, PerformanceMetrics> b : w.baselines().entrySet()) {
                PerformanceMetrics p = b.getValue();
                out.printf(Locale.ROOT, "  %-22s return %7.3f%%  Sharpe %6.2f  trades %4d  PSR %.3f  DSR %.3f%n",
                        b.getKey(), 100 * p.totalReturn(), p.sharpe(), p.trades(), p.psr(), p.dsr());
            }
            out.printf(Locale.ROOT, "random policy with the same turnover: p = %.3f over %d shifts; %d configurations%n",
                    w.randomPValue(), w.shifts(), w.configurations());
            out.println(w.verdict());
            out.println("report: " + report.toAbsolutePath().normalize() + " (metrics.json, folds.json, verdict.txt)");
            out.flush();
            return 0;
        }
    }
}
