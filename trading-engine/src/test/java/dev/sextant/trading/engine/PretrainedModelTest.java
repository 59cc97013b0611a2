package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.linear.LogisticRegression;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedModelTest {

    @TempDir
    Path dir;

    private Path save(Map<String, String> attributes) throws IOException {
        Path file = dir.resolve("m.json");
        new LogisticRegression("m", new double[3][2], new double[3], new Provenance("x", "y", 0, Instant.EPOCH, attributes))
                .save(file);
        return file;
    }

    @Test
    void readsTheEndOfItsTrainingDataFromItsMetadata() throws IOException {
        Path file = save(Map.of(PretrainedModel.TRAINED_THROUGH_ATTRIBUTE, "2013-11-30T16:13:00Z"));
        PretrainedModel p = PretrainedModel.load("logistic", file, Map.of());
        assertEquals(Instant.parse("2013-11-30T16:13:00Z"), p.trainedThrough());
        assertEquals(file, p.file().orElseThrow());
    }

    @Test
    void aModelThatDoesNotSayWhatItWasTrainedOnIsRejectedNamingTheAttribute() throws IOException {
        Path file = save(Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PretrainedModel.load("logistic", file, Map.of()));
        assertTrue(e.getMessage().contains(PretrainedModel.TRAINED_THROUGH_ATTRIBUTE) && e.getMessage().contains("m.json"),
                e.getMessage());
        Path bad = save(Map.of(PretrainedModel.TRAINED_THROUGH_ATTRIBUTE, "last tuesday"));
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> PretrainedModel.load("logistic", bad, Map.of()));
        assertTrue(b.getMessage().contains("'last tuesday'"), b.getMessage());
    }
}
