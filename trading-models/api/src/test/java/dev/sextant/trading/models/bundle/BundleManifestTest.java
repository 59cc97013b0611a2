package dev.sextant.trading.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.bundle.BundleManifest.EnsembleSpec;
import dev.sextant.trading.models.bundle.BundleManifest.ModelEntry;
import dev.sextant.trading.models.bundle.BundleManifest.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleManifestTest {

    private static final String SHA = "0".repeat(64);

    private static ModelEntry entry(String file) {
        return new ModelEntry("a", "logistic", file, SHA, Role.BASE, InputKind.VECTOR, 24, 1, Optional.empty(), Map.of());
    }

    @Test
    void modelFilesMustBeRelativeWithoutDotDot() {
        assertEquals("models/a.json", entry("models/a.json").file());
        assertThrows(IllegalArgumentException.class, () -> entry("/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> entry("models/../../x"));
        assertThrows(IllegalArgumentException.class, () -> entry("C:\\x"));
        assertThrows(IllegalArgumentException.class, () -> entry("manifest.json"));
    }

    @Test
    void checksumsMustBeLowercaseHex() {
        assertThrows(IllegalArgumentException.class, () -> new ModelEntry("a", "t", "f", "ABC", Role.BASE,
                InputKind.VECTOR, 24, 1, Optional.empty(), Map.of()));
    }

    @Test
    void ensembleSpecsAreConsistent() {
        assertThrows(IllegalArgumentException.class, () -> new EnsembleSpec("single", List.of("a", "b"), List.of(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> EnsembleSpec.weightedAverage(List.of("a", "b"), new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new EnsembleSpec("stacking", List.of("a"), List.of(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new EnsembleSpec("vote", List.of("a"), List.of(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> EnsembleSpec.weightedAverage(List.of("a", "a"), new double[] {1, 1}));
    }

    @Test
    void timeWindowsRunForwards() {
        assertThrows(IllegalArgumentException.class,
                () -> new BundleManifest.TimeWindow(Instant.ofEpochSecond(10), Instant.ofEpochSecond(5), 1));
    }
}
