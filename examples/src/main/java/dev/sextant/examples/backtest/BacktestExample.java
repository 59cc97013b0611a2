package dev.sextant.examples.backtest;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.BacktestResult;
import dev.sextant.trading.engine.Backtester;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import dev.sextant.trading.features.FeatureDefinition;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.linear.LogisticRegressionSettings;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Example 1: load bars, build a feature spec, train a bundle through the Java API, backtest it,
 * print the metrics. Runs on the real Bitstamp BTC/USD trades of {@code org.ta4j:ta4j-examples}
 * (the build unpacks them to {@code examples/target/data/}); {@code ExamplesTest} runs it.
 */
public final class BacktestExample {

    private BacktestExample() {
    }

    /** Runs on the trades CSV given as the first argument, default the build's copy. */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "target/data/bitstamp_trades_from_20131125_usd.csv"),
                new PrintWriter(System.out, true));
    }

    // readme:begin
    /** Trains on the trades' 1-minute bars and backtests the bars after the calibration rows. */
    public static BacktestResult run(Path tradesCsv, PrintWriter out) {
        // 1. Real trades -> 1-minute bars.
        BarSeries bars;
        try (TradeCsvReader trades = TradeCsvReader.open(tradesCsv)) {
            bars = TradeAggregator.aggregate(trades, TimeFrame.M1, "BTC/USD");
        }
        // 2. A feature spec of our own: six scale-free features (kinds and keys in docs/features.md).
        FeatureSpec spec = FeatureSpec.of("btc-6", 1, List.of(
                FeatureDefinition.of("rsi_14", "rsi", "period", 14),
                FeatureDefinition.of("bb_pct_b", "bb_percent_b"),
                FeatureDefinition.of("close_ema_21", "close_to_ema", "period", 21),
                FeatureDefinition.of("log_return_1", "log_return", "period", 1),
                FeatureDefinition.of("log_return_5", "log_return", "period", 5),
                FeatureDefinition.of("realized_vol_20", "realized_vol", "period", 20)));
        // 3. XGBoost and logistic regression, stacked out of fold, calibrated, scored on the last 15%.
        TrainingConfig config = TrainingConfig.builder(spec).models("xgboost")
                .model(LogisticRegressionSettings.defaults().withL2(0.1)).horizon(1).bundleId("btc-example").build();
        BacktestResult result;
        try (TrainedBundle trained = BundleTrainer.train(bars, config)) {
            out.println("trained on " + trained.describe());
            trained.metrics().forEach((name, m) -> out.printf(Locale.ROOT, "  %-20s accuracy %.3f  log loss %.3f%n", name,
                    m.accuracy(), m.logLoss()));
            // 4. Backtest the calibrated model on bars it was neither trained nor calibrated on, with a minimum
            //    edge of 0 bps: with the SDK default (20 bps) one-minute moves rarely clear the costs.
            BarSeries unseen = bars.view(trained.split().calibrationEnd(), bars.size());
            BacktestConfig backtest = BacktestConfig.builder(Instrument.crypto("BTC/USD", "PAPER", "USD"), TimeFrame.M1)
                    .costs(CostModel.ofBps(2, 1))
                    .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, false))
                    .build();
            result = Backtester.run(unseen, new ModelSignalSource(spec, trained.model(), "btc-example", "1"), backtest);
        }
        PerformanceMetrics p = result.performance();
        out.printf(Locale.ROOT, "backtest of %d bars: return %.3f%%, Sharpe %.2f, max drawdown %.3f%%, %d trades%n",
                result.equity().length, 100 * p.totalReturn(), p.sharpe(), 100 * p.maxDrawdown(), p.trades());
        return result;
    }
    // readme:end
}
