package dev.sextant.trading.engine;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One multi-timeframe bundle (1m, 5m, 15m, 1h over standard-24) trained once on a mean-reverting
 * synthetic series and shared by the multi-timeframe tests, written to a temporary directory
 * and loaded back as users load it.
 */
final class MultiTimeframeFixture {
    /** 5,000 one-minute bars, enough for the 1h features' warm-up and four stacking folds. */
    static final BarSeries BARS = SyntheticBars.ar1(5_000, -0.2, 0.001, 11);
    private static ModelBundle bundle;

    private MultiTimeframeFixture() {
    }

    static TrainingConfig config() {
        return MultiTimeframeModels.builder(FeatureSpec.standard24(), MultiTimeframeModels.STANDARD_TIMEFRAMES, Map.of())
                .horizon(5).folds(3).bundleId("mtf-test").build();
    }

    /** The trained bundle, loaded from disk (shared; never closed before the JVM exits). */
    static synchronized ModelBundle bundle() {
        if (bundle == null) {
            try (TrainedBundle trained = BundleTrainer.train(BARS, config())) {
                Path dir = Files.createTempDirectory("mtf-bundle-");
                trained.write(dir.resolve("bundle"), Map.of());
                bundle = ModelBundle.load(dir.resolve("bundle"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundle;
    }
}
