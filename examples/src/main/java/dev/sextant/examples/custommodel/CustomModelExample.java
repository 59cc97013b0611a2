package dev.sextant.examples.custommodel;

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
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.BundleManifest.ModelEntry;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Example 4: a custom model type ({@link NearestCentroidModel}) with its own trainer and provider
 * registered by ServiceLoader, trained and saved into a bundle by the library's
 * {@link BundleTrainer}, loaded back by its type id, and traded by the backtester's pipeline.
 * See {@code docs/custom-model.md}.
 */
public final class CustomModelExample {

    private CustomModelExample() {
    }

    /** Runs on the trades CSV given as the first argument (default the build's copy), writing into a temporary folder. */
    public static void main(String[] args) throws IOException {
        Path trades = Path.of(args.length > 0 ? args[0] : "target/data/bitstamp_trades_from_20131125_usd.csv");
        run(trades, Files.createTempDirectory("centroid-").resolve("bundle"), new PrintWriter(System.out, true));
    }

    /** Trains, writes the bundle to {@code bundleDir} (must not exist or be empty), loads it and backtests it. */
    public static BacktestResult run(Path tradesCsv, Path bundleDir, PrintWriter out) throws IOException {
        BarSeries bars;
        try (TradeCsvReader trades = TradeCsvReader.open(tradesCsv)) {
            bars = TradeAggregator.aggregate(trades, TimeFrame.M1, "BTC/USD");
        }
        // 1. ServiceLoader finds the trainer and the provider by their type id (META-INF/services).
        out.println("trainers " + Models.trainerTypes() + ", providers " + Models.providerTypes());
        // 2. The library trains the custom type like a built-in one; string parameters reach its trainer.
        FeatureSpec spec = FeatureSpec.standard24();
        TrainingConfig config = TrainingConfig.builder(spec).models(NearestCentroidModel.TYPE)
                .params(NearestCentroidModel.TYPE, Map.of("temperature", "0.5")).horizon(1).bundleId("centroid").build();
        try (TrainedBundle trained = BundleTrainer.train(bars, config)) {
            trained.write(bundleDir, Map.of("example", "custom model"));
        }
        // 3. Load by type id: the manifest says example-centroid, Models.provider finds NearestCentroidProvider.
        try (ModelBundle bundle = ModelBundle.load(bundleDir, spec)) {
            BundleManifest manifest = bundle.manifest();
            ModelEntry entry = manifest.model(NearestCentroidModel.TYPE);
            out.printf(Locale.ROOT, "bundle %s: model %s of type %s in %s (sha256 %s...), %s%n", manifest.bundleId(),
                    entry.id(), entry.type(), entry.file(), entry.sha256().substring(0, 12),
                    bundle.model().metadata().type());
            // 4. The pipeline trades it on the held-out bars the manifest names.
            long testFrom = manifest.validation().orElseThrow().window().from().toEpochMilli();
            BarSeries unseen = bars.view(bars.indexOf(testFrom), bars.size());
            BacktestConfig backtest = BacktestConfig.builder(Instrument.crypto("BTC/USD", "PAPER", "USD"), TimeFrame.M1)
                    .costs(CostModel.ofBps(2, 1))
                    .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, false))
                    .build();
            BacktestResult result = Backtester.run(unseen, new ModelSignalSource(spec, bundle.model(), manifest.bundleId(),
                    manifest.bundleVersion()), backtest);
            out.printf(Locale.ROOT, "backtest of %d bars: return %.3f%%, %d trades%n", unseen.size(),
                    100 * result.performance().totalReturn(), result.performance().trades());
            return result;
        }
    }
}
