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
    void rejectsBlankType() {
        assertThrows(IllegalArgumentException.class, () -> Models.provider(" "));
    }
}
