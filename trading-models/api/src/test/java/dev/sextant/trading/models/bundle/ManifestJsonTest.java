package dev.sextant.trading.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.bundle.BundleManifest.EnsembleSpec;
import dev.sextant.trading.models.bundle.BundleManifest.ModelEntry;
import dev.sextant.trading.models.bundle.BundleManifest.Role;
import dev.sextant.trading.models.bundle.BundleManifest.TimeWindow;
import dev.sextant.trading.models.bundle.BundleManifest.ValidationReport;
import dev.sextant.trading.models.calibration.FitWindow;
import dev.sextant.trading.models.calibration.PlattScaling;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {

    private static BundleManifest manifest() {
        FeatureSpec spec = FeatureSpec.standard24();
        double[] ones = new double[24];
        java.util.Arrays.fill(ones, 1);
        ModelEntry a = new ModelEntry("a", "xgboost", "models/a.json", "a".repeat(64), Role.BASE, InputKind.VECTOR, 24, 1,
                Optional.of(new StandardScaler(new double[24], ones)), Map.of("engine", "java"));
        ModelEntry b = new ModelEntry("b", "onnx", "models/b.onnx", "b".repeat(64), Role.BASE, InputKind.WINDOW, 24, 60,
                Optional.empty(), Map.of());
        ModelEntry meta = new ModelEntry("meta", "logistic", "models/meta.json", "c".repeat(64), Role.META, InputKind.VECTOR,
                6, 1, Optional.empty(), Map.of());
        Instant t = Instant.parse("2024-03-01T00:00:00Z");
        ClassificationMetrics m = ClassificationMetrics.of(new double[] {0.5, 0.25, 0.25}, new int[] {0});
        return new BundleManifest(1, "id", "v1", t, spec, spec.hash(), List.of(a, b, meta),
                EnsembleSpec.stacking(List.of("a", "b"), "meta"),
                Optional.of(new PlattScaling(new double[] {1, 0.5, 2}, new double[] {0, -1, 0.25}, new FitWindow(5, 9, 5))),
                Optional.of(new TimeWindow(t, t.plusSeconds(60), 2)),
                Optional.of(new ValidationReport(new TimeWindow(t, t, 1), Map.of("ensemble", m))), Map.of("seed", "1"));
    }

    @Test
    void roundTripsEveryField() {
        BundleManifest before = manifest();
        BundleManifest after = ManifestJson.read(ManifestJson.write(before), "m");
        assertEquals(before.models(), after.models());
        assertEquals(before.ensemble(), after.ensemble());
        assertEquals(before.trainingWindow(), after.trainingWindow());
        assertEquals(before.validation(), after.validation());
        assertEquals(before.attributes(), after.attributes());
        assertEquals(before.featureSpec(), after.featureSpec());
        PlattScaling platt = (PlattScaling) after.calibration().orElseThrow();
        assertEquals(0.25, platt.intercepts()[2]);
        assertEquals(new FitWindow(5, 9, 5), platt.fittedOn());
    }

    @Test
    void rejectsAnEnsembleThatNamesAnUnlistedModel() {
        String json = ManifestJson.write(manifest()).replace("\"members\" : [ \"a\", \"b\" ]", "\"members\" : [ \"a\", \"z\" ]");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ManifestJson.read(json, "m"));
        assertTrue(e.getMessage().contains("'z'"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownCalibrationMethodAndBadTimes() {
        String json = ManifestJson.write(manifest());
        assertThrows(ModelLoadException.class, () -> ManifestJson.read(json.replace("\"method\" : \"platt\"",
                "\"method\" : \"beta\""), "m"));
        assertThrows(ModelLoadException.class, () -> ManifestJson.read(json.replace("\"createdAt\" : \"2024-03-01T00:00:00Z\"",
                "\"createdAt\" : \"yesterday\""), "m"));
    }
}
