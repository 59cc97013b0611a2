package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.SeriesSummary;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.Evaluation;
import dev.sextant.trading.engine.WalkForwardConfig;
import dev.sextant.trading.engine.report.BacktestFiles;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant demo}: the whole pipeline on real data, from a fresh clone. Real Bitstamp BTC/USD
 * trades (org.ta4j:ta4j-examples:0.18, bundled in the jar) → 1-minute bars → standard-24 features
 * → walk-forward training (XGBoost and logistic regression, stacked, calibrated out of sample) →
 * out-of-sample predictions → backtest with sizing, pre-trade risk checks and the paper broker.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run data -> features -> training -> walk-forward -> backtest on real BTC/USD data.")
public final class DemoCommand implements Callable<Integer> {
    static final String TRADES = "bitstamp_trades_from_20131125_usd.csv";

    @Spec
    CommandSpec spec;

    @Option(names = "--input", description = "Trades CSV to use instead of the bundled Bitstamp BTC/USD trades.")
    Path input;

    @Option(names = "--models", defaultValue = "xgboost,logistic", split = ",",
            description = "Trainer ids (default ${DEFAULT-VALUE}).")
    String[] models;

    @Option(names = "--train", defaultValue = "3000", description = "Training bars per fold (default ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "1000", description = "Test bars per fold (default ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--report", defaultValue = "sextant-demo-report", description = "Report folder (default ${DEFAULT-VALUE}).")
    Path report;

    @Mixin
    TearSheetOption tearSheet;

    @Mixin
    TradingOptions trading;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OptionChecks.positive("--train", train);
        OptionChecks.positive("--test", test);
        long started = System.nanoTime();
        out.println("[1/4] data: real Bitstamp BTC/USD trades -> 1-minute bars");
        BarSeries bars;
        try (TradeCsvReader trades = input != null ? TradeCsvReader.open(input) : TradeCsvReader.open(bundled(), TRADES)) {
            bars = TradeAggregator.aggregate(trades, TimeFrame.M1, "BTC/USD");
        }
        SeriesSummary summary = SeriesSummary.of(bars);
        out.printf(Locale.ROOT, "      %d bars %s .. %s, %d gaps, close %.2f -> %.2f%n", summary.bars(), summary.first(),
                summary.last(), summary.gaps().size(), summary.firstClose(), summary.lastClose());

        OptionChecks.lessThanBars("--train", train, bars.size(), bars.name());
        OptionChecks.lessThanBars("--test", test, bars.size(), bars.name());
        trading.check();
        FeatureSpec features = FeatureSpec.standard24();
        out.printf(Locale.ROOT, "[2/4] features: %s v%d, %d columns, defined after %d bars (spec hash %s...)%n",
                features.name(), features.version(), features.size(), FeatureEngine.create(features).warmUp(),
                features.hash().substring(0, 12));

        WalkForwardConfig.Builder b = WalkForwardConfig.builder(features).horizon(1).labelThreshold(0.5).trainBars(train)
                .testBars(test).trials(trading.trials);
        b.models(models);
        WalkForwardConfig cfg = b.build();
        out.printf(Locale.ROOT, "[3/4] walk-forward: models %s, %d training / %d test bars per fold, horizon 1, purge + embargo 1,"
                + " temperature calibration on held-out rows%n", String.join("+", cfg.models()), train, test);
        BacktestConfig bt = trading.backtest(TimeFrame.M1, false);
        Evaluation e = Evaluation.run(bars, cfg, bt, ConsoleProgress.on(spec.commandLine().getErr()));
        out.printf(Locale.ROOT, "      %d folds, %d out-of-sample predictions%n", e.walkForward().folds().size(),
                e.walkForward().predictions().size());

        out.println("[4/4] backtest of the out-of-sample predictions: sizing, pre-trade checks, paper broker, costs");
        trading.printDecisions(out, e.backtest());
        out.print(e.report().summary());
        e.write(report);
        BacktestFiles.write(e.backtest(), bt, "demo", report);
        out.printf(Locale.ROOT, "report: %s (metrics.json, folds.json, predictions.csv, equity.csv, trades.csv, exposure.csv,"
                + " feature_importance.csv, run.json)%n", report.toAbsolutePath().normalize());
        tearSheet.write(report, out);
        out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        return 0;
    }

    private static InputStream bundled() {
        InputStream in = DemoCommand.class.getResourceAsStream("/" + TRADES);
        if (in == null) {
            throw new IllegalStateException(TRADES + " is not on the class path (org.ta4j:ta4j-examples:0.18)");
        }
        return in;
    }
}
