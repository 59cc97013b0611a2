package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.models.drift.DriftListener;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.DriftSettings;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftReplayTest {

    private static final Instrument BTC = BacktesterTest.BTC;
    private static final BarSeries CALM = SyntheticBars.ar1(6_000, -0.25, 0.001, 5);

    @TempDir
    static Path dir;
    private static Path bundle;

    @BeforeAll
    static void train() throws IOException {
        TrainingConfig config = TrainingConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(3)
                .labelThreshold(0.25).volatilityWindow(30).bundleId("calm").build();
        bundle = dir.resolve("calm");
        try (TrainedBundle trained = BundleTrainer.train(CALM.view(0, 3_000), config)) {
            trained.write(bundle, Map.of());
        }
    }

    @Test
    void theSameProcessIsRarelyGatedAndItsLossesAreScoredWithTheBundlesLabels() {
        try (ModelBundle b = ModelBundle.load(bundle)) {
            DriftReport r = DriftReplay.run(b, BTC, CALM.view(3_000, 6_000), TimeFrame.M1, DriftSettings.defaults());
            assertEquals(3_000, r.bars());
            assertEquals(new FixedHorizonLabeler(3, 0.25, 30), r.labels().orElseThrow());
            assertTrue(r.predictions() > 2_900, r.toString());
            assertTrue(r.gatedShare() < 0.1, r.toString());
            // Labels need 30 bars of volatility and settle 3 bars later.
            assertTrue(r.losses() > 2_800 && r.losses() <= r.predictions() - 3, r.toString());
            assertTrue(r.meanLoss() > 0.3 && r.meanLoss() < 2, r.toString());
        }
    }

    @Test
    void aWilderProcessIsGatedAndDrifts() {
        try (ModelBundle b = ModelBundle.load(bundle)) {
            DriftReport r = DriftReplay.run(b, BTC, SyntheticBars.ar1(3_000, 0.6, 0.02, 9), TimeFrame.M1,
                    DriftSettings.defaults());
            assertTrue(r.gatedShare() > 0.5, r.toString());
            assertTrue(r.alerts().stream().anyMatch(a -> a instanceof DriftAlert.FeatureDrift), r.alerts().toString());
            for (int i = 1; i < r.alerts().size(); i++) {
                assertTrue(!r.alerts().get(i).time().isBefore(r.alerts().get(i - 1).time()), "alerts in time order");
            }
        }
    }

    @Test
    void aBundleWithoutAReferenceSaysDriftIsUnavailable() throws IOException {
        Path old = dir.resolve("old");
        copy(bundle, old);
        Files.delete(old.resolve(DriftReference.FILE));
        Path sums = old.resolve(ModelBundle.CHECKSUMS);
        Files.writeString(sums, Files.readString(sums).replaceAll("(?m)^.*  reference\\.json\\n", ""));
        try (ModelBundle withReference = ModelBundle.load(bundle)) {
            assertTrue(DriftGuard.of(withReference, DriftListener.NONE).isPresent());
        }
        try (ModelBundle b = ModelBundle.load(old)) {
            assertTrue(DriftGuard.of(b, DriftListener.NONE).isEmpty(), "no reference: no guard");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DriftReplay.run(b, BTC, CALM.view(3_000, 3_500), TimeFrame.M1, DriftSettings.defaults()));
            assertTrue(e.getMessage().contains("has no reference.json") && e.getMessage().contains("unavailable"),
                    e.getMessage());
        }
    }

    @Test
    void labelsAreReadFromTheManifestAttribute() {
        BundleManifest m = ModelBundle.readManifest(bundle);
        assertEquals(new FixedHorizonLabeler(3, 0.25, 30), DriftGuard.labelsOf(m).orElseThrow());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
