package dev.sextant.trading.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void unknownSmileTypeNamesTheSmileArtifact() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Models.provider("smile-rf"));
        assertTrue(e.getMessage().contains("dev.sextant:trading-models-smile"), e.getMessage());
        ModelLoadException t = assertThrows(ModelLoadException.class, () -> Models.trainer("smile-svm"));
        assertTrue(t.getMessage().contains("dev.sextant:trading-models-smile"), t.getMessage());
    }

    @Test
    void unknownNativeTypesNameTheirAdapterArtifacts() {
        assertEquals("dev.sextant:trading-models-onnx", Models.artifactFor("onnx"));
        assertEquals("dev.sextant:trading-models-xgboost", Models.artifactFor("xgboost"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Models.provider("onnx"));
        assertTrue(e.getMessage().contains("trading-models-onnx"), e.getMessage());
    }

    @Test
    void anUnheardOfTypeIsNamedInTheError() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Models.provider("quantum-forest"));
        assertTrue(e.getMessage().contains("'quantum-forest'"), e.getMessage());
    }

    @Test
    void resolvesTheSmileAliasesAndLowerCasesOtherNames() {
        assertEquals("smile-rf", Models.typeOf("rf"));
        assertEquals("smile-svm", Models.typeOf(" SVM "));
        assertEquals("smile-logit", Models.typeOf("logit"));
        assertEquals("xgboost", Models.typeOf("XGBoost"));
        assertEquals("my-model", Models.typeOf("my-model"));
        assertThrows(IllegalArgumentException.class, () -> Models.typeOf(" "));
    }

    @Test
    void rejectsBlankType() {
        assertThrows(IllegalArgumentException.class, () -> Models.provider(" "));
    }

    @Test
    void findsTheBuiltInLogisticProviderAndTrainer() throws Exception {
        assertTrue(Models.providerTypes().contains("logistic"));
        assertTrue(Models.trainerTypes().contains("logistic"));
        TrainedModel m = Models.trainer("logistic").train(
                TrainingSet.of(new float[][] {{0}, {1}, {2}, {3}}, new int[] {0, 0, 2, 2}), java.util.Map.of("id", "tiny"));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("lr", ".json");
        try {
            m.save(file);
            try (Model back = Models.load("logistic", file, java.util.Map.of())) {
                assertEquals("tiny", back.metadata().id());
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void trainerRejectsUnknownAndBadParameters() {
        TrainingSet data = TrainingSet.of(new float[][] {{0}, {1}}, new int[] {0, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.trainer("logistic").train(data, java.util.Map.of("maxDepth", "3")));
        assertTrue(e.getMessage().contains("maxDepth"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Models.trainer("logistic").train(data, java.util.Map.of("l2", "-1")));
        assertThrows(IllegalArgumentException.class,
                () -> Models.trainer("logistic").train(data, java.util.Map.of("l2", "abc")));
    }
}
