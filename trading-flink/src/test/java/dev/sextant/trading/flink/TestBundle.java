package dev.sextant.trading.flink;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One logistic bundle on the standard 24 features, trained once per test JVM on synthetic AR(1) bars. */
final class TestBundle {
    private static Path bundle;

    private TestBundle() {
    }

    static synchronized Path get() {
        if (bundle == null) {
            BarSeries training = SyntheticBars.ar1(3_000, -0.25, 0.001, 7);
            TrainingConfig config = TrainingConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(1)
                    .bundleId("flink-test").build();
            try {
                Path dir = Files.createTempDirectory("sextant-flink-bundle");
                dir.toFile().deleteOnExit();
                Path b = dir.resolve("bundle");
                try (TrainedBundle trained = BundleTrainer.train(training, config)) {
                    trained.write(b, Map.of());
                }
                bundle = b;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundle;
    }
}
