package dev.sextant.trading.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.bundle.BundleManifest.TimeWindow;
import dev.sextant.trading.models.internal.Sha256;
import dev.sextant.trading.models.linear.LogisticRegression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {

    @TempDir
    Path tmp;

    private static LogisticRegression model(String id, int features) {
        double[][] w = new double[3][features];
        w[0][0] = 1;
        return new LogisticRegression(id, w, new double[3], Provenance.unknown("test"));
    }

    private static final TimeWindow WINDOW = new TimeWindow(Instant.EPOCH, Instant.EPOCH, 1);

    @Test
    void recordsTheChecksumOfEveryFile() throws IOException {
        BundleManifest m = BundleWriter.create("b", "1", FeatureSpec.standard24()).addTrained(model("a", 24), null)
                .single("a").trainingWindow(WINDOW).writeDirectory(tmp.resolve("b"));
        assertEquals(Sha256.of(tmp.resolve("b").resolve(m.model("a").file())), m.model("a").sha256());
    }

    @Test
    void copiesModelFilesGivenByPath() throws IOException {
        Path src = tmp.resolve("net.json");
        LogisticRegression a = model("net", 24);
        a.save(src);
        BundleManifest m = BundleWriter.create("b", "1", FeatureSpec.standard24()).addFile(a, src, java.util.Map.of(), null)
                .single("net").trainingWindow(WINDOW).writeDirectory(tmp.resolve("b"));
        assertEquals("models/net.json", m.model("net").file());
        assertEquals(Files.readString(src), Files.readString(tmp.resolve("b/models/net.json")));
    }

    @Test
    void rejectsModelsOfAnotherWidthDuplicatesAndUnusedModels() throws IOException {
        FeatureSpec spec = FeatureSpec.standard24();
        assertThrows(IllegalArgumentException.class, () -> BundleWriter.create("b", "1", spec).addTrained(model("a", 5), null));
        assertThrows(IllegalArgumentException.class,
                () -> BundleWriter.create("b", "1", spec).addTrained(model("a", 24), null).addTrained(model("a", 24), null));
        BundleWriter unused = BundleWriter.create("b", "1", spec).addTrained(model("a", 24), null)
                .addTrained(model("b", 24), null).single("a").trainingWindow(WINDOW);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unused.writeDirectory(tmp.resolve("u")));
        assertTrue(e.getMessage().contains("not used"), e.getMessage());
    }

    @Test
    void refusesANonEmptyDirectoryAndAnUnfinishedBundle() throws IOException {
        Files.createDirectories(tmp.resolve("full"));
        Files.writeString(tmp.resolve("full/x"), "x");
        BundleWriter w = BundleWriter.create("b", "1", FeatureSpec.standard24()).addTrained(model("a", 24), null).single("a")
                .trainingWindow(WINDOW);
        assertThrows(IOException.class, () -> w.writeDirectory(tmp.resolve("full")));
        BundleWriter noEnsemble = BundleWriter.create("b", "1", FeatureSpec.standard24()).addTrained(model("a", 24), null);
        assertThrows(IllegalStateException.class, () -> noEnsemble.writeDirectory(tmp.resolve("n")));
    }

    @Test
    void writesARuleModelWithoutATrainingWindowAndLoadsItBack() throws IOException {
        BundleManifest m = BundleWriter.create("rule", "1", FeatureSpec.standard24()).addTrained(model("a", 24), null)
                .single("a").writeDirectory(tmp.resolve("rule"));
        assertTrue(m.trainingWindow().isEmpty());
        assertFalse(Files.readString(tmp.resolve("rule").resolve(ModelBundle.MANIFEST)).contains("trainingWindow"));
        try (ModelBundle loaded = ModelBundle.load(tmp.resolve("rule"), FeatureSpec.standard24())) {
            assertTrue(loaded.manifest().trainingWindow().isEmpty());
            assertEquals("a", loaded.model().metadata().id());
        }
    }

    @Test
    void stackingNeedsAMetaLearnerOfThreeValuesPerBase() {
        BundleWriter w = BundleWriter.create("b", "1", FeatureSpec.standard24()).addTrained(model("a", 24), null)
                .stacking(List.of("a"), model("meta", 4)).trainingWindow(WINDOW);
        assertThrows(IllegalArgumentException.class, () -> w.writeDirectory(tmp.resolve("s")));
    }

    @Test
    void aFailedWriteLeavesNoPartialBundleAndTheOldZipIntact() throws IOException {
        Path src = tmp.resolve("net.json");
        LogisticRegression a = model("net", 24);
        a.save(src);
        BundleWriter w = BundleWriter.create("b", "1", FeatureSpec.standard24()).addFile(a, src, java.util.Map.of(), null)
                .single("net").trainingWindow(WINDOW);
        Files.delete(src);
        assertThrows(IOException.class, () -> w.writeDirectory(tmp.resolve("dir")));
        assertTrue(Files.notExists(tmp.resolve("dir")));
        Files.writeString(tmp.resolve("old.zip"), "the old bundle");
        assertThrows(IOException.class, () -> w.writeZip(tmp.resolve("old.zip")));
        assertEquals("the old bundle", Files.readString(tmp.resolve("old.zip")));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("old.zip"), files.map(f -> f.getFileName().toString()).toList());
        }
    }
}
