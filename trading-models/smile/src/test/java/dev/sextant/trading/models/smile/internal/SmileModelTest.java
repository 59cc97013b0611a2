package dev.sextant.trading.models.smile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmileModelTest {

    @TempDir
    Path tmp;

    private Path savedForest() throws IOException {
        TrainedModel m = new RandomForestTrainer().train(Clusters.of(1, 120, 3), Map.of("nTrees", "5"));
        Path file = tmp.resolve("rf.smile.json");
        m.save(file);
        return file;
    }

    @Test
    void rejectsInputOfTheWrongLengthOrNonFinite() {
        TrainedModel m = new LogitTrainer().train(Clusters.of(1, 120, 3), Map.of());
        assertThrows(ModelInputException.class, () -> m.predict(new float[] {1, 2}, new double[3]));
        assertThrows(ModelInputException.class, () -> m.predict(new float[] {1, 2, Float.NaN}, new double[3]));
    }

    @Test
    void rejectsMissingNonJsonAndForeignFiles() throws IOException {
        assertThrows(ModelLoadException.class, () -> SmileModel.load(tmp.resolve("none.json"), null));
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "[1, 2");
        assertThrows(ModelLoadException.class, () -> SmileModel.load(bad, null));
        Files.writeString(bad, "{\"format\":\"sextant-logistic\",\"version\":1}");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SmileModel.load(bad, null));
        assertTrue(e.getMessage().contains("format"), e.getMessage());
    }

    @Test
    void rejectsAFileOfAnotherSmileType() throws IOException {
        Path file = savedForest();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SmileModel.load(file, "smile-svm"));
        assertTrue(e.getMessage().contains("holds a smile-rf model"), e.getMessage());
    }

    @Test
    void rejectsAFeatureCountThatDisagreesWithTheForest() throws IOException {
        Path file = savedForest();
        Files.writeString(file, Files.readString(file).replace("\"featureCount\" : 3", "\"featureCount\" : 4"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> SmileModel.load(file, null));
        assertTrue(e.getMessage().contains("featureCount 4"), e.getMessage());
    }

    @Test
    void rejectsInvalidBase64() throws IOException {
        Path file = savedForest();
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\"model\" : \"", "\"model\" : \"%%%"));
        assertThrows(ModelLoadException.class, () -> SmileModel.load(file, null));
    }

    @Test
    void keepsProvenanceThroughSaveAndLoad() throws IOException {
        Path file = savedForest();
        SmileModel back = SmileModel.load(file, "smile-rf");
        assertEquals("5", back.metadata().provenance().attributes().get("nTrees"));
        assertTrue(back.metadata().provenance().trainer().startsWith("smile "));
    }
}
