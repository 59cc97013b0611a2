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

/**
 * Logistic bundles trained once per test JVM on synthetic AR(1) bars: one on the standard 24
 * features, one on the extended 35 (another feature spec, for champion switches).
 */
final class TestBundle {
    private static Path bundle;
    private static Path extended;

    private TestBundle() {
    }

    /** The standard-24 bundle. */
    static synchronized Path get() {
        if (bundle == null) {
            bundle = train(FeatureSpec.standard24(), "flink-test");
        }
        return bundle;
    }

    /** The extended-35 bundle. */
    static synchronized Path extended() {
        if (extended == null) {
            extended = train(FeatureSpec.extended35(), "flink-test-extended");
        }
        return extended;
    }

    private static Path train(FeatureSpec spec, String id) {
        BarSeries training = SyntheticBars.ar1(3_000, -0.25, 0.001, 7);
        TrainingConfig config = TrainingConfig.builder(spec).models("logistic").horizon(1).bundleId(id).build();
        try {
            Path dir = Files.createTempDirectory("sextant-flink-bundle");
            dir.toFile().deleteOnExit();
            Path b = dir.resolve("bundle");
            try (TrainedBundle trained = BundleTrainer.train(training, config)) {
                trained.write(b, Map.of());
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
