package dev.sextant.trading.models.smile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainingSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmileModelsTest {

    @TempDir
    Path tmp;

    @Test
    void loadsAnyOfTheThreeTypes() throws IOException {
        float[][] x = new float[90][1];
        int[] y = new int[90];
        for (int i = 0; i < 90; i++) {
            y[i] = i % 3;
            x[i][0] = y[i] + (i % 7) * 0.05f;
        }
        TrainingSet data = TrainingSet.of(x, y);
        for (String type : new String[] {SmileModels.RANDOM_FOREST, SmileModels.LOGISTIC}) {
            TrainedModel m = Models.trainer(type).train(data, Map.of("id", type + "-x"));
            Path file = tmp.resolve(type + ".smile.json");
            m.save(file);
            try (Model back = SmileModels.load(file)) {
                assertEquals(type, back.metadata().type());
                assertEquals(type + "-x", back.metadata().id());
            }
        }
    }

    @Test
    void namesItsArtifact() {
        assertEquals("dev.sextant:trading-models-smile", SmileModels.ARTIFACT);
        assertEquals(SmileModels.ARTIFACT, Models.artifactFor(SmileModels.SVM));
        assertThrows(ModelLoadException.class, () -> SmileModels.load(tmp.resolve("missing.json")));
    }
}
