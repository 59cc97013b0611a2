package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.Evaluation;
import dev.sextant.trading.engine.MultiTimeframeModels;
import dev.sextant.trading.engine.WalkForwardConfig;
import dev.sextant.trading.engine.report.BacktestFiles;
import dev.sextant.trading.features.FeatureSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sextant walkforward}: out-of-sample evaluation and a backtest of its predictions. */
@Command(name = "walkforward", mixinStandardHelpOptions = true,
        description = "Walk-forward evaluation (purge, embargo, out-of-sample calibration) and a backtest of its predictions.")
public final class WalkforwardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BarsInput input;

    @Mixin
    FeatureSetOption set;

    @Option(names = "--models", defaultValue = "xgboost", split = ",",
            description = "Trainer ids: xgboost, logistic, and smile-rf/smile-svm/smile-logit (or rf, svm) when "
                    + "trading-models-smile is on the class path (default ${DEFAULT-VALUE}).")
    String[] models;

    @Option(names = "--horizon", defaultValue = "1", description = "Label horizon in bars (default ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--label-k", defaultValue = "0.5", description = "Label threshold in units of volatility (default ${DEFAULT-VALUE}).")
    double labelK;

    @Option(names = "--train", description = "Training bars per fold (default 20000, or half the series if shorter).")
    Integer train;

    @Option(names = "--test", description = "Test bars per fold (default 5000, or an eighth of the series if shorter).")
    Integer test;

    @Option(names = "--expanding", description = "Expanding training window (default rolling).")
    boolean expanding;

    @Option(names = "--embargo", description = "Embargo bars between training and test (default: the horizon).")
    Integer embargo;

    @Option(names = "--calibration", defaultValue = "temperature", description = "temperature, platt, isotonic or none (default ${DEFAULT-VALUE}).")
    String calibration;

    @Option(names = "--report", defaultValue = "walkforward-report", description = "Report folder (default ${DEFAULT-VALUE}).")
    Path report;

    @Mixin
    TearSheetOption tearSheet;

    @Option(names = "--timeframes", split = ",", paramLabel = "TF",
            description = "Multi-timeframe models per fold: time frames, the input bars' first (e.g. 1m,5m,15m,1h); one "
                    + "logistic reference model per time frame, stacked out of fold. Needs --models logistic.")
    List<String> timeframes;

    @Mixin
    TradingOptions trading;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BarSeries bars = input.load();
        Evaluation e = run(bars, out);
        out.flush();
        return e == null ? 1 : 0;
    }

    Evaluation run(BarSeries bars, PrintWriter out) {
        TimeFrame tf = BarsInput.timeFrameOf(bars);
        int n = bars.size();
        trading.check();
        int trainBars = train != null ? OptionChecks.lessThanBars("--train", train, n, bars.name()) : Math.min(20_000, n / 2);
        int testBars = test != null ? OptionChecks.lessThanBars("--test", test, n, bars.name())
                : Math.min(5_000, Math.max(1, n / 8));
        OptionChecks.lessThanBars("--horizon", horizon, n, bars.name());
        if (embargo != null) {
            OptionChecks.fromUpToBars("--embargo", embargo, 0, n, bars.name());
        }
        if (!Double.isFinite(labelK) || labelK < 0) {
            throw new IllegalArgumentException("--label-k must be a finite number of at least 0 but was " + labelK);
        }
        List<TimeFrame> frames = timeframes(tf);
        FeatureSpec base = set.spec();
        WalkForwardConfig.Builder b = WalkForwardConfig.builder(frames.isEmpty() ? base : MultiTimeframeModels.spec(base, frames))
                .horizon(horizon).labelThreshold(labelK)
                .trainBars(trainBars).testBars(testBars).expanding(expanding).calibration(calibration)
                .trials(trading.trials);
        if (frames.isEmpty()) {
            b.models(models);
        } else {
            MultiTimeframeModels.referenceModels(base, frames, Map.of()).forEach(b::model);
        }
        if (embargo != null) {
            b.embargo(embargo);
        }
        WalkForwardConfig cfg = b.build();
        out.printf(Locale.ROOT, "walk-forward on %s: %d %s bars, features %s, models %s, horizon %d, train %d, test %d (%s)%n",
                bars.name(), n, tf, cfg.spec().name(), String.join(",", cfg.models()), horizon, trainBars, testBars,
                expanding ? "expanding" : "rolling");
        BacktestConfig bt = trading.backtest(tf, false);
        Evaluation e = Evaluation.run(bars, cfg, bt, ConsoleProgress.on(spec.commandLine().getErr()));
        e.write(report);
        BacktestFiles.write(e.backtest(), bt, "walkforward", report);
        out.print(e.report().summary());
        out.println("report: " + report.toAbsolutePath().normalize() + " (metrics.json, folds.json, predictions.csv, equity.csv,"
                + " trades.csv, exposure.csv, feature_importance.csv, run.json)");
        tearSheet.write(report, out);
        return e;
    }

    /** The parsed {@code --timeframes} (empty without it), checked against the bars' time frame {@code input}. */
    private List<TimeFrame> timeframes(TimeFrame input) {
        if (timeframes == null) {
            return List.of();
        }
        boolean modelsGiven = spec.commandLine().getParseResult().hasMatchedOption("--models");
        if (modelsGiven && !(models.length == 1 && models[0].trim().equalsIgnoreCase("logistic"))) {
            throw new IllegalArgumentException("--timeframes trains one logistic reference model per time frame: --models must "
                    + "be logistic or absent but was " + String.join(",", models));
        }
        List<TimeFrame> out = TimeframeList.parse(timeframes);
        if (input != null && !out.get(0).equals(input)) {
            throw new IllegalArgumentException("--timeframes must start with the time frame of the bars (" + input
                    + ") but starts with " + out.get(0));
        }
        TimeframeList.checkSpec(set.spec(), out, timeframes);
        return out;
    }
}
