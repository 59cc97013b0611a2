package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.live.registry.ModelVersion;
import dev.sextant.trading.live.registry.RegistryAudit;
import dev.sextant.trading.live.registry.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryModelsTest {
    @TempDir
    Path dir;

    @Test
    void showsTheServedModelUntilTheRegistryHasAChampionThenItsChampionAndChallengers() {
        List<String> alerts = new ArrayList<>();
        try (ModelRegistry registry = ModelRegistry.sqlite(dir.resolve("registry.db"), RegistryAudit.none())) {
            RegistryModels models = new RegistryModels(registry, "svc@1", () -> List.copyOf(alerts));
            assertEquals(ModelVersions.of("svc@1"), models.get());

            ModelVersion one = registry.register(ServiceRig.bundle(), "", "", "test", "");
            ModelVersion two = registry.register(ServiceRig.bundle(), "", "", "test", "");
            ModelVersion three = registry.register(ServiceRig.bundle(), "", "", "test", "");
            registry.promote(one.version(), Stage.CHAMPION, "test", "");
            registry.promote(two.version(), Stage.CHALLENGER, "test", "");
            registry.promote(three.version(), Stage.CHALLENGER, "test", "");
            alerts.add("a drift alert");
            String prefix = one.bundleId() + "@" + one.bundleVersion();
            assertEquals(new ModelVersions(prefix + " (v1)", List.of(prefix + " (v2)", prefix + " (v3)"), List.of("a drift alert")),
                    models.get());

            registry.promote(two.version(), Stage.CHAMPION, "test", "");
            assertEquals(new ModelVersions(prefix + " (v2)", List.of(prefix + " (v3)"), List.of("a drift alert")), models.get());
        }
    }
}
