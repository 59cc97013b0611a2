package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Real bundles for registry tests: one small logistic model trained once, written as often as needed. */
public final class TestBundles {
    /** Bars of an AR(1) process: enough for the trainer's fit, calibration and test parts. */
    public static final BarSeries BARS = SyntheticBars.ar1(700, -0.25, 0.001, 5);

    private static TrainedBundle trained;

    private TestBundles() {
    }

    /** The training config of the shared bundle. */
    public static TrainingConfig config() {
        return TrainingConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(1).labelThreshold(0.25)
                .bundleId("ar").build();
    }

    /** Writes the shared bundle to {@code dir/name}, with attribute {@code variant=name} so that each copy has its own digest. */
    public static synchronized Path write(Path dir, String name) {
        if (trained == null) {
            trained = BundleTrainer.train(BARS, config());
        }
        Path out = dir.resolve(name);
        try {
            trained.write(out, Map.of("tool", "sextant-test 0.1", "variant", name, Lineage.DATA_DIGEST, "ab".repeat(32)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
