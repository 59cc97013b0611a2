package dev.sextant.trading.engine.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpoPolicyTest {
    static PpoPolicy policy() {
        return PolicySignalSourceTest.randomPolicy(TradingEnvironmentTest.SYN_DATA.scaler(), TradingEnvironmentTest.SYN_CFG, 5);
    }

    @Test
    void savesAndLoadsBitForBitThroughItsServiceLoaderProvider(@TempDir Path dir) throws Exception {
        PpoPolicy p = policy();
        Path file = dir.resolve("policy.json");
        p.save(file);
        PpoPolicy back = PpoPolicy.load(file);
        assertArrayEquals(p.actorParameters(), back.actorParameters());
        assertEquals(p.toParameters(), back.toParameters());
        try (Model m = Models.load(PpoPolicy.TYPE, file, Map.of())) {
            float[] in = new float[p.spec().size()];
            double[] a = new double[3];
            double[] b = new double[3];
            double ca = m.predict(in, a);
            double cb = p.predict(in, b);
            assertArrayEquals(b, a, 0.0);
            assertEquals(cb, ca, 0.0);
            assertTrue(ca > 0 && ca < 1, "the mean size is the confidence: " + ca);
        }
    }

    @Test
    void writesABundleVerifiedByChecksumsAndRefusesATamperedOne(@TempDir Path dir) throws Exception {
        PpoPolicy p = policy();
        Path bundle = dir.resolve("policy");
        p.writeBundle(bundle, "1");
        assertTrue(Files.exists(bundle.resolve(ModelBundle.CHECKSUMS)));
        assertArrayEquals(p.actorParameters(), PpoPolicy.loadBundle(bundle).actorParameters());
        try (ModelBundle loaded = ModelBundle.load(bundle, p.spec())) {
            assertEquals(PpoPolicy.TYPE, loaded.manifest().models().get(0).type());
        }
        Path file = bundle.resolve(ModelBundle.readManifest(bundle).models().get(0).file());
        Files.writeString(file, Files.readString(file) + " ");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> PpoPolicy.loadBundle(bundle));
        assertTrue(e.getMessage().contains("sha"), e.getMessage());
    }

    @Test
    void rejectsAFileWhoseShapeDoesNotFitNamingTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.json");
        policy().save(file);
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\"observationSize\" : [0-9.]+", "\"observationSize\" : 99"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> PpoPolicy.load(file));
        assertTrue(e.getMessage().contains("observationSize") && e.getMessage().contains(file.toString()), e.getMessage());
    }
}
