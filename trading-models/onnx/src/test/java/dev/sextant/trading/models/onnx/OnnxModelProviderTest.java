package dev.sextant.trading.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelProvider;
import dev.sextant.trading.models.Models;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxModelProviderTest {

    @Test
    void serviceLoaderFindsTheProviderByTypeId() {
        ModelProvider p = Models.provider("onnx");
        assertInstanceOf(OnnxModelProvider.class, p);
        assertEquals("dev.sextant:trading-models-onnx", p.artifact());
    }

    @Test
    void loadPassesOptionsThrough() {
        try (Model m = Models.load("onnx", OnnxModelTest.resource("dynamic_features.onnx"),
                Map.of("featureCount", "7", "intraOpThreads", "1"))) {
            assertEquals(7, m.metadata().featureCount());
        }
    }

    @Test
    void unknownOptionIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new OnnxModelProvider()
                .load(OnnxModelTest.resource("linear_logits.onnx"), Map.of("device", "gpu")));
    }
}
